import type { Edition } from "./editions.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { feedTemplates } from "./feeds.ts";
import type { ResolvedOptions } from "./options.ts";
import { browserModule } from "./search/index.ts";
import { layoutsFolder } from "./theme/layouts.ts";

/** Leaves generated pages out of `collections.all`, so they never list themselves. */
const generated = { eleventyExcludeFromCollections: true };

/** One of the plugin's own pages: an empty template that its theme layout fills, at `permalink`. */
export function addThemePage(eleventyConfig: EleventyConfig, key: string, layout: string, permalink: string, title: string): void {
  eleventyConfig.addTemplate(key, "", { ...generated, layout: `vestnik/${layout}`, permalink, title });
}

/** The search page's browser modules, bundled from TypeScript by an 11ty.js virtual template, under `prefix`. */
function addSearchModules(eleventyConfig: EleventyConfig, key: string, prefix: string): void {
  for (const module of ["search", "search-page"] as const) {
    eleventyConfig.addTemplate(
      `${key}/${module}.11ty.js`,
      { render: () => browserModule(module) },
      { ...generated, permalink: `${prefix}/search/${module}.js` },
    );
  }
}

/**
 * The pages every newsroom gets without writing a template: the front page and tag pages (both
 * paginated lists), the list of tags, the feeds and the page that lists them and, with search on,
 * the search page and its browser modules. The `pages` option moves or drops the front page, the
 * tag list, the feeds page and the search page. Their look comes from the theme's layouts
 * (theme/layouts.ts), which a site may override.
 */
export function addNewsroomPages(eleventyConfig: EleventyConfig, options: ResolvedOptions): void {
  eleventyConfig.addTransform("vestnik-indentation", function (this: { page?: { outputPath?: string | false } }, content: unknown) {
    const output = this.page?.outputPath;
    return typeof content === "string" && typeof output === "string" && output.endsWith(".html") ? withoutIndentation(content) : content;
  });
  eleventyConfig.addTemplate("vestnik/article-lists.njk", "", {
    ...generated,
    layout: "vestnik/list.njk",
    pagination: { data: "collections.vestnikListPagesToRender", size: 1, alias: "listPage", addAllPagesToCollections: false },
    permalink: "{{ listPage.url }}",
  });
  const { pages, strings } = options;
  if (pages.tags) addThemePage(eleventyConfig, "vestnik/tags.njk", "tags.njk", pages.tags, strings.allTags);
  // RSS, Atom and JSON Feed for the site and each tag, and the OPML list of them (see feeds.ts).
  // Each is written by a layout, its own content empty: Eleventy renders the content of every
  // template before it writes any page, so feeds rendered as content were all in memory at once
  // (6,327 feeds of up to 20 whole articles at 50,000 articles: over 1 GiB), while a layout is
  // rendered just before its page is written.
  const layouts = layoutsFolder(eleventyConfig);
  for (const [name, template, data] of feedTemplates) {
    eleventyConfig.addTemplate(`${layouts}vestnik/${name}`, template);
    eleventyConfig.addTemplate(`vestnik/${name}`, "", { ...generated, ...data, layout: `vestnik/${name}` });
  }
  if (pages.feeds) addThemePage(eleventyConfig, "vestnik/feeds.njk", "feeds.njk", pages.feeds, strings.feedsTitle);
  if (!options.search) return;
  eleventyConfig.addTemplateFormats("11ty.js");
  if (pages.search) addThemePage(eleventyConfig, "vestnik/search.njk", "search.njk", pages.search, strings.searchTitle);
  addSearchModules(eleventyConfig, "vestnik", "");
}

/**
 * An edition's own pages besides its lists and feeds (made with the site's, index.ts): its tags
 * list and feeds page, its search page and search modules at `/kk/search/`, which read the
 * edition's own index in `/kk/pagefind/`, and its 404 page. Each speaks the edition's language: every page under `/kk/` does.
 */
export function addEditionPages(eleventyConfig: EleventyConfig, edition: Edition): void {
  const { pages, strings, search } = edition.options;
  const name = `vestnik/${edition.language}`;
  if (pages.tags) addThemePage(eleventyConfig, `${name}/tags.njk`, "tags.njk", pages.tags, strings.allTags);
  if (pages.feeds) addThemePage(eleventyConfig, `${name}/feeds.njk`, "feeds.njk", pages.feeds, strings.feedsTitle);
  if (pages.notFound) addThemePage(eleventyConfig, `${name}/404.njk`, "404.njk", pages.notFound, strings.notFoundTitle);
  if (!search) return;
  if (pages.search) addThemePage(eleventyConfig, `${name}/search.njk`, "search.njk", pages.search, strings.searchTitle);
  addSearchModules(eleventyConfig, name, edition.prefix);
}

/**
 * Text for a double-quoted attribute, escaping only what ends or confuses one (`&` and `"`); the
 * template marks it `| safe`. Nunjucks' autoescape also writes every `'` as `&#39;`: twenty of them
 * in the Content-Security-Policy of every page.
 */
export function attributeText(text: unknown): string {
  return String(text ?? "")
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;");
}

/**
 * A page without the indentation and blank lines its layouts are written with (0.4 KB of an
 * article page). Only whitespace after a line break goes, and the line break stays, so the page
 * renders the same everywhere but in whitespace-preserving elements: a page with `<pre>` or
 * `<textarea>` is left as it is. One regular expression rather than an HTML minifier, which would cost milliseconds
 * a page at archive scale and rewrite the markup the tests and validators read.
 */
export function withoutIndentation(html: string): string {
  return /<(pre|textarea)[\s>]/i.test(html) ? html : html.replace(/\n[ \t\r\n]+/g, "\n");
}

import type { ArticleItem } from "./articles/newsroom.ts";
import { ignorePublishedFolder } from "./build-handover.ts";
import { NewsroomCalendar } from "./dates.ts";
import type { EleventyConfig } from "./eleventy.ts";
import type { ResolvedOptions } from "./options.ts";
import { plainSiteUrl } from "./site-url.ts";
import { lastChange } from "./sitemaps.ts";

/** Leaves generated files out of `collections.all`, so they never list themselves. */
const generated = { eleventyExcludeFromCollections: true };

/**
 * The sitemap: the front page, the tag index, the feeds page, every tag page and every article, with
 * absolute URLs, in `/sitemap.xml` or, for more addresses than one file may hold, in the files of
 * sitemaps.ts. `vestnikSiteUrl` is `htmlBaseUrl` with the bare origin, which adds Eleventy's path
 * prefix itself, as the feed does, so a base URL that already ends in the prefix never doubles it. A list page's
 * `lastmod` is the newest change among the articles it changes with (newsrooms.ts); an article's
 * is its `updated` date, or its date.
 */
export const sitemapTemplate = `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  {%- for listPage in sitemapFile.listPages %}
  {%- set lastmod = listPage.changes | vestnikLastModified %}
  <url>
    <loc>{{ listPage.url | vestnikSiteUrl }}</loc>
    {%- if lastmod %}
    <lastmod>{{ lastmod }}</lastmod>
    {%- endif %}
  </url>
  {%- endfor %}
  {%- set lastmod = collections.vestnikArticles | vestnikLastModified %}
  {%- for url in sitemapFile.otherPages %}
  <url>
    <loc>{{ url | vestnikSiteUrl }}</loc>
    {%- if lastmod %}
    <lastmod>{{ lastmod }}</lastmod>
    {%- endif %}
  </url>
  {%- endfor %}
  {%- for item in sitemapFile.articles %}
  <url>
    <loc>{{ item.url | vestnikSiteUrl }}</loc>
    <lastmod>{{ [item] | vestnikLastModified }}</lastmod>
  </url>
  {%- endfor %}
</urlset>
`;

/** `/sitemap.xml` when the sitemap is in several files: their index, each with its newest change. */
export const sitemapIndexTemplate = `<?xml version="1.0" encoding="utf-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  {%- for file in sitemapIndex.files %}
  {%- set lastmod = file.newest | vestnikLastModified %}
  <sitemap>
    <loc>{{ file.url | vestnikSiteUrl }}</loc>
    {%- if lastmod %}
    <lastmod>{{ lastmod }}</lastmod>
    {%- endif %}
  </sitemap>
  {%- endfor %}
</sitemapindex>
`;

/**
 * `/robots.txt`: crawling allowed, and where the sitemaps are (the site's and the Google News one of
 * src/syndication.ts), as the absolute URLs the format needs. Crawlers read robots.txt only at a
 * host's root: on a project site (`/<repo>/robots.txt`) it is ignored, and the sitemaps are
 * submitted to search engines by hand instead.
 */
export const robotsTemplate = `User-agent: *
Allow: {{ "/" | htmlBaseUrl }}

Sitemap: {{ "/sitemap.xml" | htmlBaseUrl(vestnik.origin) }}
Sitemap: {{ "/news-sitemap.xml" | htmlBaseUrl(vestnik.origin) }}
`;

/**
 * What publishing the site as static files needs besides its pages: `/sitemap.xml`, `/robots.txt`,
 * `/404.html` (GitHub Pages serves it for any unknown address, so its links are root-relative and
 * prefixed, never relative; its look comes from the theme's `vestnik/404.njk`) and `/.nojekyll`
 * (a site deployed from a branch is otherwise run through Jekyll, which drops files whose names
 * start with `_`).
 */
export function addPublishingFiles(eleventyConfig: EleventyConfig, options: ResolvedOptions): void {
  ignorePublishedFolder(eleventyConfig);
  const calendar = new NewsroomCalendar(options.language, options.timeZone);
  // A page's absolute URL: htmlBaseUrl(vestnik.origin), quicker for the plain paths of the site's pages (site-url.ts).
  eleventyConfig.addFilter("vestnikSiteUrl", function (this: unknown, url: string) {
    const plain = plainSiteUrl(url, options.origin, eleventyConfig.pathPrefix);
    if (plain !== undefined) return plain;
    const htmlBaseUrl = eleventyConfig.getFilter("htmlBaseUrl");
    if (!htmlBaseUrl) throw new Error("Vestnik: Eleventy's htmlBaseUrl filter is missing (its HTML base plugin was not added)");
    return htmlBaseUrl.call(this, url, options.origin);
  });
  // The newest publication or update among these articles, in the site's time zone; "" for none.
  // Every page of the front page (and of a tag) asks about the same list: work it out once per
  // list, not once per page (10,000 articles made that 30 s of a build).
  const known = new WeakMap<ArticleItem[], string>();
  eleventyConfig.addFilter("vestnikLastModified", (articles: ArticleItem[] = []) => {
    const cached = known.get(articles);
    if (cached !== undefined) return cached;
    const newest = lastChange(articles);
    const lastModified = newest === 0 ? "" : calendar.machine(new Date(newest));
    // An article's own date (`[item]`, a new list each time) is asked for once: keeping 50,000 of them costs more.
    if (articles.length > 1) known.set(articles, lastModified);
    return lastModified;
  });

  // The sitemap's files (sitemaps.ts), and their index when there are several: pages of a
  // pagination over collections, which are known only when pages render.
  eleventyConfig.addTemplate("vestnik/sitemap.njk", sitemapTemplate, {
    ...generated,
    pagination: { data: "collections.vestnikSitemapFiles", size: 1, alias: "sitemapFile" },
    permalink: "{{ sitemapFile.url }}",
  });
  eleventyConfig.addTemplate("vestnik/sitemap-index.njk", sitemapIndexTemplate, {
    ...generated,
    pagination: { data: "collections.vestnikSitemapIndex", size: 1, alias: "sitemapIndex" },
    permalink: "/sitemap.xml",
  });
  eleventyConfig.addTemplate("vestnik/robots.njk", robotsTemplate, { ...generated, permalink: "/robots.txt" });
  if (options.pages.notFound) {
    eleventyConfig.addTemplate("vestnik/404.njk", "", {
      ...generated,
      layout: "vestnik/404.njk",
      permalink: options.pages.notFound,
      title: options.strings.notFoundTitle,
    });
  }
  eleventyConfig.addTemplate("vestnik/nojekyll.njk", "", { ...generated, permalink: "/.nojekyll", eleventyAllowMissingExtension: true });
}

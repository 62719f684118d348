import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { withoutControlCharacters } from "./text.ts";
import type { Typography } from "./typography.ts";

/**
 * Raw HTML editors may paste into an article: embeds (video and map iframes over https, quoted
 * posts), figures, tables, media. Scripts, `on…=` handlers, `javascript:` URLs and inline styles
 * are dropped: the site's Content-Security-Policy would block them anyway, and an imported archive
 * must not be able to run code in a reader's browser.
 */
const embedPolicy: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "iframe", "figure", "figcaption", "video", "audio", "source", "picture"],
  allowedAttributes: {
    "*": ["lang", "dir", "title", "id", "class"],
    a: ["href", "hreflang", "rel", "target"],
    img: ["src", "srcset", "sizes", "alt", "width", "height", "loading"],
    iframe: ["src", "width", "height", "title", "allow", "allowfullscreen", "loading", "referrerpolicy"],
    video: ["src", "controls", "width", "height", "poster", "preload"],
    audio: ["src", "controls", "preload"],
    source: ["src", "srcset", "type", "media", "sizes"],
    ol: ["start", "reversed", "type"],
    td: ["colspan", "rowspan", "headers"],
    th: ["colspan", "rowspan", "headers", "scope", "abbr"],
    time: ["datetime"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { iframe: ["https"], img: ["http", "https", "data"] },
  allowProtocolRelative: false,
};

/**
 * The Markdown renderer for article bodies. Raw HTML is allowed because editors paste embeds, and
 * then cleaned with sanitize-html (an HTML parser with an allow-list; regular expressions lose to
 * markup). Bodies without any `<` have no raw HTML and skip the cleaning: most news text.
 * Links are not auto-detected, so «Kazinform.kz» in running text stays text.
 */
export function createMarkdown(typography?: Typography) {
  const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });
  // An indented paragraph is text, not code: agency exports indent paragraphs (Eleventy's own choice too).
  markdown.disable("code");
  const render = markdown.render.bind(markdown);
  markdown.render = (source: string, env?: Parameters<typeof render>[1]) => {
    const html = render(withoutControlCharacters(source), env);
    const safe = source.includes("<") ? sanitizeHtml(html, embedPolicy) : html;
    // Eleventy passes the page's data as markdown-it's env: an article in English is typeset as English.
    const language = (env as { article?: { lang?: string } } | undefined)?.article?.lang;
    return typography ? typography.forLanguage(language).html(safe) : safe;
  };
  return markdown;
}

/** What Vestnik needs of a site's Markdown library: markdown-it's `render`. */
interface MarkdownLibrary {
  render(source: string, env?: unknown): string;
}

/**
 * Articles are rendered by Vestnik's Markdown, every other Markdown page of the site by the site's
 * own library (Eleventy's markdown-it, or the one the site set, with its plugins). Eleventy hands
 * each page's data to `render`, so the page's input path decides.
 */
export function renderArticlesWith(
  eleventyConfig: { amendLibrary(engine: "md", amend: (library: MarkdownLibrary) => void): void },
  articles: MarkdownLibrary,
  isArticle: (inputPath: string) => boolean,
): void {
  eleventyConfig.amendLibrary("md", (library) => {
    const own = library.render.bind(library);
    library.render = (source, env) => {
      const inputPath = (env as { page?: { inputPath?: unknown } } | undefined)?.page?.inputPath;
      return typeof inputPath === "string" && isArticle(inputPath) ? articles.render(source, env) : own(source, env);
    };
  });
}

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

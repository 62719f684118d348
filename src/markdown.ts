import MarkdownIt from "markdown-it";

/**
 * The Markdown renderer for article bodies. Raw HTML stays allowed because editors paste embeds;
 * links are not auto-detected, so «Kazinform.kz» in running text stays text.
 */
export function createMarkdown() {
  return new MarkdownIt({ html: true, linkify: false, typographer: false });
}

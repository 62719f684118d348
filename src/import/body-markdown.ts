import MarkdownIt from "markdown-it";

/**
 * Body paragraphs arrive as plain text and must render exactly as published. Most paragraphs are
 * already valid Markdown that renders as themselves, and they are written untouched; only a
 * paragraph that Markdown would turn into something else («1. Принять отставку» into a list,
 * «<b>» into a tag, «*» into emphasis) is escaped.
 */

// The same settings as the site's renderer (src/markdown.ts): raw HTML on, no linkify, no typographer.
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** Whether Markdown renders the text as one paragraph of exactly that text. */
function rendersAsItself(source: string, text: string): boolean {
  const lines = text.split("\n").map((line) => line.trim());
  return markdown.render(source) === `<p>${markdown.utils.escapeHtml(lines.join("\n"))}</p>\n`;
}

// Characters that can start inline markup: emphasis, code, links, HTML, entities, strikethrough, escapes.
const inlineMarkup = /[\\`*_[\]<>&~|!]/g;

/** Escapes what a line would otherwise turn into a heading, quote, list, rule or code block. */
function escapeLineStart(line: string): string {
  return line
    .replace(/^(#{1,6})(?=\s|$)/, "\\$1")
    .replace(/^([-+*=])/, "\\$1")
    .replace(/^(\d{1,9})([.)])/, "$1\\$2");
}

/** One body paragraph as Markdown that renders as the given text. Lines inside it are kept. */
export function paragraphToMarkdown(text: string): string {
  const source = text
    .split("\n")
    .map((line) => line.trim())
    .join("\n");
  if (rendersAsItself(source, text)) return source;
  return source
    .split("\n")
    .map((line) => escapeLineStart(line.replace(inlineMarkup, "\\$&")))
    .join("\n");
}

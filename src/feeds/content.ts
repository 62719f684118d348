import sanitizeHtml from "sanitize-html";
import { shortened, withoutControlCharacters } from "../text.ts";

/**
 * The text with every character XML forbids or discourages removed: C0 controls but tab, line
 * feed and carriage return, DEL and C1 controls, noncharacters, unpaired surrogates. One of them
 * makes a whole feed unreadable to a conforming parser, so a single stray byte pasted into an
 * article would cut every subscriber off. Pages drop the same characters (src/text.ts).
 */
export function xmlSafe(text: string): string {
  return withoutControlCharacters(text);
}

/**
 * One line of plain text for a title, summary, author or category: XML-safe, whitespace collapsed,
 * and at most `max` characters, cut at a word boundary with «…».
 */
export function feedText(text: string | undefined, max: number): string {
  const line = xmlSafe(text ?? "")
    .replace(/\s+/g, " ")
    .trim();
  return shortened(line, max);
}

/** Elements a feed reader can show; everything else is dropped, keeping its text. */
const allowedTags = [...sanitizeHtml.defaults.allowedTags, "img"];

/**
 * Makes an article's HTML fit for feed readers, with sanitize-html (a maintained HTML parser and
 * allow-list, not regular expressions, which markup defeats). Article bodies allow raw HTML because
 * editors paste embeds, but readers show feed content inside their own pages and apps: scripts,
 * `on…=` handlers, `javascript:` links, styles and forms must not reach them, and most readers
 * strip them anyway (the W3C Feed Validator flags each one). What stays:
 * - text structure, links, images and tables, without `class`, `style` or `id`;
 * - URLs made absolute with `absolute`, since a reader has no base URL for a relative link;
 * - an `<iframe>` (a video or map embed) becomes a link to what it showed;
 * - only characters XML allows.
 */
export function feedHtml(html: string, absolute: (url: string) => string): string {
  const clean = sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: {
      "*": ["lang", "dir", "title"],
      a: ["href", "hreflang"],
      img: ["src", "alt", "width", "height"],
      ol: ["start", "reversed", "type"],
      td: ["colspan", "rowspan", "headers"],
      th: ["colspan", "rowspan", "headers", "scope", "abbr"],
      time: ["datetime"],
      data: ["value"],
    },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["http", "https"] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: withAbsolute(attribs, "href", absolute) }),
      img: (tagName, attribs) => ({ tagName, attribs: withAbsolute(attribs, "src", absolute) }),
      iframe: (_tagName, attribs): sanitizeHtml.Tag => {
        const src = attribs.src?.trim();
        return src
          ? { tagName: "a", attribs: { href: absolute(src) }, text: attribs.title?.trim() || src }
          : { tagName: "iframe", attribs: {}, text: "" };
      },
    },
    // A link left empty by a removed `javascript:` URL is noise.
    exclusiveFilter: (frame) => frame.tag === "a" && !frame.attribs.href && !frame.text.trim(),
  });
  return xmlSafe(clean);
}

function withAbsolute(attribs: sanitizeHtml.Attributes, name: string, absolute: (url: string) => string): sanitizeHtml.Attributes {
  const value = attribs[name]?.trim();
  if (value === undefined || value === "") return attribs;
  return { ...attribs, [name]: absolute(value) };
}

/** The running text of an article's HTML, without photo captions: a summary for an article without a lead. */
export function htmlText(html: string): string {
  // Blocks are separated by a space so paragraphs do not run together (spacing only: the sanitizer does the parsing).
  const spaced = html.replace(/<\/(p|h[1-6]|li|blockquote|div|figure)>/gi, "$& ");
  const escaped = sanitizeHtml(spaced, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "figcaption"],
  });
  // The sanitizer escapes the text it returns as HTML; a summary is plain text.
  return escaped.replace(/&(lt|gt|quot|amp);/g, (_, name: string) => ({ lt: "<", gt: ">", quot: '"', amp: "&" })[name] ?? "");
}

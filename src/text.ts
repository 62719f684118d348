/**
 * Characters no page or feed should carry: C0 controls other than tab, line feed and carriage
 * return, DEL and C1 controls (usually text decoded in the wrong code page), noncharacters and
 * unpaired surrogates. XML forbids most of them, so one stray byte pasted into an article would
 * make a whole feed unreadable; in HTML they are parse errors and invisible.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const unwanted = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Noncharacter_Code_Point}\p{Cs}]/gu;

/** The text without the characters above; everything else is kept as written. */
export function withoutControlCharacters(text: string): string {
  return text.replace(unwanted, "");
}

/** The same, for every string inside parsed front matter (titles, tags, captions…). */
export function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return withoutControlCharacters(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cleanStrings(inner)])) as T;
  }
  return value;
}

/**
 * The text cut to at most `limit` characters at the last word that fits, without the punctuation
 * before the cut, and marked with «…»; a text that fits is kept as it is.
 */
export function shortened(text: string, limit: number): string {
  const characters = [...text];
  if (characters.length <= limit) return text;
  const head = characters.slice(0, limit - 1).join("");
  const lastSpace = Math.max(head.lastIndexOf(" "), head.lastIndexOf("\u00a0"));
  const cut = lastSpace > head.length / 2 ? head.slice(0, lastSpace) : head;
  return `${cut.replace(/[\s\u00a0,.;:—–-]+$/u, "")}…`;
}

/**
 * A description meta's text, and a feed entry's summary: search engines and feed readers show about
 * 160 characters of it, and the rest would be paid on every article page and in every tag feed (a
 * lead averages 193 characters in the Wikinews corpus); the article keeps the whole lead.
 */
export const summaryLength = 160;

/** An article's description meta: its lead cut to `summaryLength` (filters.ts, `vestnikDescription`). */
export function shortDescription(text: string): string {
  return shortened(text, summaryLength);
}

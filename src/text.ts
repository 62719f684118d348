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

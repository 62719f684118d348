import { createHash } from "node:crypto";
import slugify from "@sindresorhus/slugify";

/**
 * Kazakh letters that the transliteration tables drop (they know Russian Cyrillic only).
 * Spelled as in the official Kazakh Latin alphabet, reduced to ASCII, so «Қазақстан» → `qazaqstan`.
 */
const kazakhLetters: [string, string][] = [
  ["Қ", "Q"],
  ["қ", "q"],
  ["Ә", "A"],
  ["ә", "a"],
  ["Ғ", "G"],
  ["ғ", "g"],
  ["Ң", "Ng"],
  ["ң", "ng"],
  ["Ө", "O"],
  ["ө", "o"],
  ["Ұ", "U"],
  ["ұ", "u"],
  ["Ү", "U"],
  ["ү", "u"],
  ["Һ", "H"],
  ["һ", "h"],
  ["І", "I"],
  ["і", "i"],
];

const maxLength = 120;

// Slugs are asked for the same tags and titles thousands of times per build: remember them.
const cache = new Map<string, string>();

/**
 * A URL slug transliterated from Russian or Kazakh text: «Касым-Жомарт Токаев» → `kasym-zhomart-tokaev`.
 * Text with no letters or digits at all (a tag made of punctuation or emoji) still gets a stable,
 * non-empty slug derived from its content, so two such tags never share a URL.
 */
export function slugOf(text: string): string {
  let slug = cache.get(text);
  if (slug === undefined) {
    // No decamelizing: «ҚазТрансОйл» and «iPhone» are names, not two words each.
    slug = slugify(text, { customReplacements: kazakhLetters, decamelize: false });
    if (slug === "") slug = `x-${createHash("sha1").update(text).digest("hex").slice(0, 8)}`;
    // A URL segment is a folder on disk, and file systems refuse names over 255 bytes: a very long
    // headline gets its first words, cut at a hyphen.
    if (slug.length > maxLength) slug = slug.slice(0, slug.lastIndexOf("-", maxLength) > 0 ? slug.lastIndexOf("-", maxLength) : maxLength);
    cache.set(text, slug);
  }
  return slug;
}

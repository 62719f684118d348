/**
 * How search reads a word, the same at build time (when the site's lexicon is made) and in the
 * reader's browser (when a query is looked up in it). Plain functions, no dependencies: this file is
 * bundled into `/search/search.js`.
 */

/** Kazakh letters written the Russian way: «Қазақстан» reads as «казакстан». */
const kazakhToRussian: Record<string, string> = {
  қ: "к",
  ә: "а",
  ғ: "г",
  ң: "н",
  ө: "о",
  ұ: "у",
  ү: "у",
  һ: "х",
  і: "и",
  ё: "е",
};

/**
 * A word as search compares it: lower case, ё as е, Kazakh letters as their Russian look-alikes,
 * accents and soft hyphens dropped. «Қазақстан» → «казакстан», «Пхёнчхан» → «пхенчхан».
 * Keeps й: it tells «новый» from «новы».
 */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .replace(/\u00ad|\u0301|\u0300/g, "")
    .replace(/[қәғңөұүһіё]/g, (letter) => kazakhToRussian[letter] ?? letter);
}

/** Letters of a word: Cyrillic (Russian and Kazakh), Latin, digits. */
const wordPattern = /[\p{L}\p{N}]+/gu;

/**
 * The words of a text as search takes them: runs of letters and digits. A hyphenated name gives its
 * parts («аль-Багдади» → «аль», «Багдади»), as Pagefind indexes them.
 */
export function splitWords(text: string): string[] {
  return text.normalize("NFC").match(wordPattern) ?? [];
}

/** Words that carry no meaning in a query of several words; a query of only these finds nothing. */
export const stopWords: ReadonlySet<string> = new Set(
  "а и в во на по о об от с со к ко у из за для при под над но да же ли бы не ни или то что как это".split(" "),
);

// Inflectional endings, longest first: what `key` takes off a word. Not a grammar: the same cut is
// made on the reader's word and on every form of the site's words, so only consistency matters.
const endings = [
  "иями",
  "ыми",
  "ими",
  "ями",
  "ами",
  "ого",
  "его",
  "ому",
  "ему",
  "ать",
  "ять",
  "ить",
  "еть",
  "уть",
  "ыть",
  "ешь",
  "ишь",
  "ете",
  "ите",
  "иях",
  "ием",
  "ией",
  "ых",
  "их",
  "ым",
  "им",
  "ом",
  "ем",
  "ая",
  "яя",
  "ую",
  "юю",
  "ой",
  "ей",
  "ый",
  "ий",
  "ое",
  "ее",
  "ые",
  "ие",
  "ою",
  "ею",
  "ах",
  "ях",
  "ам",
  "ям",
  "ов",
  "ев",
  "ия",
  "ии",
  "ию",
  "ья",
  "ье",
  "ьи",
  "ью",
  "ет",
  "ит",
  "ут",
  "ют",
  "ат",
  "ят",
  "ла",
  "ло",
  "ли",
  "ть",
  "ти",
  "а",
  "я",
  "о",
  "е",
  "ы",
  "и",
  "у",
  "ю",
  "ь",
  "й",
  "л",
];
const endingPattern = new RegExp(`(?:${endings.join("|")})$`, "u");
const minimumStem = 3;

/**
 * The part of a folded word that its inflected forms share, roughly: «цепочками» → «цепочк»,
 * «новая» → «нов», «готовились» → «готови». Short words and words of other scripts stay whole.
 * The site's lexicon files every form of every word it has under this key, so that the reader's
 * form finds the site's forms even where they look nothing alike («цепочек», «цепочка»).
 */
export function key(folded: string): string {
  if (!/^[а-яй]+$/u.test(folded) || folded.length <= minimumStem) return folded;
  let stem = folded;
  const reflexive = /(?:ся|сь)$/u.exec(stem);
  if (reflexive && stem.length - 2 >= minimumStem) stem = stem.slice(0, -2);
  const ending = endingPattern.exec(stem);
  if (ending && stem.length - ending[0].length >= minimumStem) stem = stem.slice(0, -ending[0].length);
  return stem;
}

/**
 * Whether two words are at most one typing slip apart: one letter wrong, missing, extra, or two
 * neighbours swapped (optimal string alignment distance ≤ 1).
 */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let start = 0;
  while (start < la && start < lb && a[start] === b[start]) start++;
  let endA = la;
  let endB = lb;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = endA - start;
  const restB = endB - start;
  if (restA <= 1 && restB <= 1) return true; // one substitution, insertion or deletion
  // two neighbours swapped: «нелокво» / «неловко»
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}

/** FNV-1a over UTF-16 code units: which lexicon file holds a key. */
export function bucketOf(text: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % buckets;
}

/** Shards of the site's word list for typo look-ups: by a word's first two and last two letters. */
export function typoShards(folded: string): [string, string] {
  return [`p${folded.slice(0, 2)}`, `s${folded.slice(-2)}`];
}

/** Words shorter than this are never corrected: too many real words lie one slip from them. */
export const minimumTypoLength = 5;

/** The list of the typo shards a site has, in the lexicon's version folder. */
export const shardListFile = "shards.txt";

/**
 * Every file of the lexicon's version folder is written gzipped under its name plus this: GitHub
 * Pages counts a site's bytes as stored, and the lexicon's JSON and word lists shrink to a third.
 * The browser unpacks them (search.ts); a server that sends them already unpacked is fine too.
 */
export const packedSuffix = ".gz";

/** A typo shard's file name, ASCII: `p` or `s`, then the letters' code points in base 36. */
export function shardFileName(shard: string): string {
  return [...shard].map((char, index) => (index === 0 ? char : char.codePointAt(0)?.toString(36))).join("-");
}

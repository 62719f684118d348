/**
 * From a reader's query to what Pagefind should search: each word of the query becomes the site's
 * own spellings of that word (its other forms, related words, or the word a typo was meant to be),
 * each with a weight. No network and no DOM here: the lexicon is passed in, so tests can give one
 * of their own. Bundled into `/search/search.js`.
 */
import { fold, key, minimumTypoLength, oneSlipApart, splitWords, stopWords, typoShards } from "./normalise.ts";

/** One lemma filed under a key (see lexicon.ts): its endings after the key (`*`: any), its spellings, related spellings. */
export interface LexiconGroup {
  endings: string[];
  same: string[];
  related: string[];
}

/** What the site's lexicon answers (see lexicon.ts). */
export interface Lexicon {
  /** The lemmas filed under a `key`; undefined when the site has no word with a form there. */
  entry(key: string): Promise<LexiconGroup[] | undefined>;
  /** The site's words in a typo shard (`typoShards`). */
  words(shard: string): Promise<string[]>;
}

/** Reads a key's groups as lexicon.ts writes them. */
export function decodeGroups(text: string): LexiconGroup[] {
  return text.split(";").map((group) => {
    const [endings = "", same = "", related = ""] = group.split("|");
    return { endings: endings.split(","), same: same.split(" ").filter(Boolean), related: related.split(" ").filter(Boolean) };
  });
}

/** One string for Pagefind to search, and how much a page found by it counts. */
export interface Variant {
  text: string;
  weight: number;
  /** How it was found: the word's own forms, a related word, or a typo correction. */
  via: "form" | "related" | "typo";
}

/** Weights: the reader's own spelling, another form, a related word, a corrected typo. */
export const weights = { exact: 1, form: 0.75, related: 0.5, typo: 0.4 } as const;

/** At most this many corrections are tried for one misspelt word. */
const maxCorrections = 4;

/**
 * The words of a query that mean something, folded: one-letter words and, among other words,
 * prepositions and conjunctions are dropped. A query of only such words gives none: «а» finds nothing.
 */
export function queryWords(query: string): string[] {
  const words = splitWords(query)
    .map(fold)
    .filter((word) => word.length > 1);
  const meaningful = words.filter((word) => !stopWords.has(word));
  return [...new Set(meaningful)];
}

/**
 * The variants of a word from its key's groups. Only the lemmas that have the word's own ending
 * count (so «нанесений» is the noun «нанесение», not the verb «нанести» whose «нанесен» shares the
 * key); when none has it (a form the dictionary does not know), all of them do.
 */
function variantsOf(groups: LexiconGroup[], word: string, scale = 1, via?: Variant["via"]): Variant[] {
  const ending = word.slice(key(word).length);
  const own = groups.filter((group) => group.endings.includes(ending) || group.endings.includes("*"));
  const chosen = own.length > 0 ? own : groups;
  const variants: Variant[] = [];
  for (const group of chosen) {
    for (const text of group.same)
      variants.push({ text, weight: scale * (fold(text) === word ? weights.exact : weights.form), via: via ?? "form" });
    for (const text of group.related) variants.push({ text, weight: scale * weights.related, via: via ?? "related" });
  }
  return bestOf(variants);
}

/** One spelling reached twice counts once, at its best weight. */
function bestOf(variants: Variant[]): Variant[] {
  const best = new Map<string, Variant>();
  for (const variant of variants) if ((best.get(variant.text)?.weight ?? 0) < variant.weight) best.set(variant.text, variant);
  return [...best.values()];
}

/** Site words one typing slip away from `word`, from the two shards that must hold any such word. */
export async function corrections(word: string, lexicon: Lexicon): Promise<string[]> {
  if (word.length < minimumTypoLength || !/^\p{L}+$/u.test(word)) return [];
  const shards = await Promise.all(typoShards(word).map((shard) => lexicon.words(shard)));
  const found = new Set<string>();
  for (const words of shards) for (const candidate of words) if (candidate !== word && oneSlipApart(word, candidate)) found.add(candidate);
  return [...found].slice(0, maxCorrections);
}

/**
 * What to search for one query word. Empty when the site has no such word, no form of it, nothing
 * related and nothing one slip away: then the word matches nothing, rather than Pagefind's nearest
 * shorter prefix («хлогщрк» would otherwise find «х…»).
 */
export async function expandWord(word: string, lexicon: Lexicon): Promise<Variant[]> {
  const groups = await lexicon.entry(key(word));
  if (groups) return variantsOf(groups, word);
  const variants: Variant[] = [];
  for (const fix of await corrections(word, lexicon)) {
    const fixed = await lexicon.entry(key(fix));
    if (fixed) variants.push(...variantsOf(fixed, fix, weights.typo, "typo"));
  }
  return bestOf(variants);
}

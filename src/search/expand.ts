/**
 * From a reader's query to what Pagefind should search: each word of the query becomes the site's
 * own spellings of that word (its other forms, related words, or the word a typo was meant to be),
 * each with a weight. No network and no DOM here: the lexicon is passed in, so tests can give one
 * of their own. Bundled into `/search/search.js`.
 */
import { fold, key, minimumTypoLength, oneSlipApart, splitWords, stopWords, typoShards } from "./normalise.ts";

/**
 * One lemma filed under a key (see lexicon.ts): its endings after the key (`*`: any), its
 * spellings, the spellings of the words a derivation rule relates to it and of the rest of their
 * family; and, for spellings few pages have, the ids of those pages.
 */
export interface LexiconGroup {
  endings: string[];
  same: string[];
  related: string[];
  family?: string[];
  pages?: Map<string, string[]>;
}

/** What the site's lexicon answers (see lexicon.ts). */
export interface Lexicon {
  /** The lemmas filed under a `key`; undefined when the site has no word with a form there. */
  entry(key: string): Promise<LexiconGroup[] | undefined>;
  /** The site's words in a typo shard (`typoShards`). */
  words(shard: string): Promise<string[]>;
}

/** The letters of a page key, six bits each: none is a separator of the lexicon's groups. */
const pageKeyLetters = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
/** A page key's length: 18 bits tell 262,144 pages apart; a page mistaken for a listed one only ranks higher. */
export const pageKeyLength = 3;

/**
 * How the lexicon's page lists name a page (lexicon.ts): three letters from a hash (FNV-1a) of its
 * Pagefind id, written one after the other. Three bytes a page where four hex digits and a dot
 * took five: the lists were a quarter of the lexicon.
 */
export function pageKeyOf(id: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193) >>> 0;
  let key = "";
  for (let letter = 0; letter < pageKeyLength; letter++) key += pageKeyLetters[(hash >>> (6 * letter)) & 63];
  return key;
}

/** Reads a key's groups as lexicon.ts writes them: a spelling's pages by their keys (`pageKeyOf`). */
export function decodeGroups(text: string): LexiconGroup[] {
  const keyPattern = new RegExp(`.{${pageKeyLength}}`, "g");
  return text.split(";").map((group) => {
    const pages = new Map<string, string[]>();
    const tier = (spellings = "") =>
      spellings
        .split(" ")
        .filter(Boolean)
        .map((spelling) => {
          const [word = "", list] = spelling.split(":");
          if (list) pages.set(word, list.match(keyPattern) ?? []);
          return word;
        });
    const [endings = "", same, related, family] = group.split("|");
    return { endings: endings.split(","), same: tier(same), related: tier(related), family: tier(family), pages };
  });
}

/** One string for Pagefind to search, and how much a page found by it counts. */
export interface Variant {
  text: string;
  weight: number;
  /** How it was found: the word's own forms, a related word, the rest of its family, or a typo correction. */
  via: "form" | "related" | "family" | "typo";
  /**
   * The keys (`pageKeyOf`) of the pages that have this spelling, when few do. Pagefind also finds pages that only share its
   * Snowball stem («меньше» for «Меньшов»); those count `weights.stemOnly` as much.
   */
  pages?: string[];
  /** For a corrected typo: the site's word it was corrected to. */
  reading?: string;
}

/**
 * Weights: the reader's own spelling (after ё/е and Kazakh folding), another form, a word a
 * derivation rule relates, the rest of its family, a corrected typo; and the share a page keeps
 * when Pagefind found it by a listed spelling's stem only.
 */
export const weights = { exact: 1, form: 0.75, related: 0.5, family: 0.3, typo: 0.4, stemOnly: 0.3 } as const;

/** At most this many corrections are tried for one misspelt word. */
const maxCorrections = 4;

/**
 * The words of a query that mean something, folded: one-letter words and, among other words,
 * prepositions and conjunctions are dropped (`stop`: a Kazakh site's own). A query of only such words gives none: «а» finds nothing.
 */
export function queryWords(query: string, stop: ReadonlySet<string> = stopWords): string[] {
  const words = splitWords(query)
    .map(fold)
    .filter((word) => word.length > 1);
  const meaningful = words.filter((word) => !stop.has(word));
  return [...new Set(meaningful)];
}

/** Whether a group has the word's own ending: a form of its lemma, as the site or the dictionary has it. */
function hasEnding(group: LexiconGroup, word: string): boolean {
  const ending = word.slice(key(word).length);
  return group.endings.includes(ending) || group.endings.includes("*");
}

/** The variants of a word from the groups chosen for it, weighed as `scale` says. */
export function variantsOf(groups: LexiconGroup[], word: string, scale = 1, via?: Variant["via"], reading?: string): Variant[] {
  const variants: Variant[] = [];
  for (const group of groups) {
    const add = (text: string, weight: number, how: Variant["via"]) => {
      const pages = group.pages?.get(text);
      variants.push({ text, weight: scale * weight, via: via ?? how, ...(pages ? { pages } : {}), ...(reading ? { reading } : {}) });
    };
    for (const text of group.same) add(text, fold(text) === word ? weights.exact : weights.form, "form");
    for (const text of group.related) add(text, weights.related, "related");
    for (const text of group.family ?? []) add(text, weights.family, "family");
  }
  return bestOf(variants);
}

/** One spelling reached twice counts once, at its best weight. */
export function bestOf(variants: Variant[]): Variant[] {
  const best = new Map<string, Variant>();
  for (const variant of variants) if ((best.get(variant.text)?.weight ?? 0) < variant.weight) best.set(variant.text, variant);
  return [...best.values()];
}

/**
 * What to search for a word the site has in some form, spelt as it is: the variants of the lemmas
 * that have its ending, and no corrections. Empty when the site has no such form.
 */
export async function knownForms(word: string, lexicon: Lexicon): Promise<Variant[]> {
  const own = (await lexicon.entry(key(word)))?.filter((group) => hasEnding(group, word)) ?? [];
  return own.length > 0 ? variantsOf(own, word) : [];
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
 * What to search for one query word. Only the lemmas that have the word's own ending count (so
 * «нанесений» is the noun «нанесение», not the verb «нанести» whose «нанесен» shares the key).
 * When none has it, the word is on the site in no form a dictionary knows: a slip («приказли» for
 * «приказали») or an odd form. Then the site's words one slip away come first, each in turn (the
 * reader may have meant any of them), and the key's lemmas after them. Empty when the site has no
 * such word, no form of it, nothing related and nothing one slip away: then the word matches
 * nothing, rather than Pagefind's nearest shorter prefix («хлогщрк» would otherwise find «х…»).
 */
export async function expandWord(word: string, lexicon: Lexicon): Promise<Variant[]> {
  const groups = await lexicon.entry(key(word));
  const own = groups?.filter((group) => hasEnding(group, word)) ?? [];
  if (own.length > 0) return variantsOf(own, word);
  const variants: Variant[] = [];
  // The corrections' entries are asked for at once: a download each, not one after another.
  const fixes = await corrections(word, lexicon);
  const entries = await Promise.all(fixes.map((fix) => lexicon.entry(key(fix))));
  for (const [index, fix] of fixes.entries()) {
    const fixed = entries[index]?.filter((group) => hasEnding(group, fix));
    if (fixed?.length) variants.push(...variantsOf(fixed, fix, weights.typo, "typo", fix));
  }
  if (groups) variants.push(...variantsOf(groups, word, weights.typo, "form"));
  return bestOf(variants);
}

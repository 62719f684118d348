/**
 * The site's lexicon: what `/search/search.js` needs to understand a Russian reader, made at build
 * time from the words the site actually has, so the browser never loads a dictionary.
 *
 * For every word of the site the OpenCorpora dictionary (az) gives its lemma and all forms of that
 * lemma; each form is filed under its `key` (normalise.ts). The reader's word is looked up by the
 * same key and answered with the site's own spellings of that lemma, which are what Pagefind
 * searches for. Related words come second: first the words a derivation rule names (авиация /
 * авиационный, Казахстан / казахстанский, поэтика / поэтический), then the rest of their family
 * (поэт). A list of the site's words, split by their first and by their last two letters, serves
 * typo corrections.
 *
 * Pagefind matches a word by its Snowball stem, and unrelated words can share one («Меньшов» and
 * «меньше» are both «меньш»; «удаётся» and «удалось» both «уда»). So a spelling that few pages have
 * carries the list of those pages: the browser ranks a page that has the spelling itself above a
 * page Pagefind found only by the stem, and the reader's exact form above the word's other forms.
 *
 * Files, under `search/lexicon/<version>/` and each gzipped (`.gz`, normalise.ts's `packedSuffix`): `k<n>.json` (key → spellings, in hash buckets),
 * `t<shard>.txt` (words for typo look-ups) and `shards.txt` (the shards there are); `search/lexicon.json` names the version, the bucket
 * count, and how many letters the page lists' keys have (`pageKeyOf`).
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import Az, { type AzParse } from "az";
import { loadMorphology, spellingRules } from "../morphology/word-facts.ts";
import { pageKeyLength, pageKeyOf } from "./expand.ts";
import { pagefindFragments } from "./fragments.ts";
import { isKazakh, kazakhEntries } from "./kazakh-lexicon.ts";
import type { LatinLanguage } from "./latin.ts";
import { bucketOf, fold, key, minimumTypoLength, packedSuffix, shardFileName, shardListFile, splitWords, typoShards } from "./normalise.ts";

/** What Az.js gives for a dictionary or predicted reading: all forms of its lemma. */
interface Paradigm extends AzParse {
  formCnt?: number;
  normalize(): AzParse | false;
  inflect(form: number): AzParse | false;
}

/** The lexicon as files: paths relative to the site's output folder, and their text. */
export interface LexiconFiles {
  files: Map<string, string>;
  /** How many distinct words the site has, and how many keys the lexicon files. */
  words: number;
  keys: number;
}

/** A page as Pagefind indexed it: its id (its fragment's name, as Pagefind's results give it) and its text. */
export interface IndexedPage {
  id: string;
  text: string;
}

/**
 * One lemma filed under a key: the endings after the key that its forms have (`*`: any), the
 * site's spellings of it, of the words a derivation rule names for it, and of the rest of their
 * derivation family.
 */
export interface Group {
  endings: string[];
  same: string[];
  related: string[];
  family: string[];
}

/** Most spellings one entry sends to Pagefind, per tier: each is one Pagefind search. */
const maxSame = 16;
const maxRelated = 8;
const maxFamily = 6;
/** A spelling on at most this many pages carries their list (see the top of this file). */
export const maxListedPages = 10;
/** Target size of one key bucket, in bytes of JSON. */
const bucketBytes = 6_000;

// Derivation: a lemma's suffix, what stays of it in the family root, and what else the family says.
// «авиация» and «авиационный» share the root «авиац»; «социализм», «социалист», «социалистический»
// share «социал». Applied to lemmas, longest suffix first.
const derivations: { suffix: string; keep: string; others: string[] }[] = [
  { suffix: "истический", keep: "", others: ["изм", "ист"] },
  { suffix: "ционный", keep: "ц", others: ["ия"] },
  { suffix: "ический", keep: "", others: ["ика", "ия"] },
  { suffix: "ийский", keep: "", others: ["ия"] },
  { suffix: "истка", keep: "", others: ["изм", "ист"] },
  { suffix: "ция", keep: "ц", others: ["ионный"] },
  { suffix: "изм", keep: "", others: ["ист", "истический"] },
  { suffix: "ист", keep: "", others: ["изм", "истический"] },
  { suffix: "ика", keep: "", others: ["ический"] },
  { suffix: "ский", keep: "", others: ["", "ия"] },
  { suffix: "ской", keep: "", others: [""] },
  { suffix: "ия", keep: "", others: ["ический", "ский", "ийский"] },
];
const minimumRoot = 4;
/** A rule may name a related word from a base this short («паника» / «панический»), but makes no family of it. */
const minimumBase = 3;

/**
 * A lemma's derivation family root and the related words a reader may type for it:
 * «конструкция» → «конструкц», [«конструкционный»]; «Бирмингем» → «бирмингем», [«бирмингемский»].
 * `proper` nouns also give their «-ский» adjective. A base shorter than four letters («пан» of
 * «паника») still names its rule's words («панический»), but is no family root: «пан» is a word
 * of its own, so the lemma is its own family.
 */
export function derivationOf(lemma: string, proper: boolean): { root: string; related: string[] } {
  for (const { suffix, keep, others } of derivations) {
    if (!lemma.endsWith(suffix)) continue;
    const base = lemma.slice(0, -suffix.length) + keep;
    if (base.length < minimumBase) break;
    const short = base.length < minimumRoot;
    const related = others
      .filter((other) => !short || other.length > 1)
      .map((other) => (keep ? base.slice(0, -keep.length) + keep + other : base + other));
    return { root: short ? lemma : base.replace(/ь$/u, ""), related };
  }
  if (/[ьаяо]$/u.test(lemma) && lemma.length > minimumRoot) {
    const root = lemma.slice(0, -1);
    return { root, related: proper ? [`${root}ский`] : [] };
  }
  if (/[бвгджзклмнпрстфхцчшщ]$/u.test(lemma)) return { root: lemma, related: proper ? [`${lemma}ский`] : [] };
  return { root: lemma, related: [] };
}

const functionParts = new Set(["NPRO", "PREP", "CONJ", "PRCL", "INTJ"]);
const surnamePattern = /^[а-я]{2,}(ов|ев|ин|ын)(а|у|ым|ом|е|ой|ы|ых|ыми)?$/u;
const surnameEndings = ["", "а", "у", "ым", "ом", "е", "ой", "ы", "ых", "ыми"];

/** Az.js's analyser with options (its type in src/import/az.d.ts takes the word only). */
const analyse = Az.Morph as unknown as (word: string, config: { ignoreCase: boolean; typos: number; stutter: number }) => Paradigm[];
const exactly = { ignoreCase: true, typos: 0, stutter: 0 };

/** What the lexicon takes from a reading of a word: its lemma, whether it is a noun, and the lemma's forms (folded). */
export interface Reading {
  lemma: string;
  noun: boolean;
  forms: string[];
}

/**
 * A word's readings (see `paradigmsOf`), remembered: `npm start` builds the lexicon again after each
 * edit, and the dictionary's analysis of the site's words is two seconds of it at 10,000 articles.
 */
export type ReadingsCache = Map<string, Reading[]>;

/** What a lexicon is made with besides the site's words. */
export interface LexiconOptions {
  /** The readings of words known from an earlier build (`npm start`). */
  readings?: ReadingsCache;
  /** The site's language: `kk` groups words by Kazakh stems (kazakh-lexicon.ts), anything else is Russian. */
  language?: string;
  /**
   * How search reads a query typed from a Latin keyboard (src/search/latin.ts), written into
   * `search/lexicon.json`: the language whose keyboard layout and romanisation it is read in
   * (`"ru"`, the default), or `false` for an edition whose own words are Latin (English), whose
   * queries are searched as typed only.
   */
  latin?: LatinLanguage | false;
}

function readingsOf(word: string, cache?: ReadingsCache): Reading[] {
  let readings = cache?.get(word);
  if (readings === undefined) {
    readings = paradigmsOf(word).map((parse) => ({ lemma: lemmaOf(parse, word), noun: parse.tag.NOUN === true, forms: formsOf(parse) }));
    cache?.set(word, readings);
  }
  return readings;
}

/** Readings worth filing a word under: dictionary ones, or the best guesses for an unknown word. */
function paradigmsOf(word: string): Paradigm[] {
  const parses = analyse(word, exactly);
  // Pronouns, prepositions, conjunctions and particles are filed as they are: their other forms
  // («ея», «оне») would only make junk match.
  if (parses.some((parse) => parse.parser === "Dictionary" && functionParts.has(String(parse.tag.POST)))) return [];
  const known = parses.filter((parse) => parse.parser === "Dictionary" && parse.formCnt !== undefined);
  if (known.length > 0) return known;
  const guessed = parses.filter((parse) => parse.formCnt !== undefined);
  const best = guessed[0]?.score ?? 0;
  return guessed.filter((parse) => parse.score >= best * 0.9).slice(0, 2);
}

function formsOf(parse: Paradigm): string[] {
  const forms: string[] = [];
  for (let index = 0; index < (parse.formCnt ?? 0); index++) {
    const form = parse.inflect(index);
    if (form) forms.push(fold(form.toString()));
  }
  return forms;
}

function lemmaOf(parse: Paradigm, word: string): string {
  const normal = parse.normalize();
  return normal ? fold(normal.toString()) : word;
}

/**
 * The spellings to search for, shortest first, without those already searched for. Each is searched
 * as an exact word («"цепочек"»): a plain Pagefind search would also take every longer word that
 * starts with its stem («зло» → «злоупотребление»).
 */
export function cover(spellings: Iterable<string>, already: string[] = []): string[] {
  const seen = new Set(already);
  return [...new Set(spellings)].filter((spelling) => !seen.has(spelling)).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}

/** Adds `value` to the set filed under `at`. */
function file<K, V>(map: Map<K, Set<V>>, at: K, value: V): void {
  const set = map.get(at) ?? new Set<V>();
  map.set(at, set);
  set.add(value);
}

/**
 * A group as the lexicon files write it: `endings|same|related|family`, each tier's spellings
 * space-separated; a spelling on few pages is followed by `:` and their keys (`pageKeyOf`), one after the other.
 */
export function encodeGroup(group: Group, pagesOf: (spelling: string) => string | undefined = () => undefined): string {
  const tier = (spellings: string[]) =>
    spellings
      .map((spelling) => {
        const pages = pagesOf(spelling);
        return pages ? `${spelling}:${pages}` : spelling;
      })
      .join(" ");
  return `${group.endings.join(",")}|${tier(group.same)}|${tier(group.related)}|${tier(group.family)}`;
}

/**
 * The words of some pages (a part of the index, or all of it): each folded form's spellings as
 * Pagefind indexed them (lower case), whether any occurrence was capitalised (a name, a place: those
 * get their «-ский» adjective), and the pages that have it while they are few.
 */
export interface PageWords {
  spellings: Map<string, Set<string>>;
  capitalised: Set<string>;
  /** Folded form → its pages' ids, or null once more than `maxListedPages` have it. */
  fewPages: Map<string, string[] | null>;
}

/** Reads the words of pages as Pagefind indexed them. Texts without an id (as tests give them) list no pages. */
export function wordsOfPages(pages: Iterable<IndexedPage | string>): PageWords {
  const spellings = new Map<string, Set<string>>();
  const capitalised = new Set<string>();
  // Only a form on few pages gets a page list, so a form's pages are kept until there are too many:
  // the common words of 10,000 pages would otherwise fill sets with millions of ids.
  const fewPages = new Map<string, string[] | null>();
  // A page repeats its words, and a site its spellings: each spelling is folded once.
  const foldedOf = new Map<string, string>();
  for (const page of pages) {
    const { id, text } = typeof page === "string" ? { id: undefined, text: page } : page;
    const seen = new Set<string>();
    for (const word of splitWords(text)) {
      if (seen.has(word)) continue;
      seen.add(word);
      let folded = foldedOf.get(word);
      if (folded === undefined) {
        folded = fold(word);
        foldedOf.set(word, folded);
        if (folded.length >= 2) {
          const lower = word.toLowerCase();
          const known = spellings.get(folded) ?? new Set<string>();
          spellings.set(folded, known);
          known.add(lower);
          if (word !== lower) capitalised.add(folded);
        }
      }
      if (folded.length < 2 || id === undefined) continue;
      const where = fewPages.get(folded);
      if (where === undefined) fewPages.set(folded, [id]);
      else if (where !== null && !where.includes(id)) {
        if (where.length < maxListedPages) where.push(id);
        else fewPages.set(folded, null);
      }
    }
  }
  return { spellings, capitalised, fewPages };
}

/**
 * The words of several parts' pages together, as `wordsOfPages` gives them for all those pages in
 * that order (so the lexicon is the same byte for byte). The parts are left as they are: `npm start`
 * keeps each part's words while the part is unchanged.
 */
export function mergePageWords(parts: readonly PageWords[]): PageWords {
  if (parts.length === 1 && parts[0]) return parts[0];
  const merged: PageWords = { spellings: new Map(), capitalised: new Set(), fewPages: new Map() };
  for (const part of parts) {
    for (const [folded, spellings] of part.spellings) {
      const known = merged.spellings.get(folded);
      merged.spellings.set(folded, known ? new Set([...known, ...spellings]) : spellings);
    }
    for (const folded of part.capitalised) merged.capitalised.add(folded);
    for (const [folded, pages] of part.fewPages) {
      const known = merged.fewPages.get(folded);
      if (known === undefined) merged.fewPages.set(folded, pages);
      else if (known === null || pages === null || known.length + pages.length > maxListedPages) merged.fewPages.set(folded, null);
      else merged.fewPages.set(folded, [...known, ...pages]);
    }
  }
  return merged;
}

/**
 * Builds the lexicon of a site from its pages as Pagefind indexed them, or from their words.
 * Texts without an id (as tests give them) make a lexicon without page lists.
 */
export async function buildLexicon(
  pages: Iterable<IndexedPage | string> | PageWords,
  warn: (message: string) => void = () => {},
  options: LexiconOptions = {},
): Promise<LexiconFiles> {
  const words = "spellings" in pages ? pages : wordsOfPages(pages);
  const { spellings, fewPages } = words;
  // Kazakh has no dictionary: its forms are grouped by the stems a suffix analysis gives (kazakh-lexicon.ts).
  const kazakh = isKazakh(options.language);
  const entries = kazakh ? kazakhEntries(spellings) : await russianEntries(words, warn, options.readings);
  const pageLists = new Map<string, string>();
  const pagesOf = (spelling: string): string | undefined => {
    const folded = fold(spelling);
    let list = pageLists.get(folded);
    if (list === undefined) {
      const where = fewPages.get(folded);
      list = where ? [...new Set(where.map(pageKeyOf))].sort().join("") : "";
      pageLists.set(folded, list);
    }
    return list || undefined;
  };

  // Key buckets: JSON objects of key → its groups, `;`-separated (encodeGroup).
  const encoded = [...entries].map(([k, groups]) => [k, groups.map((group) => encodeGroup(group, pagesOf)).join(";")] as const);
  const totalBytes = encoded.reduce((sum, [k, value]) => sum + Buffer.byteLength(k) + Buffer.byteLength(value) + 6, 0);
  const buckets = Math.max(1, Math.ceil(totalBytes / bucketBytes));
  const bucketed: Record<string, string>[] = Array.from({ length: buckets }, () => ({}));
  for (const [k, value] of encoded.sort(([a], [b]) => (a < b ? -1 : 1))) {
    const bucket = bucketed[bucketOf(k, buckets)];
    if (bucket) bucket[k] = value;
  }
  // Typo shards: the site's words of letters only, long enough to be corrected.
  const shards = new Map<string, Set<string>>();
  for (const word of [...spellings.keys()].sort()) {
    if (word.length < minimumTypoLength - 1 || !/^\p{L}+$/u.test(word)) continue;
    for (const shard of typoShards(word)) file(shards, shard, word);
  }

  const version = createHash("sha256")
    .update(JSON.stringify(bucketed))
    .update(JSON.stringify([...shards]))
    .digest("hex")
    .slice(0, 10);
  const files = new Map<string, string>();
  // A Kazakh lexicon says so: search.js then reads a query word by its Kazakh stems.
  const grammar = kazakh ? { grammar: "kk" } : {};
  files.set("search/lexicon.json", JSON.stringify({ version, buckets, pageKeys: pageKeyLength, ...grammar, latin: options.latin ?? "ru" }));
  for (const [index, bucket] of bucketed.entries()) files.set(`search/lexicon/${version}/k${index}.json`, JSON.stringify(bucket));
  for (const [shard, words] of shards) files.set(`search/lexicon/${version}/t${shardFileName(shard)}.txt`, [...words].join("\n"));
  // The shards there are, one per line: a typo in a word's first or last letters names a shard the
  // site does not have, and asking for it would be a 404 (on GitHub Pages, with the 404 page).
  files.set(`search/lexicon/${version}/${shardListFile}`, [...shards.keys()].sort().join("\n"));
  return { files, words: spellings.size, keys: entries.size };
}

/**
 * The Russian lexicon's entries: each key's lemmas, with the site's spellings of their forms, of
 * the words a derivation rule relates to them and of the rest of their families.
 */
async function russianEntries(
  { spellings, capitalised }: PageWords,
  warn: (message: string) => void,
  cache?: ReadingsCache,
): Promise<Map<string, Group[]>> {
  const morphology = await loadMorphology(warn);
  const withDictionary = morphology.name !== spellingRules.name;

  // Lemma → the site's words of that lemma; key → lemmas with a form filed under it.
  const siteWords = new Map<string, Set<string>>();
  // key → lemma → the endings after the key of that lemma's forms filed under it
  const lemmasOfKey = new Map<string, Map<string, Set<string>>>();
  const fileForm = (form: string, lemma: string) => {
    const k = key(form);
    const lemmas = lemmasOfKey.get(k) ?? new Map<string, Set<string>>();
    lemmasOfKey.set(k, lemmas);
    file(lemmas, lemma, form.slice(k.length));
  };
  const familyOf = new Map<string, string>();
  // The key of a word a derivation rule names → the lemmas that name it («поэтик» → поэтический).
  const namedBy = new Map<string, Set<string>>();
  const names = new Map<string, string[]>();
  const lemmaForms = new Map<string, Set<string>>();

  for (const word of spellings.keys()) {
    // A Russian-style surname declines by rule, whatever the dictionary guesses for a name it does
    // not know: «Панайотов», «Панайотова», «Панайотовым».
    const surname = capitalised.has(word) ? surnamePattern.exec(word) : null;
    if (surname?.[1]) {
      const base = word.slice(0, word.length - (surname[2]?.length ?? 0));
      file(siteWords, base, word);
      for (const ending of surnameEndings) fileForm(base + ending, base);
    }
    const readings = withDictionary && /^[а-яй]+$/u.test(word) && word.length > 1 ? readingsOf(word, cache) : [];
    if (readings.length === 0) {
      file(siteWords, word, word);
      fileForm(word, word);
      continue;
    }
    for (const reading of readings) {
      const { lemma } = reading;
      file(siteWords, lemma, word);
      fileForm(word, lemma);
      if (!lemmaForms.has(lemma)) lemmaForms.set(lemma, new Set(reading.forms));
      else for (const form of reading.forms) lemmaForms.get(lemma)?.add(form);
      if (!familyOf.has(lemma)) {
        const proper = capitalised.has(word) && reading.noun;
        const { root, related } = derivationOf(lemma, proper);
        familyOf.set(lemma, root);
        names.set(lemma, related);
        // A related word's forms share its key («авиационный», «авиационной»; «буддист», «буддистами»).
        for (const other of related) file(namedBy, key(other), lemma);
      }
    }
  }
  for (const [lemma, forms] of lemmaForms) for (const form of forms) fileForm(form, lemma);

  const family = new Map<string, Set<string>>();
  for (const [lemma, root] of familyOf) file(family, root, lemma);

  const spell = (words: Iterable<string>) => [...words].flatMap((word) => [...(spellings.get(word) ?? [])]);
  const wordsOf = (lemmas: Iterable<string>) => [...lemmas].flatMap((lemma) => [...(siteWords.get(lemma) ?? [])]);
  /** The lemmas a rule relates to these (they name them, or are named by them), then the rest of their families. */
  const relatives = (lemmas: string[], naming: Iterable<string>) => {
    const near = new Set(naming);
    for (const lemma of lemmas) {
      for (const other of namedBy.get(key(lemma)) ?? []) near.add(other);
      for (const other of names.get(lemma) ?? []) if (siteWords.has(other)) near.add(other);
    }
    const far = new Set<string>();
    for (const lemma of [...lemmas, ...near]) {
      const root = familyOf.get(lemma);
      for (const other of root === undefined ? [] : (family.get(root) ?? [])) far.add(other);
    }
    for (const lemma of [...lemmas, ...near]) far.delete(lemma);
    for (const lemma of lemmas) near.delete(lemma);
    return { near, far };
  };
  const entries = new Map<string, Group[]>();
  for (const [k, lemmas] of lemmasOfKey) {
    const groups: Group[] = [];
    for (const [lemma, endings] of lemmas) {
      // The spellings the reader may have typed (those filed under this key) first, then the others.
      const own = spell(siteWords.get(lemma) ?? []);
      const same = cover([...cover(own.filter((spelling) => key(fold(spelling)) === k)), ...cover(own)]).slice(0, maxSame);
      const { near, far } = relatives([lemma], namedBy.get(k) ?? []);
      const related = cover(spell(wordsOf(near)), same).slice(0, maxRelated);
      const kin = cover(spell(wordsOf(far)), [...same, ...related]).slice(0, maxFamily);
      if (same.length > 0 || related.length > 0 || kin.length > 0)
        groups.push({ endings: [...endings].sort(), same, related, family: kin });
    }
    if (groups.length > 0) entries.set(k, groups);
  }
  // Keys reached only through a related word: «конструкционный» when the site says «конструкция».
  for (const [k, naming] of namedBy) {
    if (entries.has(k)) continue;
    const { near, far } = relatives([], naming);
    const related = cover(spell(wordsOf(near))).slice(0, maxRelated);
    const kin = cover(spell(wordsOf(far)), related).slice(0, maxFamily);
    if (related.length > 0 || kin.length > 0) entries.set(k, [{ endings: ["*"], same: [], related, family: kin }]);
  }
  return entries;
}

/**
 * Reads the pages Pagefind indexed back from the fragment files of the index in `outputDir` (every
 * part, or the parts in `dirs`): exactly the words it can find, under the ids its search results give.
 */
export function indexedPages(outputDir: string, dirs?: readonly string[]): IndexedPage[] {
  const pages: IndexedPage[] = [];
  for (const { id, fragment } of pagefindFragments(outputDir, dirs)) {
    const parsed = fragment as { content?: string } | Record<string, { content?: string }>;
    const fragments =
      typeof parsed.content === "string" ? [parsed as { content: string }] : Object.values(parsed as Record<string, { content?: string }>);
    for (const one of fragments) if (typeof one?.content === "string") pages.push({ id, text: one.content });
  }
  return pages;
}

/**
 * Builds the lexicon of the site in `outputDir` (after Pagefind wrote its index), from the words of
 * its pages and the readings of its words when the caller has them, and writes its files.
 */
export async function writeLexicon(
  outputDir: string,
  warn?: (message: string) => void,
  known: { words?: PageWords } & LexiconOptions = {},
): Promise<LexiconFiles> {
  const { words, ...options } = known;
  const lexicon = await buildLexicon(words ?? indexedPages(outputDir), warn, options);
  await fs.rm(path.join(outputDir, "search/lexicon"), { recursive: true, force: true });
  for (const folder of new Set([...lexicon.files.keys()].map((relative) => path.dirname(path.join(outputDir, relative))))) {
    await fs.mkdir(folder, { recursive: true });
  }
  for (const [relative, text] of lexicon.files) {
    const file = path.join(outputDir, relative);
    // The manifest stays plain: it is what a reader's first search asks for, and tells the version.
    if (relative.startsWith("search/lexicon/")) writeFileSync(`${file}${packedSuffix}`, gzipSync(text, { level: 9 }));
    else writeFileSync(file, text);
  }
  return lexicon;
}

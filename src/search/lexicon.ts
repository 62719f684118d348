/**
 * The site's lexicon: what `/search/search.js` needs to understand a Russian reader, made at build
 * time from the words the site actually has, so the browser never loads a dictionary.
 *
 * For every word of the site the OpenCorpora dictionary (az) gives its lemma and all forms of that
 * lemma; each form is filed under its `key` (normalise.ts). The reader's word is looked up by the
 * same key and answered with the site's own spellings of that lemma, which are what Pagefind
 * searches for. Related words (авиация / авиационный, Казахстан / казахстанский) come second.
 * A list of the site's words, split by their first and by their last two letters, serves typo
 * corrections.
 *
 * Files, under `search/lexicon/<version>/`: `k<n>.json` (key → spellings, in hash buckets) and
 * `t<shard>.txt` (words for typo look-ups); `search/lexicon.json` names the version and bucket count.
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import Az, { type AzParse } from "az";
import { loadMorphology, spellingRules } from "../import/word-facts.ts";
import { bucketOf, fold, key, minimumTypoLength, shardFileName, splitWords, typoShards } from "./normalise.ts";

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

/**
 * One lemma (or derivation family) filed under a key: the endings after the key that its forms
 * have (`*`: any), the site's spellings of it, and the site's spellings of related words.
 */
interface Group {
  endings: string[];
  same: string[];
  related: string[];
}

/** Most spellings one entry sends to Pagefind, per tier: each is one Pagefind search. */
const maxSame = 16;
const maxRelated = 8;
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

/**
 * A lemma's derivation family root and the related words a reader may type for it:
 * «конструкция» → «конструкц», [«конструкционный»]; «Бирмингем» → «бирмингем», [«бирмингемский»].
 * `proper` nouns also give their «-ский» adjective.
 */
export function derivationOf(lemma: string, proper: boolean): { root: string; related: string[] } {
  for (const { suffix, keep, others } of derivations) {
    if (!lemma.endsWith(suffix)) continue;
    const base = lemma.slice(0, -suffix.length) + keep;
    if (base.length < minimumRoot) break;
    const root = base.replace(/ь$/u, "");
    return { root, related: others.map((other) => (keep ? base.slice(0, -keep.length) + keep + other : base + other)) };
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

/** Readings worth filing a word under: dictionary ones, or the best guesses for an unknown word. */
function readingsOf(word: string): Paradigm[] {
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
function cover(spellings: Iterable<string>, already: string[] = []): string[] {
  const seen = new Set(already);
  return [...new Set(spellings)].filter((spelling) => !seen.has(spelling)).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}

/** A group as the lexicon files write it: `endings|same spellings|related spellings`. */
export function encodeGroup(group: Group): string {
  return `${group.endings.join(",")}|${group.same.join(" ")}|${group.related.join(" ")}`;
}

/** Builds the lexicon of a site from the texts of its pages. */
export async function buildLexicon(texts: Iterable<string>, warn: (message: string) => void = () => {}): Promise<LexiconFiles> {
  // The site's words: folded form → the spellings Pagefind indexed (lower case), and whether any
  // occurrence was capitalised (a name, a place: those get their «-ский» adjective).
  const spellings = new Map<string, Set<string>>();
  const capitalised = new Set<string>();
  for (const text of texts) {
    for (const word of splitWords(text)) {
      const lower = word.toLowerCase();
      const folded = fold(word);
      if (folded.length < 2) continue;
      const known = spellings.get(folded) ?? new Set<string>();
      spellings.set(folded, known);
      known.add(lower);
      if (word !== lower) capitalised.add(folded);
    }
  }

  const morphology = await loadMorphology(warn);
  const withDictionary = morphology.name !== spellingRules.name;

  // Lemma → the site's words of that lemma; key → lemmas with a form filed under it.
  const siteWords = new Map<string, Set<string>>();
  const file = <K, V>(map: Map<K, Set<V>>, at: K, value: V) => {
    const set = map.get(at) ?? new Set<V>();
    map.set(at, set);
    set.add(value);
  };
  // key → lemma → the endings after the key of that lemma's forms filed under it
  const lemmasOfKey = new Map<string, Map<string, Set<string>>>();
  const fileForm = (form: string, lemma: string) => {
    const k = key(form);
    const lemmas = lemmasOfKey.get(k) ?? new Map<string, Set<string>>();
    lemmasOfKey.set(k, lemmas);
    file(lemmas, lemma, form.slice(k.length));
  };
  const familyOf = new Map<string, string>();
  const relatedKeys = new Map<string, Set<string>>();
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
    const readings = withDictionary && /^[а-яй]+$/u.test(word) && word.length > 1 ? readingsOf(word) : [];
    if (readings.length === 0) {
      file(siteWords, word, word);
      fileForm(word, word);
      continue;
    }
    for (const reading of readings) {
      const lemma = lemmaOf(reading, word);
      file(siteWords, lemma, word);
      fileForm(word, lemma);
      if (!lemmaForms.has(lemma)) lemmaForms.set(lemma, new Set(formsOf(reading)));
      else for (const form of formsOf(reading)) lemmaForms.get(lemma)?.add(form);
      if (!familyOf.has(lemma)) {
        const proper = capitalised.has(word) && reading.tag.NOUN === true;
        const { root, related } = derivationOf(lemma, proper);
        familyOf.set(lemma, root);
        // A related word's forms share its key («авиационный», «авиационной»; «буддист», «буддистами»).
        for (const other of related) file(relatedKeys, key(other), root);
      }
    }
  }
  for (const [lemma, forms] of lemmaForms) for (const form of forms) fileForm(form, lemma);

  const family = new Map<string, Set<string>>();
  for (const [lemma, root] of familyOf) file(family, root, lemma);

  const spell = (words: Iterable<string>) => [...words].flatMap((word) => [...(spellings.get(word) ?? [])]);
  const wordsOf = (lemmas: Iterable<string>) => [...lemmas].flatMap((lemma) => [...(siteWords.get(lemma) ?? [])]);
  const entries = new Map<string, Group[]>();
  for (const [k, lemmas] of lemmasOfKey) {
    const groups: Group[] = [];
    for (const [lemma, endings] of lemmas) {
      const same = cover(spell(siteWords.get(lemma) ?? [])).slice(0, maxSame);
      const roots = new Set([familyOf.get(lemma), ...(relatedKeys.get(k) ?? [])].filter((root) => root !== undefined));
      const relatedLemmas = [...roots].flatMap((root) => [...(family.get(root) ?? [])]).filter((other) => other !== lemma);
      const related = cover(spell(wordsOf(relatedLemmas)), same).slice(0, maxRelated);
      if (same.length > 0 || related.length > 0) groups.push({ endings: [...endings].sort(), same, related });
    }
    if (groups.length > 0) entries.set(k, groups);
  }
  // Keys reached only through a related word: «конструкционный» when the site says «конструкция».
  for (const [k, roots] of relatedKeys) {
    if (entries.has(k)) continue;
    const related = cover(spell(wordsOf([...roots].flatMap((root) => [...(family.get(root) ?? [])])))).slice(0, maxRelated);
    if (related.length > 0) entries.set(k, [{ endings: ["*"], same: [], related }]);
  }

  // Key buckets: JSON objects of key → its groups, `;`-separated (encodeGroup).
  const encoded = [...entries].map(([k, groups]) => [k, groups.map(encodeGroup).join(";")] as const);
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
  files.set("search/lexicon.json", JSON.stringify({ version, buckets }));
  for (const [index, bucket] of bucketed.entries()) files.set(`search/lexicon/${version}/k${index}.json`, JSON.stringify(bucket));
  for (const [shard, words] of shards) files.set(`search/lexicon/${version}/t${shardFileName(shard)}.txt`, [...words].join("\n"));
  return { files, words: spellings.size, keys: entries.size };
}

/** Reads the page texts Pagefind indexed back from its fragment files: exactly the words it can find. */
export async function indexedTexts(pagefindDir: string): Promise<string[]> {
  const { gunzipSync } = await import("node:zlib");
  const dir = path.join(pagefindDir, "fragment");
  const texts: string[] = [];
  for (const name of await fs.readdir(dir)) {
    if (!name.endsWith(".pf_fragment")) continue;
    let data = gunzipSync(await fs.readFile(path.join(dir, name)));
    if (data.subarray(0, 12).toString() === "pagefind_dcd") data = data.subarray(12);
    const parsed = JSON.parse(data.toString("utf8")) as { content?: string } | Record<string, { content?: string }>;
    const fragments =
      typeof parsed.content === "string" ? [parsed as { content: string }] : Object.values(parsed as Record<string, { content?: string }>);
    for (const fragment of fragments) if (typeof fragment?.content === "string") texts.push(fragment.content);
  }
  return texts;
}

/** Builds the lexicon of the site in `outputDir` (after Pagefind wrote its index) and writes its files. */
export async function writeLexicon(outputDir: string, warn?: (message: string) => void): Promise<LexiconFiles> {
  const lexicon = await buildLexicon(await indexedTexts(path.join(outputDir, "pagefind")), warn);
  await fs.rm(path.join(outputDir, "search/lexicon"), { recursive: true, force: true });
  for (const [relative, text] of lexicon.files) {
    const target = path.join(outputDir, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, text);
  }
  return lexicon;
}

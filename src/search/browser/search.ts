/**
 * The site's search, as a module any page can import: `/search/search.js`.
 * It loads Pagefind's index lazily, from the folder beside this module's own, so it works under
 * any path prefix without being told the prefix.
 */

import { gunzipSync, strFromU8 } from "fflate";
import { searchMisses } from "../../offline/search-misses.ts";
import { keptSearchFolder, searchFileFolders } from "../../offline/shared.ts";
import { decodeGroups, expandWord, type Lexicon, pageKeyOf, queryWords, type Variant, weights } from "../expand.ts";
import { kazakhStopWords } from "../kazakh.ts";
import { expandKazakhWord } from "../kazakh-expand.ts";
import { isLatinToken, type LatinReader, latinReaders, type Reading, readLatinToken } from "../latin.ts";
import { bucketOf, packedSuffix, shardFileName, shardListFile } from "../normalise.ts";
import { pagefindStem } from "../pagefind-stem.ts";

/** One article found. */
export interface Hit {
  /** The article's address, path prefix included. */
  url: string;
  title: string;
  /** Publication time, ISO 8601. */
  date: string;
  tags: string[];
  /** A passage around the match, as HTML with the matched words in `<mark>`. */
  excerpt: string;
  /** The article's first image, when it has one. */
  image?: string;
}

export interface SearchOptions {
  /** At most this many hits, best first. Default: 20. */
  limit?: number;
  /** Skip this many of the best hits first: the next screen of results. Default: 0. */
  offset?: number;
  /** Only articles that carry every one of these tags. */
  tags?: string[];
  /** Only articles published in this year. */
  year?: number;
}

interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

interface PagefindResult {
  id: string;
  score: number;
  /** Where in the page the match is, in words from its start. */
  words?: number[];
  data(): Promise<PagefindData>;
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options: Record<string, unknown>): Promise<void>;
  search(query: string, options?: Record<string, unknown>): Promise<{ results: PagefindResult[] } | null>;
  preload(query: string, options?: Record<string, unknown>): Promise<void>;
}

const siteRoot = new URL("../", import.meta.url);

/**
 * Where search reads its files from. Online, the site's own addresses, which the service worker
 * leaves to the browser: answering them cost each query a hop through the worker and a look in its
 * caches (evaluator's median 37-41 ms against 24-27 ms without). Offline, or when the network
 * fails a search, the same files under `search/kept/`, which the worker answers from what it kept
 * (src/offline/sw.ts). `root` is what the site's root is for the files' paths.
 */
interface Source {
  root: URL;
  kept: boolean;
}
const online: Source = { root: siteRoot, kept: false };
const kept: Source = { root: new URL(keptSearchFolder, siteRoot), kept: true };

/**
 * The promise kept under `key` in `made`, made by `make` the first time it is asked for, and again
 * after one failed (a download that failed is tried again by the next search).
 */
function madeOnce<K, T>(made: Map<K, Promise<T>>, key: K, make: () => Promise<T>): Promise<T> {
  let promise = made.get(key);
  if (!promise) {
    promise = make();
    made.set(key, promise);
    promise.catch(() => made.delete(key));
  }
  return promise;
}

const engines = new Map<Source, Promise<Pagefind>>();

/**
 * Pagefind with every part of the site's index (src/search/parts.ts): a large archive is indexed in
 * parts, and `pagefind/parts.json` lists the older ones, merged into the newest. Each source has an
 * instance of its own (a module imported from another address), so that what failed online is not
 * remembered offline.
 */
function pagefind(source: Source): Promise<Pagefind> {
  return madeOnce(engines, source, async () => {
    const partsList: Promise<{ parts?: string[]; shared?: string[] }> = fetch(new URL("pagefind/parts.json", source.root), {
      cache: "no-cache",
    })
      // Online, a network failure fails the search (then made from what was kept), not only its older parts.
      .then(
        (response) => (response.ok ? response.json().catch(() => ({})) : {}),
        (error: unknown) => (source.kept ? {} : Promise.reject(error)),
      );
    // Awaited below, once Pagefind is loaded: a failure before then is not an unhandled one.
    partsList.catch(() => undefined);
    const module = (await import(new URL("pagefind/pagefind.js", source.root).href)) as Pagefind;
    // On the page's own thread: Pagefind's web worker sends every result of every search back and
    // registers each for clean-up, and a query searches each form of a word in every part. At
    // 50,000 articles a common word («президент», 21,073 hits) took 1.5-2.3 s with the worker and
    // 1.0-1.6 s without; «правительство россии» 2.1-13 s and 1.4-1.7 s.
    // `noWorker` is read once, before `init` (a merged part has no worker of its own): Pagefind
    // warns of it as an unknown option wherever else it is given.
    const options = { baseUrl: siteRoot.pathname, excerptLength: 30 };
    // The newest part's folder said outright: a kept copy of pagefind.js answered by the worker
    // carries the site's own address, which Pagefind would take its folder from.
    await module.options({ ...options, noWorker: true, basePath: new URL("pagefind/", source.root).pathname });
    await module.init();
    const { parts = [], shared = [] } = await partsList;
    sharedIds = new Set(shared);
    await Promise.all(parts.map((part) => module.mergeIndex(new URL(part, source.root).pathname, options)));
    return module;
  });
}

/**
 * Ids that Pagefind gave to pages of more than one part of the index (each part names its pages by
 * a short hash of their own, about one clash in 10,000 pages of 50,000): such a result is told
 * apart by its page's address, the others by their id.
 */
let sharedIds = new Set<string>();

/** Each result's page: its id, or for a shared id its id and address (the only ones that cost a download). */
async function identities(results: PagefindResult[]): Promise<string[]> {
  const pages = results.map((result) => result.id);
  await Promise.all(
    results.map(async (result, index) => {
      if (sharedIds.has(result.id)) pages[index] = `${result.id} ${(await result.data()).url}`;
    }),
  );
  return pages;
}

/** The site's lexicon (lexicon.ts), fetched a file at a time as queries need it. */
class SiteLexicon implements Lexicon {
  readonly #files = new Map<string, Promise<unknown>>();
  constructor(
    /** The lexicon's folder. */
    readonly folder: URL,
    readonly version: string,
    readonly buckets: number,
    /** `kk`: the site's words are Kazakh, grouped by their stems (kazakh-lexicon.ts). */
    readonly grammar: string | undefined,
    /** How a query from a Latin keyboard is read, or undefined when it is searched as typed only. */
    readonly latin: LatinReader | undefined,
  ) {}

  /** A Pagefind result's id as the lexicon's page lists write it (`pageKeyOf`). */
  pageKey(id: string): string {
    return pageKeyOf(id);
  }

  /**
   * What Pagefind files a spelling under: spellings with one stem are searched once. Pagefind
   * stems Russian pages only; a Kazakh or English site's spellings are each their own.
   */
  stem(spelling: string): string {
    return this.grammar === undefined && this.latin === latinReaders.ru ? pagefindStem(spelling) : spelling;
  }

  #load<T>(name: string, parse: (text: string) => T, empty: T): Promise<T> {
    // A network failure fails the search: it is then made again from what the device kept.
    return madeOnce(this.#files, name, async () => {
      const response = await fetch(new URL(`${this.version}/${name}${packedSuffix}`, this.folder));
      if (!response.ok) return empty;
      const bytes = new Uint8Array(await response.arrayBuffer());
      try {
        return parse(unpacked(bytes));
      } catch {
        // A damaged file: the words are searched as typed.
        return empty;
      }
    }) as Promise<T>;
  }

  async entry(key: string) {
    const bucket = await this.#load<Record<string, string>>(`k${bucketOf(key, this.buckets)}.json`, (text) => JSON.parse(text), {});
    const found = bucket[key];
    return found === undefined ? undefined : decodeGroups(found);
  }

  async words(shard: string) {
    const lines = (text: string) => text.split("\n").filter(Boolean);
    // Only shards the site has are asked for (a lexicon made before the list asks for any).
    const shards = await this.#load<string[] | undefined>(shardListFile, lines, undefined);
    if (shards && !shards.includes(shard)) return [];
    return this.#load<string[]>(`t${shardFileName(shard)}.txt`, lines, []);
  }
}

/**
 * A lexicon file's text: stored gzipped (normalise.ts's `packedSuffix`), unless the server already
 * unpacked it on the way (it sent it with Content-Encoding: gzip). Unpacked by fflate on the page's
 * thread: the browser's DecompressionStream took 2-3 ms more a file of a few kilobytes.
 */
function unpacked(bytes: Uint8Array): string {
  return strFromU8(bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes);
}

const lexicons = new Map<Source, Promise<SiteLexicon | undefined>>();

/** The lexicon, or undefined on a site built without one: then search is Pagefind's own. */
function siteLexicon(source: Source): Promise<SiteLexicon | undefined> {
  type Manifest = { version: string; buckets: number; grammar?: string; latin?: string | false };
  return madeOnce(lexicons, source, () =>
    fetch(new URL("search/lexicon.json", source.root), { cache: "no-cache" }).then(
      async (response) => {
        const manifest = response.ok ? await (response.json() as Promise<Manifest>).catch(() => undefined) : undefined;
        if (!manifest) return undefined;
        // A lexicon made before the manifest named it is a Russian site's.
        const latin =
          manifest.latin === false ? undefined : (latinReaders as Record<string, LatinReader | undefined>)[manifest.latin ?? "ru"];
        return new SiteLexicon(new URL("search/lexicon/", source.root), manifest.version, manifest.buckets, manifest.grammar, latin);
      },
      (error: unknown) => {
        // Online, a network failure fails the search, which is then made from what the device kept;
        // with no lexicon kept, words are searched as typed.
        if (source.kept) return undefined;
        throw error;
      },
    ),
  );
}

/** How far a page's place in the ranking moves within the band its kind of match gives it. */
const rankWithin = 0.2;
/** Where in a page (in words) a match counts half as much as one at the very start: the headline and lead come first. */
const halfWay = 20;

/** A page found for one query word: its best-weighted Pagefind result. */
interface Found {
  score: number;
  result: PagefindResult;
  /** For how many words of the query the page has a rewritten reading only (latin.ts), not the word as typed. */
  rewritten?: number;
}

/**
 * The pages that have one query word in any of its variants. Each variant is searched quoted, so
 * that Pagefind matches the word's stem exactly, not every longer word starting with it.
 */
async function pagesForWord(
  engine: Pagefind,
  variants: Variant[],
  filters: Record<string, unknown>,
  lexicon: SiteLexicon,
): Promise<Map<string, Found>> {
  const pageKey = (id: string) => lexicon.pageKey(id);
  const pages = new Map<string, Found>();
  // Spellings of one stem find the same pages (each then weighs them as it does): one search.
  const byStem = new Map<string, ReturnType<Pagefind["search"]>>();
  const searches = await Promise.all(
    variants.map((variant) => {
      const stem = lexicon.stem(variant.text);
      const search = byStem.get(stem) ?? engine.search(`"${variant.text}"`, { filters });
      byStem.set(stem, search);
      return search;
    }),
  );
  // A quoted search misses a spelling that a page has only as part of a hyphenated word
  // («киндер-сюрприза», «колото-ножевого»): when a listed page is missing, a plain search finds it,
  // and only the listed pages are taken from it (the rest are longer words that start the same).
  const plain = await Promise.all(
    variants.map(async (variant, index) => {
      const quoted = new Set((searches[index]?.results ?? []).map((result) => pageKey(result.id)));
      if (!variant.pages?.some((id) => !quoted.has(id))) return [];
      const listed = new Set(variant.pages);
      return ((await engine.search(variant.text, { filters }))?.results ?? []).filter(
        (result) => listed.has(pageKey(result.id)) && !quoted.has(pageKey(result.id)),
      );
    }),
  );
  // A word corrected several ways: the best pages of each reading come in turn.
  const turns = new Map<string, number>();
  const found: { variant: Variant; result: PagefindResult; weight: number; start: number }[] = [];
  variants.forEach((variant, index) => {
    const listed = variant.pages ? new Set(variant.pages) : undefined;
    for (const result of [...(searches[index]?.results ?? []), ...(plain[index] ?? [])]) {
      // How a page was found comes first: the reader's own form, another form, a related word, a
      // correction; a page that only shares a listed spelling's Snowball stem comes after those.
      const weight = listed && !listed.has(pageKey(result.id)) ? variant.weight * weights.stemOnly : variant.weight;
      found.push({ variant, result, weight, start: Math.min(...(result.words ?? []), Number.MAX_SAFE_INTEGER) });
    }
  });
  // Within a band, quoted searches all score alike: a page comes first whose match is nearer its
  // start, in the headline or lead.
  found.sort((a, b) => b.weight - a.weight || a.start - b.start);
  const pageOf = await identities(found.map(({ result }) => result));
  for (const [index, { variant, result, weight, start }] of found.entries()) {
    const page = pageOf[index] ?? result.id;
    let place = halfWay / (halfWay + start);
    if (variant.reading !== undefined) {
      const turn = turns.get(variant.reading) ?? 0;
      turns.set(variant.reading, turn + 1);
      place = 1 / (1 + turn);
    }
    const score = weight + rankWithin * place;
    if ((pages.get(page)?.score ?? -1) < score) pages.set(page, { score, result });
  }
  return pages;
}

/** Pages that match every word of the query, each word by any of its variants. */
function everyWord(perWord: Map<string, Found>[]): Map<string, Found> {
  const [first, ...rest] = perWord;
  const matches = new Map<string, Found>();
  if (!first) return matches;
  for (const [id, found] of first) {
    let score = found.score;
    let rewritten = found.rewritten ?? 0;
    let best = found;
    let everywhere = true;
    for (const pages of rest) {
      const other = pages.get(id);
      if (!other) {
        everywhere = false;
        break;
      }
      score += other.score;
      rewritten += other.rewritten ?? 0;
      if (other.score > best.score) best = other;
    }
    if (everywhere) matches.set(id, { score, result: best.result, rewritten });
  }
  return matches;
}

/**
 * Pages that match every word of the query, best first: those that match it as typed before those
 * that need a rewritten reading of a word (and fewer such words first), then by score.
 */
function matchingPages(perWord: Map<string, Found>[]): Found[] {
  return [...everyWord(perWord).values()].sort((a, b) => (a.rewritten ?? 0) - (b.rewritten ?? 0) || b.score - a.score);
}

/** The pages of one word of the query read in any of its ways: a page takes its reading as typed if it has one, else its best. */
async function pagesForReadings(
  engine: Pagefind,
  readings: Reading[],
  filters: Record<string, unknown>,
  lexicon: SiteLexicon,
): Promise<Map<string, Found>> {
  const pages = new Map<string, Found>();
  const perReading = await Promise.all(
    readings.map(async (reading) => {
      const perWord = await Promise.all(reading.words.map((variants) => pagesForWord(engine, variants, filters, lexicon)));
      return { rewritten: reading.rewritten ? 1 : 0, pages: everyWord(perWord) };
    }),
  );
  for (const { rewritten, pages: found } of perReading) {
    for (const [id, { score, result }] of found) {
      const known = pages.get(id);
      if (!known || (known.rewritten ?? 0) > rewritten || ((known.rewritten ?? 0) === rewritten && known.score < score))
        pages.set(id, { score, result, rewritten });
    }
  }
  return pages;
}

/**
 * The ways to read each word of a query that has Latin letters (latin.ts): Cyrillic words as typed,
 * Latin tokens also in the edition's keyboard layout and as names spelt in Latin letters. Undefined
 * when some word is on the site in no reading: then the query finds nothing.
 */
async function queryReadings(
  text: string,
  lexicon: SiteLexicon,
  reader: LatinReader,
  preload: (word: string) => void,
): Promise<Reading[][] | undefined> {
  const tokens = text.split(/\s+/u).filter(Boolean);
  const cyrillic = queryWords(tokens.filter((token) => !isLatinToken(token)).join(" "));
  const perWord: (Reading[] | undefined)[] = await Promise.all([
    ...cyrillic.map(async (word) => [{ words: [await expandWord(word, lexicon)], rewritten: false }]),
    ...tokens.filter(isLatinToken).map((token) => readLatinToken(token, lexicon, reader, preload)),
  ]);
  const readings = perWord
    .filter((word): word is Reading[] => word !== undefined)
    .map((word) => word.filter((reading) => reading.words.every((variants) => variants.length > 0)));
  return readings.length === 0 || readings.some((word) => word.length === 0) ? undefined : readings;
}

/** One screen of results and how many articles match in all. */
export interface SearchResults {
  /** Every article that matches, not just the ones in `hits`. */
  total: number;
  hits: Hit[];
}

/** The last query's ranking, so that «show more» does not rank the same query again. */
let lastRanking: { key: string; results: Promise<PagefindResult[]> } | undefined;

async function ranking(text: string, filters: Record<string, string | string[]>, source: Source): Promise<PagefindResult[]> {
  const words = queryWords(text);
  const loaded = pagefind(source);
  // Each part of the index keeps a word in a chunk of its own: they are fetched while the lexicon is
  // read, as a word's forms and related words mostly lie in its chunk.
  void loaded.then((engine) => Promise.all(words.map((word) => engine.preload(word, { filters })))).catch(() => undefined);
  const [engine, lexicon] = await Promise.all([loaded, siteLexicon(source)]);
  if (!lexicon) return (await engine.search(text, { filters }))?.results ?? [];
  const kazakh = lexicon.grammar === "kk";
  if (lexicon.latin && text.split(/\s+/u).some(isLatinToken)) {
    const preload = (word: string) => void engine.preload(word, { filters }).catch(() => undefined);
    const readings = await queryReadings(text, lexicon, lexicon.latin, preload);
    if (!readings) return [];
    const perWord = await Promise.all(readings.map((word) => pagesForReadings(engine, word, filters, lexicon)));
    return matchingPages(perWord).map((found) => found.result);
  }
  const meant = kazakh ? queryWords(text, kazakhStopWords) : words;
  if (meant.length === 0) return [];
  // Each word is searched for as soon as its own variants are known, not once every word's are.
  const perWord = await Promise.all(
    meant.map(async (word) => {
      const variants = await (kazakh ? expandKazakhWord : expandWord)(word, lexicon);
      return variants.length === 0 ? undefined : pagesForWord(engine, variants, filters, lexicon);
    }),
  );
  // A word the site does not have, in any form or spelling, matches nothing.
  if (perWord.some((pages) => pages === undefined)) return [];
  return matchingPages(perWord as Map<string, Found>[]).map((found) => found.result);
}

/** One screen of a query's results, from one source of search files. */
async function screen(
  text: string,
  filters: Record<string, string | string[]>,
  options: SearchOptions,
  source: Source,
): Promise<SearchResults> {
  const key = JSON.stringify([text, filters, source.kept]);
  if (lastRanking?.key !== key) {
    const entry = { key, results: ranking(text, filters, source) };
    // A failed download (offline, a deploy in between) is tried again by the next call.
    entry.results.catch(() => {
      if (lastRanking === entry) lastRanking = undefined;
    });
    lastRanking = entry;
  }
  const results = await lastRanking.results;
  const offset = options.offset ?? 0;
  const pages = await Promise.all(results.slice(offset, offset + (options.limit ?? 20)).map((result) => result.data()));
  return {
    total: results.length,
    hits: pages.map((page) => ({
      url: page.url,
      title: page.meta.title ?? page.url,
      date: page.meta.date ?? "",
      tags: page.filters.tag ?? [],
      excerpt: page.excerpt,
      image: page.meta.image,
    })),
  };
}

/**
 * How long a search from the site may take before what the device kept is searched too: a
 * connection that hangs rather than fails (a train's, a crowded network's).
 */
const patience = 3000;

/**
 * Finds articles for a reader's query, best matches first, and counts them all. Only the hits
 * asked for are downloaded (each is a file of its own), so a results page asks for one screen.
 * Under the site's service worker, offline or when the network fails a search, the search is made
 * from what the device kept; what a search fetched online is kept for then.
 */
export async function searchResults(query: string, options: SearchOptions = {}): Promise<SearchResults> {
  const text = query.trim();
  if (text === "") return { total: 0, hits: [] };
  const filters: Record<string, string | string[]> = {};
  if (options.tags && options.tags.length > 0) filters.tag = options.tags;
  if (options.year !== undefined) filters.year = String(options.year);
  const worker = globalThis.navigator?.serviceWorker?.controller;
  if (worker && !navigator.onLine) return screen(text, filters, options, kept);
  const fromSite = screen(text, filters, options, online);
  if (!worker) return fromSite;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hanging = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), patience);
  });
  try {
    const found = await Promise.race([fromSite, hanging]);
    return found ?? (await firstAnswer(fromSite, completeFromDevice(text, filters, options)));
  } catch {
    return screen(text, filters, options, kept);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What the device kept answers, or fails when the worker lacked a file of it or an article's text
 * (it stands in for one with a link to the offline page, src/offline/sw.ts): on a slow connection
 * a first search is still on its way, and what was not kept is no answer to give instead.
 */
async function completeFromDevice(
  text: string,
  filters: Record<string, string | string[]>,
  options: SearchOptions,
): Promise<SearchResults> {
  const missesBefore = await searchMisses();
  const found = await screen(text, filters, options, kept);
  const unsaved = new URL("offline/", siteRoot).pathname;
  if ((await searchMisses()) > missesBefore || found.hits.some((hit) => hit.url === unsaved))
    throw new Error("The device has not kept every file of this search");
  return found;
}

/** The first of two answers that comes, or the other's when one fails. */
function firstAnswer<T>(one: Promise<T>, other: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let failed = 0;
    const fail = (error: unknown) => {
      failed++;
      if (failed === 2) reject(error);
    };
    one.then(resolve, fail);
    other.then(resolve, fail);
  });
}

/** The addresses search files are fetched from online. */
const searchFolders = searchFileFolders.map((folder) => new URL(folder, siteRoot).href);

/** Search files this page fetched from the site that the worker has not been told of yet. */
const toKeep = new Set<string>();
/**
 * How long searches pause before the worker is told what to keep. Keeping as each file came took
 * each next search's files 8 ms longer (evaluator's median 34 ms against 26.5 ms).
 */
const keepAfterMs = 1000;
let keepTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Tells the worker of the search files this page fetched from the site, once searches pause or the
 * reader leaves the page, so that the same searches work offline: the worker keeps them, taking
 * them from the browser's HTTP cache (src/offline/sw.ts).
 */
function keepFetched(): void {
  clearTimeout(keepTimer);
  const worker = navigator.serviceWorker?.controller;
  if (worker && toKeep.size > 0) worker.postMessage({ type: "vestnik-search-keep", urls: [...toKeep] });
  toKeep.clear();
}
if (globalThis.PerformanceObserver?.supportedEntryTypes?.includes("resource")) {
  new PerformanceObserver((list) => {
    const before = toKeep.size;
    for (const { name } of list.getEntries()) if (searchFolders.some((folder) => name.startsWith(folder))) toKeep.add(name);
    if (toKeep.size === before) return;
    clearTimeout(keepTimer);
    keepTimer = setTimeout(keepFetched, keepAfterMs);
  }).observe({ type: "resource" });
  addEventListener("pagehide", keepFetched);
}

/**
 * Starts loading what every search needs (Pagefind, every part of the index, the lexicon's
 * manifest) before the reader's first query: the search page calls it when the reader starts
 * typing: at 50,000 articles in ten parts, Pagefind's code and each part's metadata are about
 * 0.45 MB in 24 requests, which the first query otherwise waits for. Online only: offline, a search
 * reads what the device kept.
 */
export function prepareSearch(): void {
  if (globalThis.navigator?.onLine === false) return;
  void pagefind(online).catch(() => undefined);
  void siteLexicon(online).catch(() => undefined);
}

/** Finds articles for a reader's query, in the site's language, best matches first. */
export async function search(query: string, options: SearchOptions = {}): Promise<Hit[]> {
  return (await searchResults(query, options)).hits;
}

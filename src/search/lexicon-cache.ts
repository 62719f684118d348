/**
 * What the lexicon keeps between production builds in the cache folder (`<cacheDir>/search/`): each
 * index part's words, so that a build since the last one (breaking news, src/since-last.ts) reads
 * only the pages of the parts it indexed again, and the dictionary's readings of the site's words,
 * so that only new words are analysed. At 2,000 articles, reading every page's words takes 3 s and
 * analysing them 4 s of the lexicon's 7; both grow with the archive. A part's words are used only
 * for the very index they were read from (its entry file and its pages' fragment names), readings
 * only with the same dictionary, so the lexicon is byte for byte the one made without them.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { cacheFileExtension, readCacheValue, writeCacheValue } from "../cache-file.ts";
import type { PageWords, Reading, ReadingsCache } from "./lexicon.ts";

/** Changes when what is kept changes shape: older files are then read as missing. */
const cacheVersion = 2;

/** The files a part is kept in are named after the site's language and the part's folder. */
function partFile(folder: string, language: string | undefined, dir: string): string {
  return path.join(folder, `${partFilePrefix(language)}${dir.replaceAll("/", "~")}${cacheFileExtension}`);
}

function partFilePrefix(language: string | undefined): string {
  return `words-${language ?? "ru"}-`;
}

/**
 * What a part's words were read from: its Pagefind entry file (which names its index by a hash of
 * its contents) and its pages' fragment names. Undefined when the part has no index.
 */
export function partIndexKey(outputDir: string, dir: string): string | undefined {
  const entry = path.join(outputDir, dir, "pagefind-entry.json");
  if (!existsSync(entry)) return undefined;
  const fragments = path.join(outputDir, dir, "fragment");
  const names = existsSync(fragments) ? readdirSync(fragments).sort() : [];
  return createHash("sha1").update(`${cacheVersion}\n`).update(readFileSync(entry)).update(names.join("\n")).digest("base64url");
}

interface KeptWords {
  key: string;
  spellings: [string, string[]][];
  capitalised: string[];
  fewPages: [string, string[] | null][];
}

/** A part's words as a build kept them for the index `key` names; undefined when they were not kept. */
export function keptPartWords(folder: string, language: string | undefined, dir: string, key: string): PageWords | undefined {
  const kept = readCacheValue<KeptWords>(partFile(folder, language, dir));
  if (kept?.key !== key) return undefined;
  return {
    spellings: new Map(kept.spellings.map(([folded, spellings]) => [folded, new Set(spellings)])),
    capitalised: new Set(kept.capitalised),
    fewPages: new Map(kept.fewPages),
  };
}

/** Keeps a part's words (in their order: merging them gives the lexicon the same bytes). */
export function keepPartWords(folder: string, language: string | undefined, dir: string, key: string, words: PageWords): void {
  const kept: KeptWords = {
    key,
    spellings: [...words.spellings].map(([folded, spellings]) => [folded, [...spellings]]),
    capitalised: [...words.capitalised],
    fewPages: [...words.fewPages],
  };
  writeCacheValue(partFile(folder, language, dir), kept);
}

/** Removes the kept words of parts the site no longer has. */
export function forgetOtherParts(folder: string, language: string | undefined, dirs: readonly string[]): void {
  if (!existsSync(folder)) return;
  const wanted = new Set(dirs.map((dir) => path.basename(partFile(folder, language, dir))));
  // Files of the language's parts in any format: those of an older Vestnik go too.
  const prefix = partFilePrefix(language);
  for (const name of readdirSync(folder)) {
    if (name.startsWith(prefix) && !wanted.has(name)) rmSync(path.join(folder, name), { force: true });
  }
}

/** The dictionary the readings come from: a new version of it may read words differently. */
function dictionaryVersion(): string {
  try {
    const file = createRequire(import.meta.url).resolve("az/package.json");
    return `${cacheVersion} az ${(JSON.parse(readFileSync(file, "utf8")) as { version: string }).version}`;
  } catch {
    return `${cacheVersion} az missing`;
  }
}

interface KeptReadings {
  dictionary: string;
  /** Lemmas' forms, each list once: many words share a lemma. */
  forms: string[][];
  /** Word → its readings as [lemma, noun (1 or 0), index of its forms]. */
  words: [string, [string, number, number][]][];
}

function readingsFile(folder: string, language: string | undefined): string {
  return path.join(folder, `readings-${language ?? "ru"}${cacheFileExtension}`);
}

/** The readings a build kept, for the same dictionary; empty when there are none. */
export function keptReadings(folder: string, language: string | undefined): ReadingsCache {
  const kept = readCacheValue<KeptReadings>(readingsFile(folder, language));
  const readings: ReadingsCache = new Map();
  if (kept?.dictionary !== dictionaryVersion()) return readings;
  for (const [word, list] of kept.words) {
    readings.set(
      word,
      list.map(([lemma, noun, forms]): Reading => ({ lemma, noun: noun === 1, forms: kept.forms[forms] ?? [] })),
    );
  }
  return readings;
}

/**
 * Keeps the readings of the site's words (`words`), leaving out those of words it no longer has.
 * `kept`: how many readings `keptReadings` gave; when the site's words have exactly those, the
 * file stays as it is (20 MB at 50,000 articles, 0.5 s of a build since the last one to write).
 */
export function keepReadings(
  folder: string,
  language: string | undefined,
  readings: ReadingsCache,
  words: Iterable<string>,
  kept?: number,
): void {
  const siteWords = [...words];
  if (kept !== undefined && kept > 0 && readings.size === kept && siteWords.filter((word) => readings.has(word)).length === kept) return;
  const forms: string[][] = [];
  const formsIndex = new Map<string, number>();
  const keeping: KeptReadings = { dictionary: dictionaryVersion(), forms, words: [] };
  for (const word of siteWords) {
    const list = readings.get(word);
    if (list === undefined) continue;
    keeping.words.push([
      word,
      list.map((reading) => {
        const joined = reading.forms.join(" ");
        let index = formsIndex.get(joined);
        if (index === undefined) {
          index = forms.push(reading.forms) - 1;
          formsIndex.set(joined, index);
        }
        return [reading.lemma, reading.noun ? 1 : 0, index];
      }),
    ]);
  }
  writeCacheValue(readingsFile(folder, language), keeping);
}

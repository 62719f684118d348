import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";

/** How a cache file's name ends: `words-ru-pagefind.v8`. An older Vestnik kept the same files as `.json`. */
export const cacheFileExtension = ".v8";

/**
 * Keeps a value in a file of the cache folder (`.cache/vestnik`) that the next build reads: the
 * record of the last build (last-build.ts), the lexicon's words and readings
 * (search/lexicon-cache.ts). In V8's own serialization, dates as dates: about half of JSON's time
 * each way (the last build's record at 50,000 articles, 92 MB, is read in 1.6 s instead of 2.7 s
 * and written in 1.2 s instead of 2.2 s). Written aside and renamed, so a build stopped mid-write
 * leaves the old file or none, never half of one. `file` ends in `cacheFileExtension`.
 */
export function writeCacheValue(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.writing`, v8.serialize(value));
  renameSync(`${file}.writing`, file);
  // The same file as JSON, as Vestnik kept it before: a CI cache would carry it on unread (92 MB at 50,000 articles).
  if (file.endsWith(cacheFileExtension)) rmSync(`${file.slice(0, -cacheFileExtension.length)}.json`, { force: true });
}

/** A value `writeCacheValue` kept, or undefined when there is none or it cannot be read (another format, a broken file). */
export function readCacheValue<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return v8.deserialize(readFileSync(file)) as T;
  } catch {
    return undefined;
  }
}

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A file of the cache folder (`.cache/vestnik`) that the next build reads: the record of the last
 * build (last-build.ts), the lexicon's words and readings (search/lexicon-cache.ts). Written aside
 * and renamed, so a build stopped mid-write leaves the old file or none, never half of one.
 */
export function writeCacheFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.writing`, text);
  renameSync(`${file}.writing`, file);
}

/** A cache file's JSON, or undefined when there is none or it cannot be read: a cache may be lost. */
export function readCacheJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

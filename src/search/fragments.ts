import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { indexDirs } from "./parts.ts";

/** Pagefind's own mark at the start of each of its decompressed files. */
const signature = "pagefind_dcd";

/**
 * The fragment files of the search index written to `outputDir`, of every part of it (parts.ts) or
 * of the parts in `dirs`, each part's in name order: each one's id (its file name without
 * `.pf_fragment`, as search results give it), its path relative to `outputDir`, and its JSON. Read synchronously: one small file per
 * article, where awaiting each read costs more than the read.
 */
export function* pagefindFragments(
  outputDir: string,
  dirs: readonly string[] = indexDirs(outputDir),
): Generator<{ id: string; file: string; fragment: unknown }> {
  for (const { id, file } of fragmentFiles(outputDir, dirs, { sorted: true })) {
    let data = gunzipSync(readFileSync(path.join(outputDir, file)));
    if (data.subarray(0, signature.length).toString() === signature) data = data.subarray(signature.length);
    yield { id, file, fragment: JSON.parse(data.toString("utf8")) };
  }
}

/** The fragment files of the parts in `dirs`: each one's id and its path relative to `outputDir`. */
function* fragmentFiles(outputDir: string, dirs: readonly string[], { sorted = false } = {}): Generator<{ id: string; file: string }> {
  for (const indexDir of dirs) {
    const dir = path.join(outputDir, indexDir, "fragment");
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir);
    for (const name of sorted ? names.sort() : names) {
      if (name.endsWith(".pf_fragment")) yield { id: name.slice(0, -".pf_fragment".length), file: `${indexDir}/fragment/${name}` };
    }
  }
}

/**
 * The fragment ids that more than one of the index parts in `dirs` has. Pagefind names a page by a
 * short hash and lengthens it when two pages of one index clash, but parts are indexed apart: at
 * 50,000 articles in seven parts, six ids were shared. search.js tells those pages apart by address.
 */
export function sharedFragmentIds(outputDir: string, dirs: readonly string[]): string[] {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const { id } of fragmentFiles(outputDir, dirs)) {
    if (seen.has(id)) shared.add(id);
    seen.add(id);
  }
  return [...shared].sort();
}

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { indexDirs } from "./parts.ts";

/** Pagefind's own mark at the start of each of its decompressed files. */
const signature = "pagefind_dcd";

/**
 * The fragment files of the search index written to `outputDir`, of every part of it (parts.ts) or
 * of the parts in `dirs`, each part's in name order: each one's id (its file name without `.pf_fragment`, as search results give
 * it), its path relative to `outputDir`, and its JSON. Read synchronously: one small file per
 * article, where awaiting each read costs more than the read.
 */
export function* pagefindFragments(
  outputDir: string,
  dirs: readonly string[] = indexDirs(outputDir),
): Generator<{ id: string; file: string; fragment: unknown }> {
  for (const indexDir of dirs) {
    const dir = path.join(outputDir, indexDir, "fragment");
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith(".pf_fragment")) continue;
      let data = gunzipSync(readFileSync(path.join(dir, name)));
      if (data.subarray(0, signature.length).toString() === signature) data = data.subarray(signature.length);
      yield {
        id: name.slice(0, -".pf_fragment".length),
        file: `${indexDir}/fragment/${name}`,
        fragment: JSON.parse(data.toString("utf8")),
      };
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
  for (const dir of dirs) {
    const folder = path.join(outputDir, dir, "fragment");
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      if (!name.endsWith(".pf_fragment")) continue;
      const id = name.slice(0, -".pf_fragment".length);
      if (seen.has(id)) shared.add(id);
      seen.add(id);
    }
  }
  return [...shared].sort();
}

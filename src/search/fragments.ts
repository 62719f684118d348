import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** Pagefind's own mark at the start of each of its decompressed files. */
const signature = "pagefind_dcd";

/**
 * The fragment files of a Pagefind index written to `pagefindDir`, read back in name order: each
 * one's id (its file name without `.pf_fragment`, as search results give it) and its JSON. Read
 * synchronously: one small file per article, where awaiting each read costs more than the read.
 */
export function* pagefindFragments(pagefindDir: string): Generator<{ id: string; fragment: unknown }> {
  const dir = path.join(pagefindDir, "fragment");
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".pf_fragment")) continue;
    let data = gunzipSync(readFileSync(path.join(dir, name)));
    if (data.subarray(0, signature.length).toString() === signature) data = data.subarray(signature.length);
    yield { id: name.slice(0, -".pf_fragment".length), fragment: JSON.parse(data.toString("utf8")) };
  }
}

import { decodeGroups, type Lexicon } from "../../src/search/expand.ts";
import { bucketOf, shardFileName } from "../../src/search/normalise.ts";

/** A lexicon as the browser reads it, from the files buildLexicon made. */
export function readLexicon(files: Map<string, string>): Lexicon {
  const manifest = JSON.parse(files.get("search/lexicon.json") ?? "{}") as { version: string; buckets: number };
  const at = (name: string) => files.get(`search/lexicon/${manifest.version}/${name}`);
  return {
    async entry(k) {
      const bucket = JSON.parse(at(`k${bucketOf(k, manifest.buckets)}.json`) ?? "{}") as Record<string, string>;
      return bucket[k] === undefined ? undefined : decodeGroups(bucket[k]);
    },
    async words(shard) {
      return (at(`t${shardFileName(shard)}.txt`) ?? "").split("\n").filter(Boolean);
    },
  };
}

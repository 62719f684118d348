import { Worker } from "node:worker_threads";
import { writeCacheValue } from "./cache-file.ts";

/** A file's identity as `stat` gives it (size, times, inode), and its digest when it had that identity. */
export type KnownFiles = [name: string, [identity: string, digest: string]][];

/** The articles' digests, by path relative to the articles folder, and what the next build may reuse of them. */
export interface ArticleDigests {
  digests: Map<string, string>;
  /** Each settled file's identity and digest, for `keepArticleIdentities`. */
  known: KnownFiles;
}

/**
 * Digests every Markdown file under an articles folder in a thread of its own, while the build reads
 * the last build's record (src/since-last.ts). Reading and digesting 50,000 articles took 3.5 s, on
 * the build's way; so, as git's index does, a file whose size, modification and change times and
 * inode are those `known` (the file `keepArticleIdentities` wrote) kept for it is taken to have the
 * digest kept with them, and only the others are read. A file changed within two seconds of being
 * digested is not kept that way (its time may not tell a later change apart), nor is one under a
 * fresh checkout's new times: those are read, as before. Resolves to each file's digest by its path
 * relative to the folder (with `/`), the digest last-build.ts's `digestOf` gives its text (the
 * thread spells it out again: it is plain JavaScript, so it needs no loader however Vestnik runs).
 * A file it could not read is left out, and read by the build itself.
 */
export function digestArticlesAside(
  articlesRoot: string,
  known: string,
  /** Files changed since this moment (ms) are not kept by identity: two seconds before now. */
  settled = Date.now() - 2000,
): Promise<ArticleDigests> {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
const { readdirSync, readFileSync, statSync } = require("node:fs");
const { createHash } = require("node:crypto");
const v8 = require("node:v8");
const path = require("node:path");
const { root, known: knownFile, settled } = workerData;
let before = new Map();
try { before = new Map(v8.deserialize(readFileSync(knownFile))); } catch {}
const digests = [];
const known = [];
let names = [];
try { names = readdirSync(root, { recursive: true, encoding: "utf8" }); } catch {}
for (const name of names) {
  if (!name.endsWith(".md")) continue;
  try {
    const file = path.join(root, name);
    const stats = statSync(file);
    const identity = stats.size + " " + stats.mtimeMs + " " + stats.ctimeMs + " " + stats.ino;
    const relative = name.split(path.sep).join("/");
    const kept = before.get(relative);
    const digest = kept && kept[0] === identity ? kept[1] : createHash("sha1").update(readFileSync(file, "utf8")).digest("base64url");
    digests.push([relative, digest]);
    if (stats.mtimeMs < settled && stats.ctimeMs < settled) known.push([relative, [identity, digest]]);
  } catch {}
}
parentPort.postMessage({ digests, known });`,
    { eval: true, workerData: { root: articlesRoot, known, settled } },
  );
  return new Promise((resolve, reject) => {
    worker.once("message", ({ digests, known }: { digests: [string, string][]; known: KnownFiles }) =>
      resolve({ digests: new Map(digests), known }),
    );
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the articles' digests were not read (thread ended with ${code})`)));
  });
}

/** Keeps the articles' identities and digests for the next build's `digestArticlesAside`. */
export function keepArticleIdentities(file: string, known: KnownFiles): void {
  writeCacheValue(file, known);
}

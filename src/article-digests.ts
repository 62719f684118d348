import { Worker } from "node:worker_threads";

/**
 * Reads and digests every Markdown file under an articles folder in a thread of its own, while
 * the build reads the last build's record (src/since-last.ts): reading 50,000 articles took 2 s
 * of a build since the last one on its main thread. Resolves to each file's digest by its path
 * relative to the folder (with `/`), the digest last-build.ts's `digestOf` gives its text (the
 * thread spells it out again: it is plain JavaScript, so it needs no loader however Vestnik runs). A file it
 * could not read is left out, and read by the build itself.
 */
export function digestArticlesAside(articlesRoot: string): Promise<Map<string, string>> {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
const { readdirSync, readFileSync } = require("node:fs");
const { createHash } = require("node:crypto");
const path = require("node:path");
const digests = [];
let names = [];
try { names = readdirSync(workerData, { recursive: true, encoding: "utf8" }); } catch {}
for (const name of names) {
  if (!name.endsWith(".md")) continue;
  try {
    digests.push([name.split(path.sep).join("/"), createHash("sha1").update(readFileSync(path.join(workerData, name), "utf8")).digest("base64url")]);
  } catch {}
}
parentPort.postMessage(digests);`,
    { eval: true, workerData: articlesRoot },
  );
  return new Promise((resolve, reject) => {
    worker.once("message", (digests: [string, string][]) => resolve(new Map(digests)));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the articles' digests were not read (thread ended with ${code})`)));
  });
}

/**
 * What offline reading costs a reader, in bytes, for a built site: the first visit (the page the
 * reader came to, the worker, the shell it precaches, and the front page it keeps; nothing of the
 * search index) and «Сохранить для чтения офлайн» (the whole search index, the newest N articles
 * and their Pagefind fragments, the front page and the list of tags). Counted from the files the
 * build wrote: as
 * stored, and as sent by a host that gzips text, as GitHub Pages does (Pagefind's own files are
 * compressed already and are counted as stored).
 *
 * Usage: `npx tsx src/offline/cost.ts [_site] [--articles 50] [--prefix /novosti/]`.
 */
import { existsSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

export interface Bytes {
  files: number;
  /** As stored in the output folder. */
  stored: number;
  /** As sent gzipped where the host compresses text. */
  sent: number;
}

export interface OfflineCost {
  /** What the worker precaches when it installs: the shell. */
  precache: Bytes;
  /** The whole search index, downloaded only when the reader saves the site for offline reading. */
  search: Bytes;
  firstVisit: Bytes;
  /** «Сохранить для чтения офлайн» on a device that has kept nothing yet: the search index, the articles, the lists. */
  saveOffline: Bytes;
}

/** Files a host sends as they are: Pagefind's, the lexicon's `.gz` files, images. */
const compressedAlready = /\.(pf_index|pf_filter|pf_fragment|pf_meta|pagefind|gz|png|jpe?g|webp|avif|gif)$/;

/**
 * The bytes of these files of the output folder (paths relative to it). A file sent as it is is
 * only measured: reading the 50,000 files of a 50,000-article index took 2 s of every build.
 */
export async function bytesOf(outputDir: string, files: string[]): Promise<Bytes> {
  const total: Bytes = { files: 0, stored: 0, sent: 0 };
  for (const file of files) {
    const at = path.join(outputDir, file);
    total.files++;
    if (compressedAlready.test(file)) {
      // (Synchronous: a promise for each of 50,000 files costs more than the stat.)
      const { size } = statSync(at);
      total.stored += size;
      total.sent += size;
      continue;
    }
    const content = await fs.readFile(at);
    total.stored += content.length;
    total.sent += gzipSync(content, { level: 6 }).length;
  }
  return total;
}

const sum = (...parts: Bytes[]): Bytes =>
  parts.reduce((all, part) => ({ files: all.files + part.files, stored: all.stored + part.stored, sent: all.sent + part.sent }), {
    files: 0,
    stored: 0,
    sent: 0,
  });

/** A site address (`/novosti/2025/…/`) as the file the build wrote for it. */
function fileOf(url: string, prefix: string): string {
  const relative = url.slice(prefix.length).replace(/^\//, "");
  return relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative;
}

/** The newest articles as the save control finds them (offline/newest.json): page and fragment files. */
async function newestArticles(outputDir: string, prefix: string): Promise<string[]> {
  const list = JSON.parse(await fs.readFile(path.join(outputDir, "offline/newest.json"), "utf8")) as {
    articles: { page: string; fragment: string }[];
  };
  return list.articles.flatMap((article) => [fileOf(article.page, prefix), fileOf(article.fragment, prefix)]);
}

/** The search index's files as the save button downloads them (offline/search-files.json and what it lists). */
async function searchIndexFiles(outputDir: string, prefix: string): Promise<string[]> {
  const list = JSON.parse(await fs.readFile(path.join(outputDir, "offline/search-files.json"), "utf8")) as { files: string[] };
  return ["offline/search-files.json", ...list.files.map((url) => fileOf(url, prefix))];
}

/** Everything «Сохранить для чтения офлайн» downloads on a device that kept nothing yet. */
export async function savingFiles(outputDir: string, prefix: string): Promise<string[]> {
  return [
    ...(await searchIndexFiles(outputDir, prefix)),
    "offline/newest.json",
    ...(await newestArticles(outputDir, prefix)),
    // The lists the save refreshes, where the site has them.
    ...["index.html", "tags/index.html"].filter((file) => existsSync(path.join(outputDir, file))),
  ];
}

export async function offlineCost(outputDir: string, options: { articles: number; prefix: string }): Promise<OfflineCost> {
  const worker = await fs.readFile(path.join(outputDir, "sw.js"), "utf8");
  const precached = [...worker.matchAll(/"url":"([^"]+)"/g)].map((match) => fileOf(match[1] ?? "", options.prefix));
  const precache = await bytesOf(outputDir, precached);
  const search = await bytesOf(outputDir, await searchIndexFiles(outputDir, options.prefix));
  // The page the reader came to: the front page. Its stylesheet and scripts are precached again,
  // the worker keeps the front page, and the save button asks what saving costs.
  const landing = await bytesOf(outputDir, ["index.html", "sw.js", ...precached.filter((file) => /\.(css|js)$/.test(file))]);
  const firstVisit = sum(landing, precache, await bytesOf(outputDir, ["index.html", "offline/saving.json"]));
  const saveOffline = await bytesOf(outputDir, await savingFiles(outputDir, options.prefix));
  return { precache, search, firstVisit, saveOffline };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { articles: { type: "string", default: "50" }, prefix: { type: "string", default: "/" } },
  });
  const outputDir = positionals[0] ?? "_site";
  const cost = await offlineCost(outputDir, { articles: Number(values.articles), prefix: values.prefix ?? "/" });
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  for (const [name, bytes] of Object.entries(cost)) {
    console.log(`${name}: ${bytes.files} files, ${kb(bytes.stored)} stored, ${kb(bytes.sent)} sent gzipped`);
  }
}

/**
 * Search quality on the Russian Wikinews corpus, against plain Pagefind on the same site.
 *
 * Imports `../shared/corpus/ru-wikinews.jsonl` into a temporary project (which shares this
 * repository's plugin, layouts and packages), builds it with the production build, and runs the
 * shared evaluator (`../shared/search-eval/evaluate.mjs`) twice: over the site's own
 * `/search/search.js`, and over a copy of the site whose `search.js` is a thin wrapper around
 * Pagefind's JS API (plain Pagefind: the baseline). Also prints what a reader downloads per query
 * and the size of the search files.
 *
 * With `--edition kk`, the same over a Kazakh archive (bench/kk-articles.ts: KazNERD sentences
 * recombined into 300 articles) on a site whose `language` is `kk`, served under `/kk/` and
 * evaluated as the evaluator's `--edition kk`, with bench/search-kk.{public,heldout}.jsonl.
 *
 * Run: npm run eval:search [-- --edition kk] [--queries FILE …] [--no-baseline] [--keep] [--misses N] [--site-options JSON]
 *   --queries FILE   a query file (JSON lines, the evaluator's format); repeat for more.
 *                    Default: the public queries, the public Latin-keyboard ones and, when
 *                    present, bench/search-heldout.jsonl
 *   --no-baseline    skip the plain-Pagefind run
 *   --keep           keep the temporary project and print where it is
 *   --misses N       show up to N missed queries per category
 *   --edition kk     the Kazakh archive and queries
 *   --site-options JSON  plugin options for the site, to compare them on the same corpus,
 *                    e.g. '{"searchNewestPartSize":1000000}'
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import sirv from "sirv";
import { slugOf } from "../src/slug.ts";
import { setSiteOptions } from "../test/support/site.ts";
import { kazakhArchive } from "./kk-articles.ts";
import { plainIndexFolder, writePlainIndex } from "./query-latency.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const shared = path.resolve(repoRoot, "../shared");
const corpus = path.join(shared, "corpus/ru-wikinews.jsonl");
const evaluator = path.join(shared, "search-eval/evaluate.mjs");
const heldOut = path.join(repoRoot, "bench/search-heldout.jsonl");
const tsxCli = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
const chromiumPath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));

const { values } = parseArgs({
  options: {
    queries: { type: "string", multiple: true },
    "no-baseline": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    misses: { type: "string", default: "0" },
    edition: { type: "string" },
    "site-options": { type: "string" },
  },
});
if (values.edition !== undefined && values.edition !== "kk")
  throw new Error(`--edition: only kk has an archive here, got ${values.edition}`);
const kazakh = values.edition === "kk";
const latinQueries = path.join(shared, "search-eval/queries.latin.public.jsonl");
const defaultQueries = kazakh
  ? [path.join(repoRoot, "bench/search-kk.public.jsonl"), path.join(repoRoot, "bench/search-kk.heldout.jsonl")]
  : [
      path.join(shared, "search-eval/queries.public.jsonl"),
      ...(existsSync(latinQueries) ? [latinQueries] : []),
      ...(existsSync(heldOut) ? [heldOut] : []),
    ];
const queryFiles = values.queries ?? defaultQueries;

/**
 * Pagefind's API and nothing else, over one index of all the site's pages (`writePlainIndex`): what a
 * site gets without Vestnik's search. Not the site's own index, which is in parts (src/search/parts.ts)
 * that only Vestnik's search.js merges: the newest part alone is a fifth of the corpus.
 */
const plainSearchJs = `const root = new URL("../", import.meta.url);
let pf;
async function pagefind() {
  if (!pf) {
    pf = await import(new URL("${plainIndexFolder}/pagefind.js", root).href);
    await pf.options({ baseUrl: root.pathname, excerptLength: 30 });
    await pf.init();
  }
  return pf;
}
export async function searchResults(query, options = {}) {
  const found = (await (await pagefind()).search(query.trim()))?.results ?? [];
  const offset = options.offset ?? 0;
  const pages = await Promise.all(found.slice(offset, offset + (options.limit ?? 20)).map((r) => r.data()));
  const hits = pages.map((p) => ({ url: p.url, title: p.meta.title ?? p.url, date: p.meta.date ?? "", tags: p.filters.tag ?? [], excerpt: p.excerpt }));
  return { total: found.length, hits };
}
export async function search(query, options = {}) {
  return (await searchResults(query, options)).hits;
}
// The search page's script imports it (it starts loading Pagefind when the reader types).
export function prepareSearch() {
  void pagefind().catch(() => undefined);
}
`;

function run(command: string, args: string[], cwd: string, quiet = false): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (!quiet) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      if (!quiet) process.stderr.write(chunk);
      else out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

async function makeProject(): Promise<string> {
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), "vestnik-search-eval-"));
  const project = path.join(temp, "project");
  await fs.mkdir(project, { recursive: true });
  for (const name of ["node_modules", "src", "_includes", "_data"]) {
    if (existsSync(path.join(repoRoot, name))) await fs.symlink(path.join(repoRoot, name), path.join(project, name));
  }
  for (const name of [".eleventy.ts", ".eleventyignore", "package.json"])
    await fs.copyFile(path.join(repoRoot, name), path.join(project, name));
  // One language, as the site evaluated always was: the demo's editions would add empty /kk/ and /en/.
  await setSiteOptions(project, {});
  return project;
}

/** Bytes and files under `dir`, and their bytes gzipped one by one (as a server that compresses sends them). */
async function sizeOf(
  dir: string,
  filter: (relative: string) => boolean = () => true,
): Promise<{ bytes: number; files: number; gzipped: number }> {
  let bytes = 0;
  let files = 0;
  let gzipped = 0;
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (!filter(path.relative(dir, full))) continue;
    const data = await fs.readFile(full);
    bytes += data.length;
    // Pagefind's files are compressed already: a server sends them as they are.
    gzipped += Math.min(data.length, gzipSync(data).length);
    files++;
  }
  return { bytes, files, gzipped };
}

/**
 * Bytes a fresh browser downloads for a first query and for each next one, measured on the wire;
 * `site` served at the root, its search page at `prefix`.
 */
async function bytesPerQuery(
  site: string,
  queries: string[],
  prefix: string,
): Promise<{ first: number; median: number; p95: number; moduleAndWasm: number }> {
  const files = sirv(site, { dev: true, etag: false });
  const server = http.createServer((request, response) =>
    files(request, response, () => {
      response.writeHead(404).end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const perQuery: number[] = [];
    let first = 0;
    let moduleAndWasm = 0;
    for (const [i, query] of queries.entries()) {
      // Each query in a fresh page with a warm module: what one more query costs after the first.
      const page = await browser.newPage();
      let bytes = 0;
      let fixed = 0;
      page.on("response", async (response) => {
        try {
          const url = response.url();
          if (!url.startsWith(origin) || url.endsWith(".html") || url.endsWith("/")) return;
          const headers = await response.allHeaders();
          const length = Number(headers["content-length"] ?? (await response.body()).length);
          bytes += length;
          if (/\/(search\.js|pagefind\.js|wasm\.[a-z]+\.pagefind|pagefind-entry\.json|[^/]+\.pf_meta|lexicon\.json)(\?|$)/.test(url))
            fixed += length;
        } catch {
          // the page closed first: that response is not part of this query
        }
      });
      await page.goto(`${origin}${prefix}search/`);
      await page.evaluate(`import("${prefix}search/search.js").then((m) => m.search(${JSON.stringify(query)}, { limit: 10 }))`);
      await page.waitForTimeout(200);
      if (i === 0) {
        first = bytes;
        moduleAndWasm = fixed;
      }
      perQuery.push(bytes - fixed);
      await page.close();
    }
    const sorted = perQuery.slice().sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
    return { first, median: at(0.5), p95: at(0.95), moduleAndWasm };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * A few corpus headlines are so long that their slug is longer than a file name may be
 * (ENAMETOOLONG when the page is written). The bench gives those articles a shorter address of
 * their own, from the importer's already shortened file name, and leaves every other article alone.
 */
async function shortenLongAddresses(articles: string): Promise<void> {
  for (const entry of await fs.readdir(articles, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".md")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = await fs.readFile(file, "utf8");
    const title = /^title: (.*)$/m.exec(text)?.[1] ?? "";
    if (Buffer.byteLength(slugOf(title.replace(/^"|"$/g, ""))) < 200) continue;
    const address = `/${path.relative(articles, file).replace(/\.md$/, "").slice(0, 180)}/`;
    await fs.writeFile(file, text.replace(/^---\n/, `---\npermalink: ${JSON.stringify(address)}\n`));
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  if (!chromiumPath) throw new Error("No Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)");
  const project = await makeProject();
  let source = corpus;
  if (kazakh) {
    // A Kazakh site: the language option, and the archive recombined from KazNERD's sentences.
    source = path.join(path.dirname(project), "kk-articles.jsonl");
    const lines = kazakhArchive().articles.map(({ sentences: _, ...article }) => JSON.stringify(article));
    await fs.writeFile(source, `${lines.join("\n")}\n`);
    await setSiteOptions(project, { language: "kk", title: "Хабаршы", description: "Қазақстан және әлем жаңалықтары" });
  }
  if (values["site-options"]) await setSiteOptions(project, JSON.parse(values["site-options"]));
  console.log(`Importing the corpus into ${project} …`);
  const imported = await run(
    process.execPath,
    [tsxCli, path.join(repoRoot, "src/import/cli.ts"), "--quiet", "--out", "articles", source],
    project,
    true,
  );
  if (imported.code !== 0) throw new Error(`import failed:\n${imported.out}`);
  await shortenLongAddresses(path.join(project, "articles"));
  console.log("Building with the production build …");
  const started = Date.now();
  // The evaluator's --edition kk asks for /kk/search/search.js: the Kazakh site is built for /kk/ and served there.
  const prefix = kazakh ? "/kk/" : "/";
  const built = await run(
    process.execPath,
    [tsxCli, path.join(repoRoot, "src/build.ts"), "--quiet", ...(kazakh ? [`--pathprefix=${prefix}`] : [])],
    project,
    true,
  );
  if (built.code !== 0) throw new Error(`build failed:\n${built.out}`);
  const site = path.join(project, "_site");
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const sites: { name: string; dir: string }[] = [{ name: "Vestnik", dir: site }];
  if (!values["no-baseline"]) {
    const plain = path.join(path.dirname(project), "plain-site");
    await fs.cp(site, plain, { recursive: true });
    await fs.writeFile(path.join(plain, "search/search.js"), plainSearchJs);
    const plainIndex = await writePlainIndex(plain);
    console.log(`Plain Pagefind: one index of ${plainIndex.pages} pages in ${plainIndex.seconds.toFixed(1)} s`);
    sites.push({ name: "plain Pagefind", dir: plain });
  }

  /** A folder that holds the site at its prefix, to serve at the root. */
  const servedOf = async (dir: string) => {
    if (!kazakh) return dir;
    const served = path.join(path.dirname(dir), `${path.basename(dir)}-served`);
    if (!existsSync(served)) {
      await fs.mkdir(served, { recursive: true });
      await fs.symlink(dir, path.join(served, "kk"));
    }
    return served;
  };
  for (const { name, dir } of sites) {
    const served = await servedOf(dir);
    for (const queries of queryFiles) {
      console.log(`\n== ${name}: ${path.basename(queries)}`);
      const args = [evaluator, "--site", served, "--queries", queries, "--quiet", "--chromium", chromiumPath];
      if (kazakh) args.push("--edition", "kk");
      if (values.misses !== "0") args.push("--misses", values.misses ?? "0");
      const evaluated = await run(process.execPath, args, repoRoot);
      if (evaluated.code !== 0) throw new Error(`the evaluator failed (exit ${evaluated.code})`);
    }
  }

  console.log("\n== Download and index size");
  const sample = kazakh
    ? ["Қазақстанның", "мектептерімізде", "кітабы", "Казакстан", "жаналыктар", "хлогщрк", "Тоқаевқа", "Алматыда", "сайлау", "а"]
    : [
        "логистика",
        "цепочек",
        "Казакстан",
        "логистка",
        "хлогщрк",
        "внедорожника бронежилете",
        "Токаев",
        "выборы президента",
        "пхенчхане",
        "а",
      ];
  for (const { name, dir } of sites) {
    const pagefindFiles = await sizeOf(path.join(dir, dir === site ? "pagefind" : plainIndexFolder), (f) =>
      /\.(pf_index|pf_meta|pf_fragment|pf_filter)$/.test(f),
    );
    // The plain site is a copy of Vestnik's: its search.js reads no lexicon.
    const lexicon =
      dir === site && existsSync(path.join(dir, "search/lexicon"))
        ? await sizeOf(path.join(dir, "search/lexicon"))
        : { bytes: 0, files: 0, gzipped: 0 };
    const searchJs = (await fs.stat(path.join(dir, "search/search.js"))).size;
    const bytes = await bytesPerQuery(await servedOf(dir), sample, prefix);
    console.log(
      `${name}: Pagefind index ${kb(pagefindFiles.bytes)} in ${pagefindFiles.files} files (${kb(pagefindFiles.gzipped)} gzipped); lexicon ${kb(lexicon.bytes)} in ${lexicon.files} files (${kb(lexicon.gzipped)} gzipped); search.js ${kb(searchJs)}`,
    );
    console.log(
      `${name}: first query downloads ${kb(bytes.first)} (of which search.js, pagefind.js, wasm, entry and pf_meta ${kb(bytes.moduleAndWasm)}); each query after: median ${kb(bytes.median)}, p95 ${kb(bytes.p95)} (${sample.length} sample queries, fresh page each, index files not cached)`,
    );
  }
  if (values.keep) console.log(`\nKept: ${path.dirname(project)}`);
  else await fs.rm(path.dirname(project), { recursive: true, force: true });
}

await main();

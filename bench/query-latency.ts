/**
 * How long a reader waits for search results over a built site: Vestnik's `/search/search.js`
 * (the index in parts, merged in the browser, with the Russian lexicon) against one plain Pagefind
 * index of the same pages, built here with Pagefind's Node API (issue 18: median ≤ 2× plain).
 * Both run in the same headless Chromium, query by query in turn, so that the machine's other load
 * falls on both alike. A query's time is from the call to the first screen of hits with their
 * excerpts (what the search page shows), the first query including loading the search code.
 *
 *   npx tsx bench/query-latency.ts --site DIR [--queries 40] [--judged FILE]   # a site built by npm run build
 *   --judged: the query file to take them from (default the shared public queries; e.g.
 *   ../shared/search-eval/queries.latin.public.jsonl for queries from a Latin keyboard)
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as pagefind from "pagefind";
import type { Page } from "playwright-core";
import { launchBrowser, serveSite } from "../test/support/browser.ts";

/** Where the plain index goes inside the built site: beside Vestnik's, never in its place. */
export const plainIndexFolder = "plain-pagefind";
/** Hits on the search page's first screen (search-page.ts), each with its excerpt. */
const screen = 10;

const sharedQueries = fileURLToPath(new URL("../../shared/search-eval/queries.public.jsonl", import.meta.url));

/**
 * The queries timed: every n-th judged query of the shared evaluation set (word forms, typos,
 * names, phrases: what readers type), after the two scale.ts has always measured.
 */
export function latencyQueries(count = 40, file = sharedQueries): string[] {
  const judged = existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { query: string }).query)
    : [];
  const step = Math.max(1, Math.floor(judged.length / count));
  const picked = judged.filter((_, index) => index % step === 0).slice(0, Math.max(0, count - 2));
  return [...new Set(["президент", "выборы", ...picked])];
}

export interface Latency {
  /** The first query of a fresh page, search code and index metadata included, in ms. */
  first: number;
  /** Median and 95th percentile of the other queries, in ms. */
  p50: number;
  p95: number;
  /** Each query's time, in order (the first one included). */
  each: number[];
}

export interface LatencyComparison {
  queries: string[];
  vestnik: Latency;
  plain: Latency;
  /** How long Pagefind took to index the site's pages in one index, in s. */
  plainIndexSeconds: number;
  plainPages: number;
}

/**
 * The site's top folders that hold a page Pagefind indexes (`data-pagefind-body`: the articles'
 * years), as a glob: Pagefind reads every page it is given, and the thousands of tag pages would
 * only slow the plain index down, as they would Vestnik's (src/search/parts.ts reads article
 * folders only too).
 */
function articleFolders(site: string): string | undefined {
  const indexed = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) =>
      entry.isDirectory()
        ? indexed(path.join(dir, entry.name))
        : entry.name.endsWith(".html") && readFileSync(path.join(dir, entry.name), "utf8").includes("data-pagefind-body"),
    );
  const folders = readdirSync(site, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("pagefind") && indexed(path.join(site, entry.name)))
    .map((entry) => entry.name);
  return folders.length > 0 ? `{${folders.join(",")}}/**/*.html` : undefined;
}

/** One plain Pagefind index of the site's pages (those with `data-pagefind-body`: the articles), in `site/plain-pagefind/`. */
export async function writePlainIndex(site: string): Promise<{ pages: number; seconds: number }> {
  const started = performance.now();
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const glob = articleFolders(site);
    const added = await index.addDirectory({ path: site, ...(glob ? { glob } : {}) });
    if (added.errors.length > 0) throw new Error(added.errors.join("; "));
    rmSync(path.join(site, plainIndexFolder), { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: path.join(site, plainIndexFolder) });
    if (written.errors.length > 0) throw new Error(written.errors.join("; "));
    return { pages: added.page_count, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pagefind.close();
  }
}

// Run in the page as strings: functions passed to page.evaluate lose tsx's helpers under vitest.
const engines = {
  vestnik: {
    load: `window.engine = import(new URL("search/search.js", document.baseURI.replace(/search\\/.*$/, "")).href)`,
    query: (query: string) => `(async () => {
      const started = performance.now();
      const search = await window.engine;
      const found = await search.searchResults(${JSON.stringify(query)}, { limit: ${screen} });
      return [performance.now() - started, found.total];
    })()`,
  },
  plain: {
    load: `window.engine = import(new URL("${plainIndexFolder}/pagefind.js", document.baseURI.replace(/search\\/.*$/, "")).href).then(async (pagefind) => {
      await pagefind.options({ excerptLength: 30 });
      await pagefind.init();
      return pagefind;
    })`,
    query: (query: string) => `(async () => {
      const started = performance.now();
      const pagefind = await window.engine;
      const found = (await pagefind.search(${JSON.stringify(query)}))?.results ?? [];
      await Promise.all(found.slice(0, ${screen}).map((result) => result.data()));
      return [performance.now() - started, found.length];
    })()`,
  },
};

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? 0;
}

function summary(each: number[]): Latency {
  const rest = each.slice(1);
  return { first: each[0] ?? 0, p50: percentile(rest, 0.5), p95: percentile(rest, 0.95), each };
}

/**
 * Times `queries` over the built `site` with Vestnik's search and with a plain Pagefind index of
 * the same pages (written into the site first, and removed again).
 */
export async function queryLatency(site: string, queries: string[] = latencyQueries()): Promise<LatencyComparison> {
  const plainIndex = await writePlainIndex(site);
  const server = await serveSite(site);
  const browser = await launchBrowser();
  try {
    // A page of the site (for its <html lang="ru">, which picks Pagefind's Russian stemmer), without
    // the service worker: both engines over the network alone (eval:search's evaluator times
    // Vestnik's search through its worker, which keeps what searches fetched).
    const open = async (engine: keyof typeof engines): Promise<Page> => {
      const context = await browser.newContext({ serviceWorkers: "block" });
      const page = await context.newPage();
      await page.goto(`${server.url}search/`, { waitUntil: "load" });
      await page.evaluate(engines[engine].load);
      return page;
    };
    const pages = { vestnik: await open("vestnik"), plain: await open("plain") };
    const times = { vestnik: [] as number[], plain: [] as number[] };
    for (const query of queries) {
      for (const engine of ["vestnik", "plain"] as const) {
        const [ms] = (await pages[engine].evaluate(engines[engine].query(query))) as [number, number];
        times[engine].push(ms);
      }
    }
    return {
      queries,
      vestnik: summary(times.vestnik),
      plain: summary(times.plain),
      plainIndexSeconds: plainIndex.seconds,
      plainPages: plainIndex.pages,
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(path.join(site, plainIndexFolder), { recursive: true, force: true });
  }
}

/** «Vestnik p50 120 ms, p95 310 ms, first query 1.2 s; plain Pagefind … ; Vestnik / plain median 1.9×». */
export function describeLatency(figures: LatencyComparison): string {
  const one = (name: string, latency: Latency) =>
    `${name} p50 ${latency.p50.toFixed(0)} ms, p95 ${latency.p95.toFixed(0)} ms, first query ${(latency.first / 1000).toFixed(2)} s`;
  const ratio = figures.vestnik.p50 / Math.max(1, figures.plain.p50);
  return [
    `search latency over ${figures.queries.length} queries (first screen of ${screen} hits):`,
    `  ${one("Vestnik", figures.vestnik)}`,
    `  ${one(`one plain Pagefind index of the same ${figures.plainPages} pages`, figures.plain)} (indexed in ${figures.plainIndexSeconds.toFixed(1)} s)`,
    `  Vestnik / plain median: ${ratio.toFixed(2)}× (target ≤ 2×)`,
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      site: { type: "string" },
      queries: { type: "string", default: "40" },
      judged: { type: "string", default: sharedQueries },
      verbose: { type: "boolean" },
    },
  });
  if (!values.site) {
    console.error("Usage: tsx bench/query-latency.ts --site <folder built by npm run build> [--queries 40]");
    process.exit(2);
  }
  const figures = await queryLatency(path.resolve(values.site), latencyQueries(Number(values.queries), path.resolve(values.judged)));
  console.log(describeLatency(figures));
  if (values.verbose) {
    for (const [index, query] of figures.queries.entries()) {
      console.log(`  ${query}: Vestnik ${figures.vestnik.each[index]?.toFixed(0)} ms, plain ${figures.plain.each[index]?.toFixed(0)} ms`);
    }
  }
}

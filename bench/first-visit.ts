/**
 * What a reader's first visit to an article costs, measured in Chromium on a built site: every
 * byte the server sends from the navigation until `waitMs` after the page's load event (the page,
 * its shell, the service worker and whatever the worker fetches on its own), and whether a search
 * made online then works offline, as issue 18 asks (≤ 1 MB in the 30 s after load at 50,000
 * articles). Counted at the server rather than from the browser's events: a service worker's own
 * fetches are then counted with the page's, whatever target made them.
 *
 * Usage: `npx tsx bench/first-visit.ts _site [--prefix /novosti/] [--wait 30]`.
 */
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import sirv from "sirv";
import { launchBrowser } from "../test/support/browser.ts";

/** One response the server sent. */
export interface Served {
  /** The address asked for, path prefix and query included. */
  url: string;
  status: number;
  /** Body bytes as served. */
  bytes: number;
  /** Body bytes gzipped, as GitHub Pages sends text (other files as served). */
  gzipped: number;
}

export interface CountingServer {
  url: string;
  /** Every response so far, in the order they ended. */
  served: Served[];
  /**
   * While true, every request's connection is cut unanswered, as a network that is gone cuts it: a
   * browser's offline mode may not reach its service worker's own requests.
   */
  cut: boolean;
  close(): Promise<void>;
}

/** What GitHub Pages gzips, by address (sirv gives its headers to writeHead, where getHeader cannot read them). */
const text = /(\/|\.(html|css|js|mjs|json|svg|xml|atom|txt|webmanifest))$/;

/** How long GitHub Pages lets a browser keep a file without asking again (its `Cache-Control: max-age=600`). */
export const pagesMaxAge = 600;

/**
 * Serves a built site on 127.0.0.1 under a path prefix, as test/support/browser.ts's serveSite
 * does (the same sirv settings), and notes the body bytes of every response. With `maxAge`, files
 * are sent with `Cache-Control: public,max-age=…`, as GitHub Pages sends them, so the browser's
 * HTTP cache keeps what a page fetched (the service worker keeps a search's files from there);
 * without, with `no-store`, so every file comes from the server.
 */
export async function serveCounted(root: string, prefix = "/", options: { maxAge?: number } = {}): Promise<CountingServer> {
  const files = options.maxAge === undefined ? sirv(root, { dev: true, etag: false }) : sirv(root, { etag: false, maxAge: options.maxAge });
  const served: Served[] = [];
  const counting = { cut: false };
  const server = http.createServer((request, response) => {
    if (counting.cut) {
      request.socket.destroy();
      return;
    }
    const url = request.url ?? "/";
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown) => {
      if (typeof chunk === "string" || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => http.ServerResponse;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    }) as typeof response.write;
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== "function") keep(chunk);
      return end(chunk, ...rest);
    }) as typeof response.end;
    response.on("finish", () => {
      const body = Buffer.concat(chunks);
      served.push({
        url,
        status: response.statusCode,
        bytes: body.length,
        gzipped: text.test(url.split("?")[0] ?? "") && body.length > 0 ? gzipSync(body, { level: 6 }).length : body.length,
      });
    });
    if (!url.startsWith(prefix)) {
      response.statusCode = 404;
      response.end("not under the path prefix");
      return;
    }
    request.url = `/${url.slice(prefix.length)}`;
    files(request, response, () => {
      response.statusCode = 404;
      response.end("not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    served,
    get cut() {
      return counting.cut;
    },
    set cut(cut: boolean) {
      counting.cut = cut;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Search index files: what a first visit should not fetch. */
export const searchIndexFile = /\/(pagefind\/|search\/lexicon|offline\/search-files\.json)/;

export interface FirstVisit {
  /** The article opened, without the origin. */
  article: string;
  /** From the navigation to `waitMs` after load. */
  requests: number;
  bytes: number;
  gzipped: number;
  /** Of those, search index files (none, when readers pay only for what they use). */
  searchIndexFiles: number;
  /** A search made online after the wait, made again offline. */
  search: { query: string; online: string[]; offline: string[]; worksOffline: boolean };
}

/**
 * Opens the newest article of a built site (offline/newest.json) in a fresh Chromium profile,
 * counts what the server sends until `waitMs` after load, then searches online for the longest
 * word of the article's headline and again offline.
 */
export async function firstVisit(siteDir: string, options: { prefix?: string; waitMs?: number } = {}): Promise<FirstVisit> {
  const prefix = options.prefix ?? "/";
  const newest = JSON.parse(await fs.readFile(path.join(siteDir, "offline/newest.json"), "utf8").catch(() => "{}")) as {
    articles?: { page: string }[];
  };
  const article = newest.articles?.[0]?.page;
  if (!article) throw new Error(`${siteDir}: no offline/newest.json with an article: build the site with search and offline reading on`);
  // As Pages serves the site: a search's files stay in the browser's HTTP cache, where the worker
  // keeps them from (searches tell it once they pause, or when the reader leaves the page).
  const server = await serveCounted(siteDir, prefix, { maxAge: pagesMaxAge });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const at = (url: string) => new URL(url, server.url).href;
    await page.goto(at(article), { waitUntil: "load" });
    await page.waitForTimeout(options.waitMs ?? 30_000);
    const visit = [...server.served];
    const sum = (key: "bytes" | "gzipped") => visit.reduce((total, one) => total + one[key], 0);

    const headline = (await page.locator("h1").first().textContent()) ?? "";
    const query = headline.split(/[^\p{L}\p{N}-]+/u).reduce((longest, word) => (word.length > longest.length ? word : longest), "");
    const titles = async () => {
      await page.goto(at(`${prefix}search/?q=${encodeURIComponent(query)}`));
      await page.locator("[data-search-status][data-state]").waitFor({ timeout: 60_000 });
      return page.locator("[data-search-results] h2").allTextContents();
    };
    const online = await titles();
    await context.setOffline(true);
    const offline = await titles().catch(() => []);
    await context.setOffline(false);
    return {
      article,
      requests: visit.length,
      bytes: sum("bytes"),
      gzipped: sum("gzipped"),
      searchIndexFiles: visit.filter((one) => searchIndexFile.test(one.url)).length,
      search: { query, online, offline, worksOffline: online.length > 0 && JSON.stringify(online) === JSON.stringify(offline) },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** One line for the benchmark's report. */
export function describeFirstVisit(visit: FirstVisit, waitSeconds = 30): string {
  const { search } = visit;
  return (
    `first visit to an article (${waitSeconds} s after load): ${formatBytes(visit.bytes)} served, ${formatBytes(visit.gzipped)} gzipped as Pages sends it, ` +
    `${visit.requests} requests, ${visit.searchIndexFiles} of them search index files (target ≤ 1 MB); ` +
    `search «${search.query}» online ${search.online.length} results, offline just after: ${search.worksOffline ? "the same" : `${search.offline.length} results, not the same`}`
  );
}

/** «1.2 MB», «84 KB». */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { prefix: { type: "string", default: "/" }, wait: { type: "string", default: "30" } },
  });
  const wait = Number(values.wait);
  const result = await firstVisit(positionals[0] ?? "_site", { prefix: values.prefix, waitMs: wait * 1000 });
  console.log(describeFirstVisit(result, wait));
}

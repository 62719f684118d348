import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium } from "playwright-core";
import sirv from "sirv";
import { toolAvailable } from "./tools.ts";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The system Chromium, or undefined when this machine has none. */
export const chromiumPath = candidates.find((candidate): candidate is string => candidate !== undefined && existsSync(candidate));

/** Browser tests need the system Chromium (see toolAvailable for what happens without it). */
export function browserAvailable(): boolean {
  return toolAvailable({
    name: "Chromium (/usr/bin/chromium or CHROMIUM_PATH)",
    found: chromiumPath !== undefined,
    install: "apt-get install -y chromium",
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Serves a built site on 127.0.0.1, under a path prefix if given, as GitHub Pages would. */
export async function serveSite(root: string, prefix = "/"): Promise<{ url: string; close(): Promise<void> }> {
  const files = sirv(root, { dev: true, etag: false });
  const server = http.createServer((request, response) => {
    const url = request.url ?? "/";
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The titles the site's own search module finds for a query, from its search page (`searchPage`,
 * e.g. `${server.url}kk/search/`). A string, not a function, goes to the page: see the tsx note.
 */
export async function searchTitles(browser: Browser, searchPage: string, query: string): Promise<string[]> {
  const tab = await browser.newPage();
  try {
    await tab.goto(searchPage);
    const hits: { title: string }[] = await tab.evaluate(
      `import("${searchPage}search.js").then((m) => m.search(${JSON.stringify(query)}, { limit: 10 }))`,
    );
    return hits.map((hit) => hit.title.replace(/\s+/g, " "));
  } finally {
    await tab.close();
  }
}

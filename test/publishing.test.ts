import fs from "node:fs/promises";
import path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import yaml from "js-yaml";
import { parseHTML } from "linkedom";
import { LinkChecker, type LinkResult, LinkState } from "linkinator";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveOptions } from "../src/options.ts";
import { browserAvailable, launchBrowser, serveSite } from "./support/browser.ts";
import { article, assertBuilt, type Build, buildSite, repoRoot } from "./support/site.ts";

// A project site on GitHub Pages: https://agency.github.io/novosti/. The base URL already ends in
// the prefix, as configure-pages gives it, so a doubled /novosti/novosti/ would show everywhere.
const origin = "https://agency.github.io";
const prefix = "/novosti/";
const siteUrl = `${origin}${prefix}`;
// A user or organisation site, or a custom domain: no prefix.
const rootOrigin = "https://news.example.kz";

const seedFile = "2025/11/kasym-zhomart-tokaev-prizval-sozdavat-blagopriyatnye-usloviya-dlya-uchastnikov-logisticheskikh-tsepochek.md";
const seedUrl = "/2025/11/15/kasym-zhomart-tokaev-prizval-sozdavat-blagopriyatnye-usloviya-dlya-uchastnikov-logisticheskikh-tsepochek/";

/**
 * The seed article, 24 more under one tag (3 front pages of 10, 2 pages of the tag at 20 a page),
 * one of them updated later, bodies with root-relative and in-page links, and a draft.
 */
async function fixtureArticles(): Promise<Record<string, string | Buffer>> {
  const articles: Record<string, string | Buffer> = {
    [seedFile]: await fs.readFile(path.join(repoRoot, "articles", seedFile)),
    "2025/11/chernovik.md": article(
      { title: "Черновик, который не публикуется", date: "2025-11-16", tags: ["Регион"], draft: true },
      "Черновик редакции.",
    ),
  };
  for (let day = 1; day <= 24; day++) {
    const date = `2025-10-${String(day).padStart(2, "0")}`;
    const updated = day === 20 ? { updated: "2025-11-20T12:30:00+05:00" } : {};
    articles[`2025/10/region-${day}.md`] = article(
      {
        title: `Новости региона, выпуск ${day}`,
        date,
        tags: ["Регион", day % 2 === 0 ? "Чётные выпуски" : "Нечётные выпуски"],
        ...updated,
      },
      `Сводка за ${day} октября.\n\nСм. также [все теги](/tags/), [главную новость](${seedUrl}) и [начало страницы](#main).`,
    );
  }
  return articles;
}

const draftTitle = "Черновик, который не публикуется";

/** Every file a build wrote, by path relative to its output folder. */
async function filesOf(build: Build): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await fs.readdir(build.output, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(build.output, file).split(path.sep).join("/"), await fs.readFile(file));
  }
  return files;
}

/** Every built HTML page, parsed, by its path relative to the output folder. */
async function htmlPages(build: Build): Promise<Map<string, Document>> {
  const pages = new Map<string, Document>();
  for (const [file, content] of await filesOf(build)) {
    if (file.endsWith(".html")) pages.set(file, parseHTML(content.toString("utf8")).document as unknown as Document);
  }
  return pages;
}

function parseXml(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(message);
    },
  }).parseFromString(xml, "text/xml") as unknown as Document;
}

/** The attributes that hold addresses in what our layouts and Markdown produce. */
const urlAttributes = ["href", "src", "action", "formaction", "poster", "data", "srcset"];

/** Every address written in a page's markup, with the attribute it is in. */
function addressesIn(doc: Document): { element: string; attribute: string; value: string }[] {
  const found: { element: string; attribute: string; value: string }[] = [];
  for (const element of doc.querySelectorAll("*")) {
    for (const attribute of urlAttributes) {
      const value = element.getAttribute(attribute);
      if (value === null) continue;
      const values = attribute === "srcset" ? value.split(",").map((part) => part.trim().split(/\s+/)[0] ?? "") : [value];
      for (const one of values) found.push({ element: element.tagName.toLowerCase(), attribute, value: one });
    }
  }
  return found;
}

type Server = Awaited<ReturnType<typeof serveSite>>;

interface Crawl {
  /** Every link the checker followed or checked, external ones (skipped) included. */
  links: LinkResult[];
  broken: LinkResult[];
  /** The site's own pages it visited: addresses ending in a slash, as served under the prefix. */
  pages: Set<string>;
}

/**
 * Serves a built site under its prefix on 127.0.0.1 and crawls it from the front page and from
 * 404.html with linkinator: every link, asset and #fragment on every reachable page. Absolute
 * links to the public address (canonical links) are checked against the local copy; links to
 * other sites are skipped.
 */
async function crawl(server: Server, publicOrigin: string): Promise<Crawl> {
  const local = new URL(server.url).origin;
  // Forms are not links to linkinator: the search page they lead to is a starting point of its own,
  // and so is the 404 page. One check each: linkinator recurses only below the start it found a
  // link from, and a page first found from `404.html` or `search/` was then never crawled — which
  // of them came first varied from run to run.
  const links: LinkResult[] = [];
  for (const start of [server.url, `${server.url}404.html`, `${server.url}search/`]) {
    const result = await new LinkChecker().check({
      path: start,
      recurse: true,
      checkFragments: true,
      concurrency: 20,
      timeout: 10_000,
      urlRewriteExpressions: [{ pattern: new RegExp(`^${publicOrigin.replace(/\./g, "\\.")}/`), replacement: `${local}/` }],
      linksToSkip: async (link) => !link.startsWith(`${local}/`),
    });
    links.push(...result.links);
  }
  const pages = new Set(
    links
      .filter((link) => link.state === LinkState.OK && link.url.startsWith(local) && new URL(link.url).pathname.endsWith("/"))
      .map((link) => new URL(link.url).pathname),
  );
  return { links, broken: links.filter((link) => link.state === LinkState.BROKEN), pages };
}

/** Fetches public addresses from the local copy of the site; returns those that did not answer 200. */
async function unreachable(server: Server, addresses: string[], publicOrigin: string): Promise<string[]> {
  const local = new URL(server.url).origin;
  const failed: string[] = [];
  for (const address of addresses) {
    const response = await fetch(address.replace(publicOrigin, local));
    await response.arrayBuffer();
    if (response.status !== 200) failed.push(`${address}: ${response.status}`);
  }
  return failed;
}

const describeBroken = (broken: LinkResult[]) => broken.map((link) => `${link.url} (${link.status ?? "no answer"}) on ${link.parent}`);

let prefixed: Build; // --pathprefix=/novosti/
let fromEnvironment: Build; // PATH_PREFIX=/novosti/
let flagOverEnvironment: Build; // PATH_PREFIX=/elsewhere/ --pathprefix=/novosti/
let atRoot: Build; // no prefix
let demo: Build; // this repository's own site, --pathprefix=/novosti/
let cut: Build; // as prefixed, with at most 8 addresses a sitemap file
let prefixedServer: Server;
let rootServer: Server;
let demoServer: Server;

beforeAll(async () => {
  const articles = await fixtureArticles();
  // Short list pages, so that 25 articles make older front pages and a second page of a tag to crawl.
  const siteOptions = { olderArticlesPerPage: 5, tagArticlesPerPage: 20 };
  // PATH_PREFIX is set explicitly in every build, so a value in the developer's shell changes nothing.
  [prefixed, fromEnvironment, flagOverEnvironment, atRoot, demo, cut] = (
    await Promise.all([
      buildSite({ articles, siteOptions, args: [`--pathprefix=${prefix}`], env: { SITE_URL: siteUrl, PATH_PREFIX: "" } }),
      buildSite({ articles, siteOptions, env: { SITE_URL: siteUrl, PATH_PREFIX: prefix } }),
      buildSite({ articles, siteOptions, args: [`--pathprefix=${prefix}`], env: { SITE_URL: siteUrl, PATH_PREFIX: "/elsewhere/" } }),
      buildSite({ articles, siteOptions, env: { SITE_URL: `${rootOrigin}/`, PATH_PREFIX: "" } }),
      buildSite({ args: [`--pathprefix=${prefix}`], env: { SITE_URL: siteUrl, PATH_PREFIX: "" } }),
      buildSite({
        articles,
        siteOptions: { ...siteOptions, sitemapSize: 8 },
        args: [`--pathprefix=${prefix}`],
        env: { SITE_URL: siteUrl, PATH_PREFIX: "" },
      }),
    ])
  ).map(assertBuilt) as [Build, Build, Build, Build, Build, Build];
  // Each served as GitHub Pages would: the project sites under their prefix, the other at the root.
  [prefixedServer, rootServer, demoServer] = await Promise.all([
    serveSite(prefixed.output, prefix),
    serveSite(atRoot.output, "/"),
    serveSite(demo.output, prefix),
  ]);
});
afterAll(async () => {
  await Promise.all([prefixedServer?.close(), rootServer?.close(), demoServer?.close()]);
});

describe("a project site under /novosti/", () => {
  let crawled: Crawl;
  beforeAll(async () => {
    crawled = await crawl(prefixedServer, origin);
  });

  it("has no broken links, assets or anchors on any page a reader can reach", () => {
    expect(describeBroken(crawled.broken)).toEqual([]);
    // The crawl went everywhere: all four front pages, both pages of a tag, every article.
    expect(crawled.pages).toContain(prefix);
    expect(crawled.pages).toContain(`${prefix}page/3/`);
    expect(crawled.pages).toContain(`${prefix}page/1/`);
    expect(crawled.pages).toContain(`${prefix}tags/region/page/1/`);
    expect(crawled.pages).toContain(`${prefix}${seedUrl.slice(1)}`);
    expect(crawled.pages.size).toBe(43);
  });

  it("writes every address in every page under /novosti/, including forms, scripts and the 404 page", async () => {
    const outside: string[] = [];
    let checked = 0;
    for (const [file, doc] of await htmlPages(prefixed)) {
      for (const { element, attribute, value } of addressesIn(doc)) {
        checked++;
        if (value.startsWith("#") || /^https?:\/\//.test(value)) continue;
        if (!value.startsWith(prefix) || value.startsWith(`${prefix}${prefix.slice(1)}`))
          outside.push(`${file}: <${element} ${attribute}="${value}">`);
      }
    }
    expect(outside).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });

  it("sends every search form to /novosti/search/, which exists", async () => {
    const actions = new Set<string>();
    for (const doc of (await htmlPages(prefixed)).values()) {
      for (const form of doc.querySelectorAll("form")) actions.add(form.getAttribute("action") ?? "");
    }
    expect([...actions]).toEqual([`${prefix}search/`]);
    expect(crawled.pages).toContain(`${prefix}search/`);
  });

  it("serves the search modules at /novosti/search/search.js and /novosti/search/search-page.js", async () => {
    const search = await fs.readFile(path.join(prefixed.output, "search/search.js"), "utf8");
    const page = await fs.readFile(path.join(prefixed.output, "search/search-page.js"), "utf8");
    expect(search).toContain("pagefind/pagefind.js");
    expect(page).toContain("./search.js");
    expect(crawled.links.some((link) => link.url.endsWith(`${prefix}search/search-page.js`) && link.state === LinkState.OK)).toBe(true);
    expect(await unreachable(prefixedServer, [`${siteUrl}search/search.js`, `${siteUrl}pagefind/pagefind.js`], origin)).toEqual([]);
  });

  it("gives the feed absolute links with /novosti/ exactly once, and they all resolve", async () => {
    const feed = parseXml(await fs.readFile(path.join(prefixed.output, "feed.xml"), "utf8"));
    const links = [...feed.getElementsByTagName("link")].map((element) => element.textContent ?? "");
    const guids = [...feed.getElementsByTagName("guid")].map((element) => element.textContent ?? "");
    const self = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link")[0]?.getAttribute("href") ?? "";
    expect(links[0]).toBe(siteUrl);
    expect(self).toBe(`${siteUrl}feed.xml`);
    expect(guids.length).toBe(20);
    for (const url of [...links, self]) {
      expect(url.startsWith(siteUrl), url).toBe(true);
      expect(url.split(prefix).length - 1, url).toBe(1);
    }
    // Guids are stable tag: URIs, not addresses (src/feeds/entries.ts): a prefix never enters them.
    for (const guid of guids) expect(guid, guid).toMatch(/^tag:agency\.github\.io,\d{4}-\d{2}-\d{2}:[^/]/);
    expect(links).toContain(`${siteUrl}${seedUrl.slice(1)}`);
    // Links inside the articles' HTML are absolute too.
    const content = [...feed.getElementsByTagNameNS("http://purl.org/rss/1.0/modules/content/", "encoded")].map(
      (element) => element.textContent ?? "",
    );
    const inArticles = content.flatMap((html) => [...html.matchAll(/href="([^"#]+)/g)].map((match) => match[1] ?? ""));
    expect(inArticles).toContain(`${siteUrl}tags/`);
    for (const url of inArticles) expect(url.startsWith(siteUrl), url).toBe(true);
    expect(await unreachable(prefixedServer, [...new Set([...links, self, ...inArticles])], origin)).toEqual([]);
  });

  it("lists every page a reader can reach in sitemap.xml, with absolute URLs and lastmod", async () => {
    const sitemap = parseXml(await fs.readFile(path.join(prefixed.output, "sitemap.xml"), "utf8"));
    const entries = [...sitemap.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "url")].map((url) => ({
      loc: url.getElementsByTagName("loc")[0]?.textContent ?? "",
      lastmod: url.getElementsByTagName("lastmod")[0]?.textContent ?? "",
    }));
    const locs = entries.map((entry) => entry.loc);
    for (const loc of locs) expect(loc.startsWith(siteUrl) && loc.split(prefix).length === 2, loc).toBe(true);
    // Exactly the pages the crawler found, less the search page and the 404 page.
    const reachable = [...crawled.pages].filter((page) => page !== `${prefix}search/`).map((page) => `${origin}${page}`);
    expect([...locs].sort()).toEqual(reachable.sort());
    expect(new Set(locs).size).toBe(locs.length);
    // 25 articles, 4 front pages, the tag index, the feeds page, the seed's 7 tag pages, 2 pages of «Регион», 2 more tags.
    expect(locs.length).toBe(25 + 4 + 1 + 1 + 7 + 2 + 2);
    for (const entry of entries) expect(entry.lastmod, entry.loc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    const byLoc = new Map(entries.map((entry) => [entry.loc, entry.lastmod]));
    expect(byLoc.get(`${siteUrl}${seedUrl.slice(1)}`)).toBe("2025-11-15T00:00:00+05:00");
    expect(byLoc.get(`${siteUrl}2025/10/20/novosti-regiona-vypusk-20/`)).toBe("2025-11-20T12:30:00+05:00");
    // A list's first page changes when any article in its list does; an older page when one of its own does.
    expect(byLoc.get(`${siteUrl}tags/region/`)).toBe("2025-11-20T12:30:00+05:00");
    expect(byLoc.get(`${siteUrl}tags/region/page/1/`)).toBe("2025-10-04T00:00:00+05:00");
    expect(byLoc.get(siteUrl)).toBe("2025-11-20T12:30:00+05:00");
  });

  it("cuts a sitemap of more addresses than sitemapSize into files under /sitemaps/, which /sitemap.xml lists as an index", async () => {
    const namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const read = async (site: Build, url: string) =>
      parseXml(await fs.readFile(path.join(site.output, new URL(url).pathname.slice(prefix.length)), "utf8"));
    const urls = (doc: Document) =>
      [...doc.getElementsByTagNameNS(namespace, "url")].map((url) => ({
        loc: url.getElementsByTagName("loc")[0]?.textContent ?? "",
        lastmod: url.getElementsByTagName("lastmod")[0]?.textContent ?? "",
      }));
    const index = await read(cut, `${siteUrl}sitemap.xml`);
    expect(index.documentElement?.localName).toBe("sitemapindex");
    const files = [...index.getElementsByTagNameNS(namespace, "sitemap")].map((file) => ({
      loc: file.getElementsByTagName("loc")[0]?.textContent ?? "",
      lastmod: file.getElementsByTagName("lastmod")[0]?.textContent ?? "",
    }));
    // 15 list pages and 2 others in 3 files; 2025's 25 articles cut by month, October's 24 into 3 files.
    expect(files.map((file) => file.loc.slice(siteUrl.length))).toEqual([
      "sitemaps/pages.xml",
      "sitemaps/pages-2.xml",
      "sitemaps/pages-3.xml",
      "sitemaps/2025-10.xml",
      "sitemaps/2025-10-2.xml",
      "sitemaps/2025-10-3.xml",
      "sitemaps/2025-11.xml",
    ]);
    const entries = [];
    for (const file of files) {
      const listed = urls(await read(cut, file.loc));
      expect(listed.length, file.loc).toBeGreaterThan(0);
      expect(listed.length, file.loc).toBeLessThanOrEqual(8);
      // A file's lastmod is its newest page's.
      expect(file.lastmod, file.loc).toBe(
        listed
          .map((url) => url.lastmod)
          .sort()
          .at(-1),
      );
      entries.push(...listed);
    }
    // The same addresses, with the same lastmod, as the same site's sitemap in one file.
    const byLoc = (a: { loc: string }, b: { loc: string }) => (a.loc < b.loc ? -1 : 1);
    expect(entries.sort(byLoc)).toEqual(urls(await read(prefixed, `${siteUrl}sitemap.xml`)).sort(byLoc));
  });

  it("points robots.txt at the sitemap by its absolute URL", async () => {
    const robots = await fs.readFile(path.join(prefixed.output, "robots.txt"), "utf8");
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toMatch(new RegExp(`^Sitemap: ${siteUrl}sitemap\\.xml$`, "m"));
    expect(await unreachable(prefixedServer, [`${siteUrl}sitemap.xml`, `${siteUrl}robots.txt`], origin)).toEqual([]);
  });

  it("has a Russian 404 page with a search form, and .nojekyll", async () => {
    const doc = (await htmlPages(prefixed)).get("404.html");
    expect(doc?.querySelector("h1")?.textContent).toBe("Страница не найдена");
    expect(doc?.querySelector("main form[role=search]")?.getAttribute("action")).toBe(`${prefix}search/`);
    expect(doc?.querySelector("main input[name=q]")).toBeTruthy();
    expect(await fs.readFile(path.join(prefixed.output, ".nojekyll"), "utf8")).toBe("");
  });

  it("never publishes a draft", async () => {
    const files = await filesOf(prefixed);
    const everything = [...files.values()].map((content) => content.toString("utf8")).join("\n");
    expect(everything).not.toContain(draftTitle);
    expect([...files.keys()].some((file) => file.includes("chernovik"))).toBe(false);
  });
});

describe("this repository's own site published as a project site under /novosti/", () => {
  it("has no broken links, assets or anchors, and every sitemap page is reachable", async () => {
    const crawled = await crawl(demoServer, origin);
    expect(describeBroken(crawled.broken)).toEqual([]);
    expect(crawled.pages).toContain(`${prefix}${seedUrl.slice(1)}`);
    const sitemap = await fs.readFile(path.join(demo.output, "sitemap.xml"), "utf8");
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? "").pathname);
    expect(locs.filter((loc) => !crawled.pages.has(loc))).toEqual([]);
  });
});

describe("the path prefix", () => {
  it("gives a byte-identical site from PATH_PREFIX and from --pathprefix", async () => {
    const [byFlag, byEnvironment] = await Promise.all([filesOf(prefixed), filesOf(fromEnvironment)]);
    expect([...byEnvironment.keys()].sort()).toEqual([...byFlag.keys()].sort());
    const differing = [...byFlag]
      .filter(([file, content]) => !content.equals(byEnvironment.get(file) ?? Buffer.alloc(0)))
      .map(([file]) => file);
    expect(differing).toEqual([]);
    expect(byFlag.size).toBeGreaterThan(50);
  });

  it("is taken from --pathprefix when PATH_PREFIX says otherwise", async () => {
    const [byFlag, overridden] = await Promise.all([filesOf(prefixed), filesOf(flagOverEnvironment)]);
    expect(overridden.get("index.html")?.equals(byFlag.get("index.html") ?? Buffer.alloc(0))).toBe(true);
    expect(overridden.get("feed.xml")?.equals(byFlag.get("feed.xml") ?? Buffer.alloc(0))).toBe(true);
    expect(overridden.get("index.html")?.toString("utf8")).not.toContain("/elsewhere/");
  });
});

describe("a user or organisation site at the root (no prefix)", () => {
  let crawled: Crawl;
  beforeAll(async () => {
    crawled = await crawl(rootServer, rootOrigin);
  });

  it("has no broken links, assets or anchors on any page a reader can reach", () => {
    expect(describeBroken(crawled.broken)).toEqual([]);
    expect(crawled.pages).toContain("/page/3/");
    expect(crawled.pages).toContain("/tags/region/page/1/");
    expect(crawled.pages).toContain(seedUrl);
  });

  it("writes root-relative addresses without any prefix", async () => {
    const doc = (await htmlPages(atRoot)).get("404.html");
    expect(doc?.querySelector("main form")?.getAttribute("action")).toBe("/search/");
    const all = [...(await htmlPages(atRoot)).values()].flatMap(addressesIn);
    expect(all.filter(({ value }) => value.startsWith(prefix))).toEqual([]);
  });

  it("gives the feed, sitemap and robots.txt absolute URLs at the domain's root", async () => {
    const feed = await fs.readFile(path.join(atRoot.output, "feed.xml"), "utf8");
    expect(feed).toContain(`<link>${rootOrigin}${seedUrl}</link>`);
    const sitemap = await fs.readFile(path.join(atRoot.output, "sitemap.xml"), "utf8");
    expect(sitemap).toContain(`<loc>${rootOrigin}/</loc>`);
    expect(sitemap).toContain(`<loc>${rootOrigin}${seedUrl}</loc>`);
    const robots = await fs.readFile(path.join(atRoot.output, "robots.txt"), "utf8");
    expect(robots).toContain(`Sitemap: ${rootOrigin}/sitemap.xml`);
    expect(await unreachable(rootServer, [`${rootOrigin}/sitemap.xml`, `${rootOrigin}${seedUrl}`], rootOrigin)).toEqual([]);
  });
});

describe.runIf(browserAvailable())("search under /novosti/ in Chromium", () => {
  let browser: Browser;
  let server: Server;

  beforeAll(async () => {
    server = prefixedServer;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("finds the seed article for «логистика» through /novosti/search/search.js, with its address under /novosti/", async () => {
    const tab = await browser.newPage();
    try {
      await tab.goto(server.url);
      const hits = (await tab.evaluate(`import("${server.url}search/search.js").then((m) => m.search("логистика"))`)) as { url: string }[];
      expect(hits.map((hit) => hit.url)).toContain(`${prefix}${seedUrl.slice(1)}`);
      for (const hit of hits) expect(hit.url.startsWith(prefix), hit.url).toBe(true);
    } finally {
      await tab.close();
    }
  });

  it("shows results on /novosti/search/?q=логистика that lead to the article", async () => {
    const tab = await browser.newPage();
    try {
      await tab.goto(`${server.url}search/?q=${encodeURIComponent("логистика")}`);
      await tab.locator('[data-search-status][data-state="found"]').waitFor();
      const links = (await tab.evaluate(
        `[...document.querySelectorAll("[data-search-results] a")].map((a) => a.getAttribute("href"))`,
      )) as string[];
      expect(links).toContain(`${prefix}${seedUrl.slice(1)}`);
      for (const link of links) expect(link.startsWith(prefix), link).toBe(true);
      await tab.click(`[data-search-results] a[href="${prefix}${seedUrl.slice(1)}"]`);
      await tab.waitForURL(`${server.url}${seedUrl.slice(1)}`);
      expect(await tab.locator("article h1").textContent()).toContain("Касым-Жомарт Токаев");
    } finally {
      await tab.close();
    }
  });

  it("lets a reader who followed a dead link search from the 404 page, as GitHub Pages serves it", async () => {
    const tab = await browser.newPage();
    try {
      const notFound = await fs.readFile(path.join(prefixed.output, "404.html"), "utf8");
      const deadLink = `${server.url}2019/01/01/udalyonnaya-novost/`;
      // GitHub Pages answers any unknown address with 404.html, at that address.
      await tab.route(deadLink, (route) => route.fulfill({ status: 404, contentType: "text/html; charset=utf-8", body: notFound }));
      await tab.goto(deadLink);
      expect(await tab.locator("h1").textContent()).toBe("Страница не найдена");
      await tab.fill("main input[name=q]", "логистика");
      await tab.press("main input[name=q]", "Enter");
      await tab.waitForURL(`${server.url}search/?q=*`);
      await tab.locator('[data-search-status][data-state="found"]').waitFor();
      expect(await tab.locator(`[data-search-results] a[href="${prefix}${seedUrl.slice(1)}"]`).count()).toBe(1);
      // The stylesheet came from under the prefix, though the page was served elsewhere.
      const styled = `[...document.styleSheets].some((sheet) => sheet.href.endsWith("${prefix}assets/vestnik.css") && sheet.cssRules.length > 0)`;
      expect(await tab.evaluate(styled)).toBe(true);
    } finally {
      await tab.close();
    }
  });
});

describe("the GitHub Pages workflow", () => {
  type Step = { uses?: string; run?: string; id?: string; with?: Record<string, unknown>; env?: Record<string, string> };
  type Job = { steps: Step[]; needs?: string | string[]; environment?: { name: string; url?: string }; "runs-on": string };
  type Workflow = {
    on: { push?: { branches?: string[] }; workflow_dispatch?: unknown; schedule?: { cron: string }[] };
    permissions: Record<string, string>;
    concurrency: { group: string; "cancel-in-progress": boolean };
    jobs: Record<string, Job>;
  };
  let workflow: Workflow;
  let steps: Step[];
  const stepUsing = (action: string) => steps.find((step) => step.uses?.startsWith(`${action}@`));

  beforeAll(async () => {
    workflow = yaml.load(await fs.readFile(path.join(repoRoot, ".github/workflows/pages.yml"), "utf8")) as Workflow;
    steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  });

  it("runs on every push to main and by hand", () => {
    expect(workflow.on.push?.branches).toEqual(["main"]);
    expect("workflow_dispatch" in workflow.on).toBe(true);
  });

  it("also runs every quarter of an hour, so an article under embargo goes out soon after its time", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "*/15 * * * *" }]);
  });

  it("asks only for the permissions Pages needs", () => {
    expect(workflow.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
  });

  it("deploys one at a time without cancelling a deployment in progress", () => {
    expect(workflow.concurrency).toEqual({ group: "pages", "cancel-in-progress": false });
  });

  it("installs with npm ci on Node 20 and builds for production with the address from configure-pages", () => {
    expect(stepUsing("actions/setup-node")?.with?.["node-version"]).toBe(20);
    const configure = stepUsing("actions/configure-pages");
    expect(configure?.id).toBe("pages");
    const install = steps.findIndex((step) => /^npm ci\b/.test(step.run ?? ""));
    const build = steps.findIndex((step) => /^npm run build\b/.test(step.run?.trim() ?? ""));
    // From the site the last run published and the record it kept: one new article is a short build (since-last.ts).
    expect(steps[build]?.run?.trim()).toBe("npm run build -- --since-last");
    expect(install).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(install);
    expect(steps.indexOf(configure as Step)).toBeLessThan(build);
    const env = steps[build]?.env ?? {};
    expect(env.SITE_URL).toContain("steps.pages.outputs.base_url");
    expect(env.PATH_PREFIX).toContain("steps.pages.outputs.base_path");
    // Drafts are built only by `npm start` (or drafts: true): nothing here turns them on.
    expect(JSON.stringify(workflow)).not.toMatch(/npm start|--serve|--watch|ELEVENTY_RUN_MODE/);
  });

  it("restores the plugin's cache folder and the last published site before the build, so a build since the last one has both", () => {
    const cache = stepUsing("actions/cache");
    const paths = String(cache?.with?.path).trim().split("\n");
    expect(paths).toEqual(expect.arrayContaining([resolveOptions({ title: "В", baseUrl: "https://a.kz/" }).cacheDir, "_site"]));
    expect(String(cache?.with?.key)).toContain("github.run_id");
    expect(cache?.with?.["restore-keys"]).toBeTruthy();
    expect(steps.indexOf(cache as Step)).toBeLessThan(steps.findIndex((step) => /^npm run build\b/.test(step.run?.trim() ?? "")));
  });

  it("uploads _site with .nojekyll and deploys it with the official Pages actions", () => {
    const upload = stepUsing("actions/upload-pages-artifact");
    expect(upload?.with?.path).toBe("_site");
    expect(upload?.with?.["include-hidden-files"]).toBe(true);
    const [deployName, deployJob] =
      Object.entries(workflow.jobs).find(([, job]) => job.steps.some((step) => step.uses?.startsWith("actions/deploy-pages@"))) ?? [];
    expect(deployName).toBeDefined();
    expect(deployJob?.environment?.name).toBe("github-pages");
    expect(deployJob?.environment?.url).toContain("outputs.page_url");
    const buildJob = Object.entries(workflow.jobs).find(([, job]) => job.steps.includes(upload as Step))?.[0];
    expect([deployJob?.needs].flat()).toContain(buildJob);
  });
});

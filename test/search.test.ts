import fs from "node:fs/promises";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedFragmentIds } from "../src/search/fragments.ts";
import { slugOf } from "../src/slug.ts";
import { readerWords } from "../src/theme/reader-words.ts";
import { browserAvailable, launchBrowser, serveSite } from "./support/browser.ts";
import { article, assertBuilt, type Build, buildSite, builtFile, demoSite, exists } from "./support/site.ts";

const seedUrl = "/2025/11/15/kasym-zhomart-tokaev-prizval-sozdavat-blagopriyatnye-usloviya-dlya-uchastnikov-logisticheskikh-tsepochek/";

describe("result counts", () => {
  it("use Russian plurals", () => {
    expect([1, 2, 4, 5, 11, 21, 22, 25, 101].map(readerWords("ru").results)).toEqual([
      "1 результат",
      "2 результата",
      "4 результата",
      "5 результатов",
      "11 результатов",
      "21 результат",
      "22 результата",
      "25 результатов",
      "101 результат",
    ]);
  });
});

describe.runIf(browserAvailable())("searching the built site in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;

  beforeAll(async () => {
    const site = assertBuilt(await demoSite());
    server = await serveSite(site.output);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Calls the site's own search module, as any page of the site can. Strings, not functions: see DEVELOPERS notes on tsx. */
  async function searchModule(
    query: string,
    options: object = {},
  ): Promise<{ url: string; title: string; date: string; tags: string[]; excerpt: string }[]> {
    const tab = await browser.newPage();
    try {
      await tab.goto(`${server.url}search/`);
      return await tab.evaluate(
        `import("${server.url}search/search.js").then((m) => m.search(${JSON.stringify(query)}, ${JSON.stringify(options)}))`,
      );
    } finally {
      await tab.close();
    }
  }

  for (const query of ["логистика", "Мирзиёев", "Мирзиеев", "Жомарт", "портах"]) {
    it(`finds the seed article for «${query}»`, async () => {
      const hits = await searchModule(query);
      expect(hits.map((hit) => new URL(hit.url, server.url).pathname)).toContain(seedUrl);
    });
  }

  it("returns hits with url, title, date, tags and an excerpt with the match marked", async () => {
    const [hit] = (await searchModule("Мирзиёев")).filter((found) => found.url.endsWith(seedUrl));
    expect(hit?.title.replace(/\s+/g, " ")).toBe(
      "Касым-Жомарт Токаев призвал создавать благоприятные условия для участников логистических цепочек",
    );
    expect(hit?.date).toBe("2025-11-15T00:00:00+05:00");
    expect(hit?.tags).toContain("Шавкат Мирзиёев");
    expect(hit?.excerpt).toMatch(/<mark>/);
  });

  it("narrows results by tag and by year", async () => {
    expect((await searchModule("Токаев", { tags: ["Логистика"] })).map((hit) => hit.url)).toContain(seedUrl);
    expect(await searchModule("Токаев", { tags: ["Тег, которого нет"] })).toEqual([]);
    expect((await searchModule("Токаев", { year: 2025 })).map((hit) => hit.url)).toContain(seedUrl);
    expect((await searchModule("Токаев", { year: 2001 })).map((hit) => hit.url)).not.toContain(seedUrl);
  });

  it("does not index navigation or related-article lists", async () => {
    // Words that stand only in the header and the «Читайте также» list. Pagefind may still answer
    // with a shorter indexed prefix («со»), but never with a match on the word itself.
    for (const word of ["Читайте", "Перейти", "содержанию"]) {
      const excerpts = (await searchModule(word)).map((hit) => hit.excerpt.toLowerCase());
      expect(
        excerpts.filter((excerpt) => excerpt.includes(`<mark>${word.toLowerCase()}`)),
        word,
      ).toEqual([]);
    }
    // The seed page lists other articles as related; their titles' words do not find the seed.
    const seedHits = await searchModule("Лимонов");
    expect(seedHits.map((hit) => hit.url)).not.toContain(seedUrl);
  });

  it("shows results on the search page for a ?q= link, with a Russian count", async () => {
    const tab = await browser.newPage();
    await tab.goto(`${server.url}search/?q=${encodeURIComponent("логистика")}`);
    const status = tab.locator('[data-search-status][data-state="found"]');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/^\d+ результат(а|ов)? по запросу «логистика»$/);
    const links = await tab.evaluate(`[...document.querySelectorAll("[data-search-results] a")].map((a) => a.getAttribute("href"))`);
    expect(links).toContain(seedUrl);
    expect(await tab.inputValue("#search-query")).toBe("логистика");
    await tab.close();
  });

  it("shows ten results at a time, counts them all, and shows the rest on «Показать ещё»", async () => {
    const tab = await browser.newPage();
    // «года» stands in most of the 13 demo articles.
    await tab.goto(`${server.url}search/?q=${encodeURIComponent("года")}`);
    await tab.locator('[data-search-status][data-state="found"]').waitFor();
    const total = Number((await tab.locator("[data-search-status]").textContent())?.match(/^(\d+) результат/)?.[1]);
    expect(total).toBeGreaterThan(10);
    expect(await tab.locator("[data-search-results] li").count()).toBe(10);
    const more = tab.getByRole("button", { name: "Показать ещё" });
    await more.click();
    await tab.locator(`[data-search-results] li >> nth=${total - 1}`).waitFor();
    const links = (await tab.evaluate(
      `[...document.querySelectorAll("[data-search-results] h2 a")].map((a) => a.getAttribute("href"))`,
    )) as string[];
    expect(links).toHaveLength(total);
    expect(new Set(links).size).toBe(total);
    expect(await more.isHidden()).toBe(true);
    await tab.close();
  });

  it("asks the server only for files the site has, even for a typo or a word the site lacks", async () => {
    const tab = await browser.newPage();
    const missing: string[] = [];
    tab.on("response", (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
    });
    await tab.goto(`${server.url}search/`);
    const found = (await tab.evaluate(
      `import("${server.url}search/search.js").then(async (m) => [await m.search("ыыхщщы"), await m.search("Токаевв"), await m.search("Мирзиеёв")])`,
    )) as { url: string }[][];
    expect(found[0]).toEqual([]);
    expect(found[1]?.map((hit) => new URL(hit.url, server.url).pathname)).toContain(seedUrl);
    expect(missing).toEqual([]);
    await tab.close();
  });

  it("starts loading the index while the reader types the first query, and not before", async () => {
    const tab = await browser.newPage();
    const asked: string[] = [];
    tab.on("request", (request) => asked.push(new URL(request.url()).pathname));
    const indexFiles = () => asked.filter((url) => url.startsWith("/pagefind/") || url === "/search/lexicon.json");
    await tab.goto(`${server.url}search/`, { waitUntil: "load" });
    await tab.waitForTimeout(500);
    expect(indexFiles()).toEqual([]);
    await tab.locator("#search-query").pressSequentially("логистика");
    await expect.poll(indexFiles).toEqual(expect.arrayContaining(["/pagefind/pagefind-entry.json", "/search/lexicon.json"]));
    // Typing only loads: nothing is searched until the reader sends the query.
    expect(await tab.locator("[data-search-status][data-state]").count()).toBe(0);
    await tab.press("#search-query", "Enter");
    await tab.locator('[data-search-status][data-state="found"]').waitFor();
    await tab.close();
  });

  it("says «ничего не найдено» when nothing matches", async () => {
    const tab = await browser.newPage();
    await tab.goto(`${server.url}search/`);
    await tab.fill("#search-query", "хлогщрк");
    await tab.press("#search-query", "Enter");
    const status = tab.locator('[data-search-status][data-state="empty"]');
    await status.waitFor();
    expect(await status.textContent()).toBe("По запросу «хлогщрк» ничего не найдено");
    expect(await tab.locator("[data-search-results] li").count()).toBe(0);
    expect(new URL(tab.url()).searchParams.get("q")).toBe("хлогщрк");
    await tab.close();
  });
});

describe.runIf(browserAvailable())("searching an archive indexed in parts, in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;
  let build: Build;
  // One article a part (searchPartSize: 1): each is found only if search.js merges every part.
  const articles = {
    "2019/zeppelin.md": article(
      { title: "Над Астаной пролетели дирижабли", date: "2019-05-01", tags: ["Город"] },
      "Два дирижабля прошли над Астаной.",
    ),
    "2022/volcano.md": article(
      { title: "Вулканологи из Астаны вернулись с Камчатки", date: "2022-08-10", tags: ["Наука"] },
      "Учёные изучали вулканы.",
    ),
    "2025/marathon.md": article({ title: "Астана провела марафон", date: "2025-09-07", tags: ["Спорт"] }, "Марафонцы бежали по Астане."),
  };

  beforeAll(async () => {
    build = assertBuilt(await buildSite({ articles, siteOptions: { searchPartSize: 1 } }));
    server = await serveSite(build.output);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function found(query: string, options: object = {}): Promise<{ total: number; urls: string[] }> {
    const tab = await browser.newPage();
    try {
      await tab.goto(`${server.url}search/`);
      const results = (await tab.evaluate(
        `import("${server.url}search/search.js").then((m) => m.searchResults(${JSON.stringify(query)}, ${JSON.stringify(options)}))`,
      )) as { total: number; hits: { url: string }[] };
      return { total: results.total, urls: results.hits.map((hit) => new URL(hit.url, server.url).pathname).sort() };
    } finally {
      await tab.close();
    }
  }

  it("writes one Pagefind index a part, the newest where Pagefind's usually is, and lists the older ones", async () => {
    const { parts } = JSON.parse(await builtFile(build, "pagefind/parts.json")) as { parts: string[] };
    expect(parts).toEqual(["pagefind/from-2019/", "pagefind/from-2022/"]);
    for (const dir of ["pagefind/", ...parts]) {
      expect(exists(build, `${dir}pagefind-entry.json`), dir).toBe(true);
      expect(await fs.readdir(path.join(build.output, dir, "fragment"))).toHaveLength(1);
    }
  });

  it("finds articles of every part, in any form of the word", async () => {
    expect((await found("дирижабль")).urls).toEqual([`/2019/05/01/${slugOf("Над Астаной пролетели дирижабли")}/`]);
    expect((await found("вулкан")).urls).toEqual([`/2022/08/10/${slugOf("Вулканологи из Астаны вернулись с Камчатки")}/`]);
    expect((await found("марафонец")).urls).toEqual([`/2025/09/07/${slugOf("Астана провела марафон")}/`]);
    const everywhere = await found("Астана");
    expect(everywhere.total).toBe(3);
    expect(everywhere.urls.map((url) => url.slice(0, 6))).toEqual(["/2019/", "/2022/", "/2025/"]);
  });

  it("narrows results by tag and by year in every part", async () => {
    expect((await found("Астана", { tags: ["Наука"] })).urls).toEqual([
      `/2022/08/10/${slugOf("Вулканологи из Астаны вернулись с Камчатки")}/`,
    ]);
    expect((await found("Астана", { year: 2019 })).urls).toEqual([`/2019/05/01/${slugOf("Над Астаной пролетели дирижабли")}/`]);
    expect((await found("Астана", { tags: ["Спорт"], year: 2025 })).total).toBe(1);
    expect((await found("Астана", { tags: ["Спорт"], year: 2019 })).total).toBe(0);
  });

  // Last: it rewrites the index. Each part names its pages by a short hash of its own, so two parts
  // can name different pages alike (six pages of 50,000 in seven parts). Made here by giving the
  // 2022 article the 2019 article's id, as Pagefind would have.
  it("tells apart two articles of different parts that Pagefind gave the same id", async () => {
    const idOf = async (dir: string) => (await fs.readdir(path.join(build.output, dir, "fragment")))[0]?.replace(".pf_fragment", "") ?? "";
    const [older, newer] = [await idOf("pagefind/from-2019"), await idOf("pagefind/from-2022")];
    const dir = path.join(build.output, "pagefind/from-2022");
    await fs.rename(path.join(dir, `fragment/${newer}.pf_fragment`), path.join(dir, `fragment/${older}.pf_fragment`));
    const [meta] = (await fs.readdir(dir)).filter((name) => name.endsWith(".pf_meta"));
    const metaFile = path.join(dir, meta ?? "");
    const metadata = gunzipSync(await fs.readFile(metaFile));
    expect(metadata.indexOf(newer)).toBeGreaterThan(0);
    await fs.writeFile(metaFile, gzipSync(Buffer.from(metadata.toString("latin1").replace(newer, older), "latin1")));
    const shared = sharedFragmentIds(build.output, ["pagefind", "pagefind/from-2019", "pagefind/from-2022"]);
    expect(shared).toEqual([older]);
    const partsFile = path.join(build.output, "pagefind/parts.json");
    await fs.writeFile(partsFile, JSON.stringify({ ...JSON.parse(await fs.readFile(partsFile, "utf8")), shared }));

    const everywhere = await found("Астана");
    expect(everywhere.total).toBe(3);
    expect(everywhere.urls.map((url) => url.slice(0, 6))).toEqual(["/2019/", "/2022/", "/2025/"]);
    expect((await found("вулкан")).urls).toEqual([`/2022/08/10/${slugOf("Вулканологи из Астаны вернулись с Камчатки")}/`]);
  });
});

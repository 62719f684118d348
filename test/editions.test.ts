import { DOMParser } from "@xmldom/xmldom";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editionsOf } from "../src/editions.ts";
import { resolveOptions } from "../src/options.ts";
import { browserAvailable, launchBrowser, searchTitles, serveSite } from "./support/browser.ts";
import { buildInMemory, errorMessages } from "./support/memory-build.ts";
import { article, assertBuilt, type Build, buildSite, builtFile, exists, page } from "./support/site.ts";

/**
 * One story in three languages, and one more article in each of Kazakh and English. The Kazakh
 * sentences are KazNERD's (CC BY 4.0, github.com/IS2AI/KazNERD); the English article quotes a
 * Russian word, which a search that read Latin queries as Russian keys would find.
 */
const articles = {
  "2025/11/forum-ru.md": article({ title: "Форум завершился успешно", date: "2025-11-15", tags: ["Экономика"], story: "forum" }),
  "2025/11/forum-kk.md": article(
    { title: "Елордада форум өтті", date: "2025-11-15", tags: ["Экономика"], story: "forum", lang: "kk", lead: "Форум туралы." },
    "Форумға Қазақстанның барлық өңірінен қонақтар келді.",
  ),
  "2025/11/forum-en.md": article(
    { title: "Forum held in the capital", date: "2025-11-15", tags: ["Economy"], story: "forum", lang: "en", lead: "About the forum." },
    "Guests came from every region; the word of the day was «совет».",
  ),
  "2025/11/mektep.md": article(
    { title: "Ауылда жаңа мектеп ашылды", date: "2025-11-14", tags: ["Білім"], lang: "kk", lead: "Мектеп туралы." },
    'Балалар мектептерімізде білім алады. Жаңа кітабы оқушыларға таратылды. Мұғалім "Қош келдіңдер" деді.',
  ),
  "2025/11/school.md": article(
    { title: "A new school opened", date: "2025-11-14", tags: ["Education"], lang: "en", lead: "About the school." },
    'Children study in the new school. The headteacher said "welcome" to every pupil.',
  ),
};

/** A site's own word for one edition: the Kazakh front page's link to its news. */
const siteStrings = { kk: { navNews: "Басты жаңалықтар" } };

function parseXml(xml: string, name: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void problems.push(`${level}: ${message}`) }).parseFromString(xml, "text/xml");
  expect(problems, name).toEqual([]);
  return doc as unknown as Document;
}

const titlesOf = (doc: Document, selector: string) => [...doc.querySelectorAll(selector)].map((node) => node.textContent?.trim());

describe("the editions option", () => {
  it("lists the site's other languages, and refuses its own language or a repeated one", () => {
    const base = { title: "Вестник", baseUrl: "https://example.org/" };
    expect(resolveOptions(base).editions).toEqual([]);
    expect(resolveOptions({ ...base, editions: ["kk", "en"] }).editions).toEqual(["kk", "en"]);
    expect(() => resolveOptions({ ...base, editions: ["ru"] })).toThrow(/the site's own `language`/);
    expect(() => resolveOptions({ ...base, editions: ["kk", "kk"] })).toThrow(/twice/);
    expect(() => resolveOptions({ ...base, editions: ["Kazakh"] })).toThrow(/language codes/);
  });

  it("gives a credit line with a language to that edition's pages only, and refuses a language the site does not publish", () => {
    const base = { title: "Вестник", baseUrl: "https://example.org/", editions: ["kk", "en"] };
    const line = { text: "Сөйлемдер —", source: "KazNERD", url: "https://github.com/IS2AI/KazNERD", license: "CC BY 4.0" };
    const options = resolveOptions({
      ...base,
      credits: [
        { ...line, lang: "kk" },
        { ...line, source: "Kazinform" },
      ],
    });
    expect(editionsOf(options).map((edition) => [edition.language, edition.options.credits.map((credit) => credit.source)])).toEqual([
      ["ru", ["Kazinform"]],
      ["kk", ["KazNERD", "Kazinform"]],
      ["en", ["Kazinform"]],
    ]);
    expect(() => resolveOptions({ ...base, credits: [{ ...line, lang: "de" }] })).toThrow(/KazNERD.*"de".*ru, kk, en/);
  });

  it("refuses an article in a language the site does not publish, naming its file, the field and the fix", async () => {
    const error = await buildInMemory({ "2025/11/a.md": article({ title: "Zeitung", lang: "de" }) }, { editions: ["kk", "en"] }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    const messages = errorMessages(error).join("\n");
    expect(messages).toContain("articles/2025/11/a.md");
    expect(messages).toMatch(/lang: "de" is not one of the site's languages \(ru, kk, en\).*`editions`/);
  });
});

describe("a newsroom with Kazakh and English editions", () => {
  let site: Build;
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveSite>> | undefined;

  beforeAll(async () => {
    site = assertBuilt(await buildSite({ articles, siteOptions: { editions: ["kk", "en"], strings: siteStrings } }));
    if (!browserAvailable()) return;
    server = await serveSite(site.output);
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("publishes each article under its edition's folder, its page in its language", async () => {
    const ru = await page(site, "/2025/11/15/forum-zavershilsya-uspeshno/");
    expect(ru.documentElement.getAttribute("lang")).toBe("ru");
    const kk = await page(site, "/kk/2025/11/15/elordada-forum-otti/");
    expect(kk.documentElement.getAttribute("lang")).toBe("kk");
    expect(kk.querySelector("h1")?.textContent).toBe("Елордада форум өтті");
    const en = await page(site, "/en/2025/11/15/forum-held-in-the-capital/");
    expect(en.documentElement.getAttribute("lang")).toBe("en");
  });

  it("gives each edition a front page that lists only its own articles", async () => {
    const kk = (await builtFile(site, "kk/index.html")).toString();
    expect(kk).toMatch(/<html lang="kk"/);
    expect(kk).toContain("Ауылда жаңа мектеп ашылды");
    expect(kk).not.toContain("Форум завершился успешно");
    expect(kk).not.toContain("A new school opened");
    const ru = await builtFile(site, "index.html");
    expect(ru).toContain("Форум завершился успешно");
    expect(ru).not.toContain("Елордада форум өтті");
    expect(ru).not.toContain("Forum held in the capital");
  });

  it("gives each edition its own tag pages under its folder", async () => {
    const kkTag = await page(site, "/kk/tags/ekonomika/");
    expect(kkTag.documentElement.getAttribute("lang")).toBe("kk");
    expect(titlesOf(kkTag, ".article-list a")).toEqual(["Елордада форум өтті"]);
    const ruTag = await page(site, "/tags/ekonomika/");
    expect(titlesOf(ruTag, ".article-list a")).toEqual(["Форум завершился успешно"]);
    const kkArticle = await page(site, "/kk/2025/11/15/elordada-forum-otti/");
    expect(kkArticle.querySelector(".breadcrumbs a[href$='/tags/ekonomika/']")?.getAttribute("href")).toBe("/kk/tags/ekonomika/");
    expect(exists(site, "en/tags/economy/index.html")).toBe(true);
    const kkTags = await page(site, "/kk/tags/");
    expect(kkTags.documentElement.getAttribute("lang")).toBe("kk");
    expect(titlesOf(kkTags, ".tag-index a")).toEqual(["Білім", "Экономика"]);
    expect((await page(site, "/kk/")).querySelector(".site-nav a[href='/kk/tags/']")).not.toBeNull();
    expect(exists(site, "tags/economy/index.html")).toBe(false);
  });

  it("writes each edition's feeds, which parse and hold only its articles", async () => {
    const kkRss = parseXml(await builtFile(site, "kk/feed.xml"), "kk/feed.xml");
    expect(kkRss.getElementsByTagName("language")[0]?.textContent).toBe("kk");
    expect([...kkRss.getElementsByTagName("item")].map((item) => item.getElementsByTagName("title")[0]?.textContent)).toEqual([
      "Елордада форум өтті",
      "Ауылда жаңа мектеп ашылды",
    ]);
    const enAtom = parseXml(await builtFile(site, "en/feed.atom"), "en/feed.atom");
    expect(enAtom.documentElement.getAttribute("xml:lang")).toBe("en");
    expect(enAtom.getElementsByTagName("entry")).toHaveLength(2);
    const enJson = JSON.parse(await builtFile(site, "en/feed.json")) as { language: string; items: unknown[] };
    expect(enJson.language).toBe("en");
    expect(enJson.items).toHaveLength(2);
    parseXml(await builtFile(site, "kk/tags/ekonomika/feed.xml"), "kk/tags/ekonomika/feed.xml");
    const ruRss = parseXml(await builtFile(site, "feed.xml"), "feed.xml");
    expect(ruRss.getElementsByTagName("item")).toHaveLength(1);
  });

  it("gives each edition a feeds page listing its own site and tag feeds; the OPML list and Yandex feed stay the site's", async () => {
    const hrefs = (doc: Document) => [...doc.querySelectorAll("main a")].map((a) => a.getAttribute("href"));
    const kk = await page(site, "/kk/feeds/");
    expect(hrefs(kk)).toEqual(["/kk/feed.xml", "/kk/feed.atom", "/kk/feed.json", "/kk/tags/bilim/feed.xml", "/kk/tags/ekonomika/feed.xml"]);
    const ru = await page(site, "/feeds/");
    expect(hrefs(ru)).toEqual(["/feed.xml", "/feed.atom", "/feed.json", "/feeds.opml", "/tags/ekonomika/feed.xml", "/feeds/yandex.xml"]);
    expect(kk.querySelector('.site-nav a[href="/kk/feeds/"]')).not.toBeNull();
  });

  it("links every edition's front page from the header, each named in its language, the page's own marked current", async () => {
    for (const [url, current] of [
      ["/", "Русский"],
      ["/kk/tags/", "Қазақша"],
      ["/en/2025/11/14/a-new-school-opened/", "English"],
    ] as const) {
      const links = [...(await page(site, url)).querySelectorAll(".site-editions a")].map((a) => [a.textContent, a.getAttribute("href")]);
      const all = [
        ["Русский", "/"],
        ["Қазақша", "/kk/"],
        ["English", "/en/"],
      ];
      expect(links, url).toEqual(all.filter(([name]) => name !== current));
      expect((await page(site, url)).querySelector(".site-editions [aria-current]")?.textContent, url).toBe(current);
    }
  });

  for (const [edition, url] of [
    ["ru", "/2025/11/15/forum-zavershilsya-uspeshno/"],
    ["kk", "/kk/2025/11/15/elordada-forum-otti/"],
    ["en", "/en/2025/11/15/forum-held-in-the-capital/"],
  ] as const) {
    it(`links the story's other editions from its ${edition} page: a switcher, and hreflang with x-default to Russian`, async () => {
      const doc = await page(site, url);
      const alternates = Object.fromEntries(
        [...doc.querySelectorAll('link[rel="alternate"][hreflang]')].map((link) => [
          link.getAttribute("hreflang"),
          link.getAttribute("href")?.replace(/^https?:\/\/[^/]+/, ""),
        ]),
      );
      expect(alternates).toEqual({
        ru: "/2025/11/15/forum-zavershilsya-uspeshno/",
        kk: "/kk/2025/11/15/elordada-forum-otti/",
        en: "/en/2025/11/15/forum-held-in-the-capital/",
        "x-default": "/2025/11/15/forum-zavershilsya-uspeshno/",
      });
      const switcher = doc.querySelector(".editions");
      expect(switcher?.textContent?.replace(/\s+/g, " ").trim()).toBe("Русский / Қазақша / English");
      expect(switcher?.querySelector("[aria-current]")?.getAttribute("lang")).toBe(edition);
      expect([...(switcher?.querySelectorAll("a") ?? [])].map((link) => link.getAttribute("href"))).toEqual(
        Object.entries(alternates)
          .filter(([language]) => language !== edition && language !== "x-default")
          .map(([, href]) => href),
      );
    });
  }

  it("has no switcher on a story told in one language", async () => {
    const doc = await page(site, "/kk/2025/11/14/auylda-zhanga-mektep-ashyldy/");
    expect(doc.querySelector(".editions")).toBeNull();
    expect(doc.querySelector('link[hreflang="x-default"]')).toBeNull();
  });

  it("lists every edition's articles and pages in the sitemap", async () => {
    const sitemap = await builtFile(site, "sitemap.xml");
    parseXml(sitemap, "sitemap.xml");
    for (const url of [
      "/kk/2025/11/15/elordada-forum-otti/",
      "/en/2025/11/14/a-new-school-opened/",
      "/kk/",
      "/en/tags/economy/",
      "/kk/tags/",
    ]) {
      expect(sitemap).toContain(`${url}</loc>`);
    }
  });

  it("gives each edition a search page, search module and 404 page in its language", async () => {
    const search = await page(site, "/kk/search/");
    expect(search.documentElement.getAttribute("lang")).toBe("kk");
    expect(search.querySelector("script[src$='search-page.js']")?.getAttribute("src")).toBe("/kk/search/search-page.js");
    expect(exists(site, "kk/search/search.js")).toBe(true);
    expect(exists(site, "kk/pagefind/pagefind.js")).toBe(true);
    const lexicon = JSON.parse(await builtFile(site, "en/search/lexicon.json")) as { latin: unknown };
    expect(lexicon.latin).toBe(false);
    const notFound = await page(site, "/en/404.html");
    expect(notFound.documentElement.getAttribute("lang")).toBe("en");
    expect(titlesOf(notFound, ".not-found li a, .not-found ol a")).not.toContain("Форум завершился успешно");
  });

  it("gives each edition an offline page in its language, kept by the service worker with the edition's search page", async () => {
    const offline = await page(site, "/kk/offline/");
    expect(offline.documentElement.getAttribute("lang")).toBe("kk");
    expect(offline.querySelector("[data-offline-page] a")?.getAttribute("href")).toBe("/kk/");
    const worker = await builtFile(site, "sw.js");
    for (const file of ["/kk/offline/index.html", "/en/offline/index.html", "/kk/search/index.html", "/en/search/search.js"]) {
      expect(worker, file).toContain(`"${file}"`);
    }
  });

  it("writes each edition's pages in its words and dates, with the site's own words over its table", async () => {
    const kkArticle = await page(site, "/kk/2025/11/14/auylda-zhanga-mektep-ashyldy/");
    expect(kkArticle.querySelector("article time")?.textContent).toBe("14 қараша 2025 ж.");
    expect(kkArticle.querySelector(".skip-link")?.textContent).toBe("Негізгі мазмұнға өту");
    expect(kkArticle.body.textContent).toContain("1 мин оқу");
    const enArticle = await page(site, "/en/2025/11/14/a-new-school-opened/");
    expect(enArticle.querySelector("article time")?.textContent).toBe("14 November 2025");
    expect(enArticle.body.textContent).toContain("1 min read");
    const kkTag = await page(site, "/kk/tags/bilim/");
    expect(kkTag.querySelector(".list-summary")?.textContent).toBe("1 мақала осы тег бойынша");
    const enTags = await page(site, "/en/tags/");
    expect(enTags.querySelector("h1")?.textContent).toBe("All tags");
    // The site's `strings: { kk: { navNews } }` on the Kazakh pages only.
    expect(titlesOf(await page(site, "/kk/"), ".site-nav a")).toContain("Басты жаңалықтар");
    expect(titlesOf(await page(site, "/en/"), ".site-nav a")).toContain("News");
    expect(titlesOf(await page(site, "/"), ".site-nav a")).toContain("Новости");
  });

  it("typesets a Kazakh article with «ёлочки» and an English one with “curly quotes”", async () => {
    const kk = await page(site, "/kk/2025/11/14/auylda-zhanga-mektep-ashyldy/");
    // Typograf's non-breaking spaces after short words are read as spaces here.
    const text = (doc: Document) => doc.querySelector(".article-body")?.textContent?.replace(/\u00a0/g, " ");
    expect(text(kk)).toContain("Мұғалім «Қош келдіңдер» деді.");
    const en = await page(site, "/en/2025/11/14/a-new-school-opened/");
    expect(text(en)).toContain("The headteacher said “welcome” to every pupil.");
  });

  describe.runIf(browserAvailable())("in Chromium", () => {
    /** Calls an edition's own search module. Strings, not functions: see the tsx note in the common rules. */
    async function titlesFor(edition: string, query: string): Promise<string[]> {
      if (!browser || !server) throw new Error("Chromium did not start");
      return searchTitles(browser, `${server.url}${edition}search/`, query);
    }

    it("finds a Kazakh article by another form of its word in the Kazakh edition, and only Kazakh articles", async () => {
      expect(await titlesFor("kk/", "Қазақстан")).toEqual(["Елордада форум өтті"]);
      expect(await titlesFor("kk/", "мектептерде")).toEqual(["Ауылда жаңа мектеп ашылды"]);
      expect(await titlesFor("", "форум")).toEqual(["Форум завершился успешно"]);
    });

    /** What the edition's search page says and lists for a query, once it has searched. */
    async function searchPageFor(edition: string, query: string): Promise<{ status: string; dates: string[] }> {
      if (!browser || !server) throw new Error("Chromium did not start");
      const tab = await browser.newPage();
      try {
        await tab.goto(`${server.url}${edition}search/?q=${encodeURIComponent(query)}`);
        await tab.waitForSelector("[data-search-status][data-state=found], [data-search-status][data-state=empty]");
        const status = (await tab.locator("[data-search-status]").textContent()) ?? "";
        const dates = await tab.locator(".search-hit time").allTextContents();
        return { status, dates };
      } finally {
        await tab.close();
      }
    }

    it("says how many results it found, or that it found none, in the Kazakh and English editions' own words", async () => {
      expect(await searchPageFor("kk/", "мектеп")).toEqual({ status: "«мектеп» сұрауы бойынша 1 нәтиже", dates: ["14 қараша 2025 ж."] });
      expect((await searchPageFor("kk/", "Қазақстан")).status).toBe("«Қазақстан» сұрауы бойынша 1 нәтиже");
      expect((await searchPageFor("kk/", "жирафтар")).status).toBe("«жирафтар» сұрауы бойынша ештеңе табылмады");
      expect(await searchPageFor("en/", "school")).toEqual({ status: "1 result for “school”", dates: ["14 November 2025"] });
      expect((await searchPageFor("en/", "giraffes")).status).toBe("Nothing found for “giraffes”");
      expect((await searchPageFor("", "форум")).status).toBe("1 результат по запросу «форум»");
    });

    it("reads an English query as typed: a Latin word is not rewritten into Russian keys", async () => {
      expect(await titlesFor("en/", "school")).toEqual(["A new school opened"]);
      // «cjdtn» is «совет» typed with the keyboard in the Latin layout: the Russian edition would read it so.
      expect(await titlesFor("en/", "cjdtn")).toEqual([]);
      expect(await titlesFor("en/", "совет")).toEqual(["Forum held in the capital"]);
    });

    it("shows offline, for an edition's page never opened, that edition's offline page", async () => {
      if (!browser || !server) throw new Error("Chromium did not start");
      const context = await browser.newContext();
      try {
        const reader = await context.newPage();
        await reader.goto(`${server.url}kk/`);
        await expect.poll(() => reader.evaluate("navigator.serviceWorker.controller !== null"), { timeout: 30_000 }).toBe(true);
        await context.setOffline(true);
        await reader.goto(`${server.url}kk/2025/11/14/auylda-zhanga-mektep-ashyldy/`);
        expect(await reader.locator("[data-offline-page]").count()).toBe(1);
        expect(await reader.getAttribute("html", "lang")).toBe("kk");
        await reader.goto(`${server.url}2025/11/15/forum-zavershilsya-uspeshno/`);
        expect(await reader.getAttribute("html", "lang")).toBe("ru");
      } finally {
        await context.close();
      }
    });
  });
});

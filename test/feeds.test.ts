import { spawnSync } from "node:child_process";
import path from "node:path";
import { extractFromJson, extractFromXml } from "@extractus/feed-extractor";
import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import type { ArticleItem } from "../src/articles/newsroom.ts";
import { feedHtml, feedText, xmlSafe } from "../src/feeds/content.ts";
import { absoluteUrl, articleId, FeedEntries } from "../src/feeds/entries.ts";
import { article, assertBuilt, type Build, buildSite, builtFile, exists, page } from "./support/site.ts";
import { toolAvailable } from "./support/tools.ts";

const origin = "https://agency.example.org";
const prefix = "/novosti/";
const site = `${origin}${prefix}`;
const env = { SITE_URL: `${origin}/` };
const args = [`--pathprefix=${prefix}`];

const ATOM = "http://www.w3.org/2005/Atom";
const CONTENT = "http://purl.org/rss/1.0/modules/content/";
const DC = "http://purl.org/dc/elements/1.1/";
const DCTERMS = "http://purl.org/dc/terms/";

/** A real 16×9 JPEG (the site makes responsive copies of it); feeds need its exact length for the RSS enclosure. */
const photoBytes = Buffer.from(
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAJABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCOAoAv/9k=",
  "base64",
);

/** The fixture newsroom; `edited` is the same newsroom after an editor corrected one article. */
function newsroom(edited: boolean): Record<string, string | Buffer> {
  const weather = Object.fromEntries(
    Array.from({ length: 21 }, (_, index) => {
      const day = String(index + 1).padStart(2, "0");
      return [`2025/10/pogoda-${day}.md`, article({ title: `Погода на ${index + 1} октября`, date: `2025-10-${day}`, tags: ["Погода"] })];
    }),
  );
  return {
    ...weather,
    // The file name is not the slug of either title: ids come from the file, URLs from the title.
    "2025/11/tokaev.md": article(
      {
        title: edited ? "Токаев прибыл в Ташкент с государственным визитом" : "Токаев прибыл в Ташкент",
        date: "2025-11-15T10:00:00+05:00",
        updated: edited ? "2025-11-16T09:30:00+05:00" : undefined,
        lead: "Президент Казахстана начал визит в Узбекистан.",
        tags: ["Логистика", "Узбекистан"],
        author: "Анастасия Палагутина",
        photos: [{ src: "port.jpg", caption: "порт Актау", credit: "portaktau.kz" }],
      },
      edited
        ? "Исправленный текст о визите.\n\n[О логистике](/tags/logistika/)."
        : "Первый абзац о визите.\n\n[О логистике](/tags/logistika/) и [вчерашняя новость](../../14/vchera/).",
    ),
    "2025/11/port.jpg": photoBytes,
    "2025/11/opasnaya.md": article(
      {
        title: "Опасная\u0001 вставка\u000B в тексте",
        date: "2025-11-14T12:00:00+05:00",
        lead: "Лид со\u0001 служебным символом.",
        tags: ["Узбекистан"],
      },
      [
        "Абзац со служебными символами:\u0001 тут и\u000B тут.",
        "",
        '<script>alert("взлом")</script>',
        "",
        '<p onclick="steal()" onmouseover="steal()">Кликни сюда</p>',
        "",
        '<a href="javascript:alert(1)">Опасная ссылка</a>, [относительная ссылка](../../15/drugaya/) и <img src="karta.png" alt="Карта" onerror="steal()">',
        "",
        '<iframe src="https://www.youtube.com/embed/abc" title="Видео о визите"></iframe>',
      ].join("\n"),
    ),
    "2025/11/foto-izvne.md": article(
      {
        title: "Фото с другого сайта",
        date: "2025-11-13",
        lead: undefined,
        tags: ["Узбекистан"],
        photos: [{ src: "https://images.example.net/aktau.jpg", caption: "Актау" }],
      },
      "Начало текста без лида. Второе предложение.",
    ),
    "2025/11/chernovik.md": article({ title: "Черновик о логистике", date: "2025-11-16", tags: ["Логистика"], draft: true }),
  };
}

let published: Build;
/** The edited newsroom, built as `npm start` builds it: drafts are on the site. */
let edited: Build;
beforeAll(async () => {
  [published, edited] = await Promise.all([
    buildSite({ articles: newsroom(false), args, env }).then(assertBuilt),
    buildSite({ articles: newsroom(true), args, env, watch: true }).then(assertBuilt),
  ]);
});

// --- Reading feeds ---------------------------------------------------------------------------

/** The site-relative file of an absolute URL on the site: `https://…/novosti/tags/x/feed.xml` → `tags/x/feed.xml`. */
function fileOf(url: string): string {
  expect(url.startsWith(site), url).toBe(true);
  return url.slice(site.length);
}

function parseXml(xml: string, name: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      problems.push(`${level}: ${message}`);
    },
  }).parseFromString(xml, "text/xml");
  expect(problems, name).toEqual([]);
  return doc as unknown as Document;
}

async function xmlFile(build: Build, file: string): Promise<Document> {
  return parseXml(await builtFile(build, file), file);
}

/** Every feed the build wrote: the RSS feeds as the OPML export lists them (the site's, then each tag's), and the site's Atom and JSON Feed. */
async function allFeeds(build: Build): Promise<{ rss: string[]; atom: string[]; json: string[] }> {
  const opml = await xmlFile(build, "feeds.opml");
  const rss = [...opml.getElementsByTagName("outline")].flatMap((outline) => {
    const url = outline.getAttribute("xmlUrl");
    return url ? [fileOf(url)] : [];
  });
  return { rss, atom: ["feed.atom"], json: ["feed.json"] };
}

const child = (parent: Element | Document | undefined, name: string, ns?: string): Element | undefined =>
  (ns ? parent?.getElementsByTagNameNS(ns, name) : parent?.getElementsByTagName(name))?.[0] ?? undefined;
/** Typography puts non-breaking spaces into titles and text; assertions compare words with all spaces alike. */
const spaces = (text: string) => text.replace(/[\u00A0\u202F]/g, " ");
const textOf = (element: Element | undefined) => spaces(element?.textContent ?? "").trim();
const direct = (parent: Element, name: string) => [...parent.childNodes].filter((node): node is Element => node.nodeName === name);

interface JsonFeed {
  version: string;
  title: string;
  home_page_url?: string;
  feed_url?: string;
  items: {
    id: string;
    url: string;
    title: string;
    content_html: string;
    summary?: string;
    image?: string;
    date_published: string;
    date_modified?: string;
    authors?: { name: string }[];
    tags?: string[];
  }[];
}

async function jsonFile(build: Build, file: string): Promise<JsonFeed> {
  return JSON.parse(await builtFile(build, file), (_key, value) => (typeof value === "string" ? spaces(value) : value)) as JsonFeed;
}

const rssDate =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** What XML 1.0 forbids, and the C1 controls it discourages. */
const forbiddenInXml =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

/** One RSS item, Atom entry and JSON Feed item per article, by the article's title. */
async function siteEntry(build: Build, title: string) {
  const rss = [...(await xmlFile(build, "feed.xml")).getElementsByTagName("item")].find((item) => textOf(child(item, "title")) === title);
  const atom = [...(await xmlFile(build, "feed.atom")).getElementsByTagNameNS(ATOM, "entry")].find(
    (entry) => textOf(child(entry, "title", ATOM)) === title,
  );
  const json = (await jsonFile(build, "feed.json")).items.find((item) => item.title === title);
  expect(rss, `RSS item «${title}»`).toBeDefined();
  expect(atom, `Atom entry «${title}»`).toBeDefined();
  expect(json, `JSON Feed item «${title}»`).toBeDefined();
  return { rss: rss as Element, atom: atom as Element, json: json as JsonFeed["items"][number] };
}

// --- Tests --------------------------------------------------------------------------------------

describe("every feed the site publishes", () => {
  it("is listed in the OPML export: the site's feed and one per tag", async () => {
    const { rss } = await allFeeds(published);
    expect(rss).toEqual(["feed.xml", "tags/logistika/feed.xml", "tags/pogoda/feed.xml", "tags/uzbekistan/feed.xml"]);
  });

  it("is well-formed RSS 2.0 with channel title, link and description and items with title, link, guid and date", async () => {
    for (const file of (await allFeeds(published)).rss) {
      const raw = await builtFile(published, file);
      expect(raw, file).not.toMatch(forbiddenInXml);
      const doc = parseXml(raw, file);
      expect(doc.documentElement.tagName, file).toBe("rss");
      expect(doc.documentElement.getAttribute("version"), file).toBe("2.0");
      const channel = child(doc, "channel");
      for (const name of ["title", "link", "description"]) expect(textOf(child(channel, name)), `${file} channel ${name}`).not.toBe("");
      expect(textOf(child(channel, "link"))).toMatch(new RegExp(`^${site}`));
      const self = child(channel, "link", ATOM);
      expect(self?.getAttribute("rel")).toBe("self");
      expect(self?.getAttribute("href")).toBe(`${site}${file}`);
      const items = [...doc.getElementsByTagName("item")];
      expect(items.length, file).toBeGreaterThan(0);
      for (const item of items) {
        expect(textOf(child(item, "title")), file).not.toBe("");
        expect(textOf(child(item, "link")), file).toMatch(new RegExp(`^${site}\\d{4}/\\d{2}/\\d{2}/[a-z0-9-]+/$`));
        expect(textOf(child(item, "guid")), file).toMatch(/^tag:agency\.example\.org,\d{4}-\d{2}-\d{2}:/);
        expect(child(item, "guid")?.getAttribute("isPermaLink")).toBe("false");
        expect(textOf(child(item, "pubDate")), file).toMatch(rssDate);
        expect(textOf(child(item, "description")), file).not.toBe("");
        // The site's feed carries whole articles; a tag's, the lead alone.
        if (file === "feed.xml") expect(textOf(child(item, "encoded", CONTENT)), file).not.toBe("");
        else expect(child(item, "encoded", CONTENT), file).toBeUndefined();
      }
    }
  });

  it("is well-formed Atom 1.0 with feed id, title, update time and author, and entries with id, title, updated, link and content", async () => {
    for (const file of (await allFeeds(published)).atom) {
      const raw = await builtFile(published, file);
      expect(raw, file).not.toMatch(forbiddenInXml);
      const doc = parseXml(raw, file);
      const feed = doc.documentElement;
      expect(feed.namespaceURI, file).toBe(ATOM);
      expect(feed.localName, file).toBe("feed");
      expect(textOf(direct(feed, "id")[0]), file).toBe(`${site}${file}`);
      expect(textOf(direct(feed, "title")[0]), file).not.toBe("");
      expect(textOf(direct(feed, "updated")[0]), file).toMatch(rfc3339);
      expect(textOf(child(direct(feed, "author")[0], "name", ATOM)), file).not.toBe("");
      const self = direct(feed, "link").find((link) => link.getAttribute("rel") === "self");
      expect(self?.getAttribute("href"), file).toBe(`${site}${file}`);
      const entries = [...doc.getElementsByTagNameNS(ATOM, "entry")];
      expect(entries.length, file).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(textOf(direct(entry, "id")[0]), file).toMatch(/^tag:agency\.example\.org,/);
        expect(textOf(direct(entry, "title")[0]), file).not.toBe("");
        expect(textOf(direct(entry, "updated")[0]), file).toMatch(rfc3339);
        expect(textOf(direct(entry, "published")[0]), file).toMatch(rfc3339);
        const alternate = direct(entry, "link").find((link) => (link.getAttribute("rel") ?? "alternate") === "alternate");
        expect(alternate?.getAttribute("href"), file).toMatch(new RegExp(`^${site}`));
        const content = direct(entry, "content")[0];
        expect(content?.getAttribute("type"), file).toBe("html");
        expect(textOf(content), file).not.toBe("");
      }
    }
  });

  it("is a JSON Feed 1.1 with a title and items with id, url, HTML content and publication date", async () => {
    for (const file of (await allFeeds(published)).json) {
      const feed = await jsonFile(published, file);
      expect(feed.version, file).toBe("https://jsonfeed.org/version/1.1");
      expect(feed.title, file).not.toBe("");
      expect(feed.feed_url, file).toBe(`${site}${file}`);
      expect(feed.items.length, file).toBeGreaterThan(0);
      for (const item of feed.items) {
        expect(item.id, file).toMatch(/^tag:agency\.example\.org,/);
        expect(item.url, file).toMatch(new RegExp(`^${site}`));
        expect(item.content_html, file).not.toBe("");
        expect(item.date_published, file).toMatch(rfc3339);
      }
    }
  });

  it("reads in a feed reader library (@extractus/feed-extractor) with its Russian text intact", async () => {
    const feeds = await allFeeds(published);
    for (const file of [...feeds.rss, ...feeds.atom]) {
      const feed = extractFromXml(await builtFile(published, file));
      expect(feed.title, file).toMatch(/^Вестник/);
      expect(feed.entries?.length, file).toBeGreaterThan(0);
      for (const entry of feed.entries ?? []) expect(entry.title, file).toMatch(/[а-яё]/i);
    }
    for (const file of feeds.json) {
      const feed = extractFromJson(JSON.parse(await builtFile(published, file)) as Record<string, unknown>);
      expect(feed.title, file).toMatch(/^Вестник/);
      for (const entry of feed.entries ?? []) expect(entry.title, file).toMatch(/[а-яё]/i);
    }
    const site = extractFromXml(await builtFile(published, "feed.atom"));
    expect(site.entries?.map((entry) => entry.title)).toContain("Токаев прибыл в Ташкент");
  });

  describe.runIf(feedparserAvailable())("read by feedparser, the Python feed reader", () => {
    it("parses every RSS and Atom feed without complaint, Cyrillic intact", async () => {
      const feeds = await allFeeds(published);
      const results = feedparser(published, [...feeds.rss, ...feeds.atom]);
      for (const result of results) {
        expect(result.problem, result.file).toBeNull();
        expect(result.version, result.file).toBe(result.file.endsWith(".atom") ? "atom10" : "rss20");
        expect(result.title, result.file).toMatch(/^Вестник/);
        for (const entry of result.entries) {
          expect(entry.id, result.file).toMatch(/^tag:/);
          expect(entry.link, result.file).toMatch(new RegExp(`^${site}`));
          expect(entry.title, result.file).toMatch(/[а-яё]/i);
        }
      }
      const siteAtom = results.find((result) => result.file === "feed.atom");
      expect(siteAtom?.entries.find((entry) => entry.title === "Токаев прибыл в Ташкент")?.author).toBe("Анастасия Палагутина");
    });
  });
});

describe("the site's feeds", () => {
  it("list the newest articles first, at most feedLength (20) of them", async () => {
    const items = [...(await xmlFile(published, "feed.xml")).getElementsByTagName("item")];
    expect(items.length).toBe(20);
    const dates = items.map((item) => Date.parse(textOf(child(item, "pubDate"))));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(textOf(child(items[0], "title"))).toBe("Токаев прибыл в Ташкент");
    expect((await jsonFile(published, "feed.json")).items.length).toBe(20);
    expect((await xmlFile(published, "feed.atom")).getElementsByTagNameNS(ATOM, "entry").length).toBe(20);
  });

  it("carry the whole article with its author, tags and lead as summary", async () => {
    const { rss, atom, json } = await siteEntry(published, "Токаев прибыл в Ташкент");
    expect(textOf(child(rss, "creator", DC))).toBe("Анастасия Палагутина");
    expect([...rss.getElementsByTagName("category")].map(textOf)).toEqual(["Логистика", "Узбекистан"]);
    expect(textOf(child(rss, "description"))).toBe("Президент Казахстана начал визит в Узбекистан.");
    expect(textOf(child(rss, "encoded", CONTENT))).toContain("Первый абзац о визите.");
    expect(textOf(child(rss, "encoded", CONTENT))).toContain("Фото: portaktau.kz");
    expect(textOf(child(child(atom, "author", ATOM), "name", ATOM))).toBe("Анастасия Палагутина");
    expect(direct(atom, "category").map((category) => category.getAttribute("term"))).toEqual(["Логистика", "Узбекистан"]);
    expect(textOf(direct(atom, "summary")[0])).toBe("Президент Казахстана начал визит в Узбекистан.");
    expect(json.authors).toEqual([{ name: "Анастасия Палагутина" }]);
    expect(json.tags).toEqual(["Логистика", "Узбекистан"]);
    expect(json.summary).toBe("Президент Казахстана начал визит в Узбекистан.");
    expect(json.content_html).toContain("<p>Первый абзац о визите.</p>");
  });

  it("summarise an article without a lead by the start of its text", async () => {
    const { json, rss } = await siteEntry(published, "Фото с другого сайта");
    expect(json.summary).toBe("Начало текста без лида. Второе предложение.");
    expect(textOf(child(rss, "description"))).toBe("Начало текста без лида. Второе предложение.");
  });

  it("carry the first photo as an enclosure with its size and type when the site serves the file", async () => {
    const { rss, atom, json } = await siteEntry(published, "Токаев прибыл в Ташкент");
    const photoUrl = `${site}articles/2025/11/port.jpg`;
    const enclosure = child(rss, "enclosure");
    expect(enclosure?.getAttribute("url")).toBe(photoUrl);
    expect(enclosure?.getAttribute("length")).toBe(String(photoBytes.length));
    expect(enclosure?.getAttribute("type")).toBe("image/jpeg");
    const link = direct(atom, "link").find((element) => element.getAttribute("rel") === "enclosure");
    expect(link?.getAttribute("href")).toBe(photoUrl);
    expect(link?.getAttribute("length")).toBe(String(photoBytes.length));
    expect(json.image).toBe(photoUrl);
  });

  it("leave the RSS enclosure out for a photo on another site, whose size is unknown, but still name it as the image", async () => {
    const { rss, atom, json } = await siteEntry(published, "Фото с другого сайта");
    expect(child(rss, "enclosure")).toBeUndefined();
    const link = direct(atom, "link").find((element) => element.getAttribute("rel") === "enclosure");
    expect(link?.getAttribute("href")).toBe("https://images.example.net/aktau.jpg");
    expect(link?.hasAttribute("length")).toBe(false);
    expect(json.image).toBe("https://images.example.net/aktau.jpg");
  });

  it("are announced for feed readers in RSS on every page, and in Atom and JSON Feed too on the front page and the feeds page", async () => {
    const alternates = async (url: string) =>
      [...(await page(published, url)).querySelectorAll('head link[rel="alternate"]')].map(
        (link) => `${link.getAttribute("type")} ${link.getAttribute("href")}`,
      );
    for (const url of ["/", "/feeds/"]) {
      expect(await alternates(url), url).toEqual([
        `application/rss+xml ${prefix}feed.xml`,
        `application/atom+xml ${prefix}feed.atom`,
        `application/feed+json ${prefix}feed.json`,
      ]);
    }
    const article = (await jsonFile(published, "feed.json")).items[0]?.url ?? "";
    for (const url of ["/tags/", `/${fileOf(article)}`]) {
      expect(await alternates(url), url).toEqual([`application/rss+xml ${prefix}feed.xml`]);
    }
  });
});

describe("a tag's feed", () => {
  const titlesOf = async (file: string) =>
    [...(await xmlFile(published, file)).getElementsByTagName("item")].map((item) => textOf(child(item, "title")));

  it("holds only the tag's articles, newest first, at most tagFeedLength (10) of them", async () => {
    const weather = await titlesOf("tags/pogoda/feed.xml");
    expect(weather.length).toBe(10);
    expect(weather[0]).toBe("Погода на 21 октября");
    expect(weather.at(-1)).toBe("Погода на 12 октября");
    expect(await titlesOf("tags/logistika/feed.xml")).toEqual(["Токаев прибыл в Ташкент"]);
    expect(await titlesOf("tags/uzbekistan/feed.xml")).toEqual([
      "Токаев прибыл в Ташкент",
      "Опасная вставка в тексте",
      "Фото с другого сайта",
    ]);
  });

  it("gives each article's title, link, id, date, author and lead as the site's feed does, without its tags or whole text", async () => {
    const { rss: siteItem } = await siteEntry(published, "Токаев прибыл в Ташкент");
    const tagItem = [...(await xmlFile(published, "tags/uzbekistan/feed.xml")).getElementsByTagName("item")][0];
    for (const [name, ns] of [["title"], ["link"], ["guid"], ["pubDate"], ["description"], ["creator", DC]] as const) {
      expect(textOf(child(tagItem, name, ns)), name).toBe(textOf(child(siteItem, name, ns)));
    }
    expect(textOf(child(tagItem, "description"))).toBe("Президент Казахстана начал визит в Узбекистан.");
    expect(tagItem?.getElementsByTagName("category").length).toBe(0);
    expect(child(tagItem, "encoded", CONTENT)).toBeUndefined();
    expect(await builtFile(published, "tags/uzbekistan/feed.xml")).not.toContain("Первый абзац о визите");
  });

  it("is RSS alone: a tag has no Atom or JSON Feed", async () => {
    for (const tag of ["logistika", "pogoda", "uzbekistan"]) {
      expect(exists(published, `tags/${tag}/feed.xml`), tag).toBe(true);
      expect(exists(published, `tags/${tag}/feed.atom`), tag).toBe(false);
      expect(exists(published, `tags/${tag}/feed.json`), tag).toBe(false);
    }
  });

  it("is announced on the tag's page, in the head for feed readers and in the text for people", async () => {
    const doc = await page(published, "/tags/uzbekistan/");
    const alternates = [...doc.querySelectorAll('head link[rel="alternate"]')];
    expect(alternates.map((link) => link.getAttribute("href"))).toEqual([`${prefix}feed.xml`, `${prefix}tags/uzbekistan/feed.xml`]);
    expect(alternates[1]?.getAttribute("title")).toBe("Вестник — Узбекистан");
    const visible = [...doc.querySelectorAll("main a")].map((link) => link.getAttribute("href"));
    expect(visible).toContain(`${prefix}tags/uzbekistan/feed.xml`);
  });
});

describe("the feeds page and the OPML export", () => {
  it("the feeds page links the site's feed in three formats, each tag's RSS feed and the OPML file, and nothing that does not exist", async () => {
    const doc = await page(published, "/feeds/");
    const hrefs = [...doc.querySelectorAll("main a")].map((link) => link.getAttribute("href") ?? "");
    const feeds = hrefs.filter((href) => /feed\.\w+$/.test(href));
    expect(feeds).toEqual([
      `${prefix}feed.xml`,
      `${prefix}feed.atom`,
      `${prefix}feed.json`,
      `${prefix}tags/logistika/feed.xml`,
      `${prefix}tags/pogoda/feed.xml`,
      `${prefix}tags/uzbekistan/feed.xml`,
    ]);
    for (const href of feeds) expect(exists(published, href.slice(prefix.length)), href).toBe(true);
    expect(hrefs).toContain(`${prefix}feeds.opml`);
    expect(doc.querySelector("nav.site-nav a[href$='/feeds/']")).not.toBeNull();
  });

  it("the OPML file is OPML 2.0 naming each tag feed by its tag, with absolute URLs", async () => {
    const opml = await xmlFile(published, "feeds.opml");
    expect(opml.documentElement.getAttribute("version")).toBe("2.0");
    const uzbekistan = [...opml.getElementsByTagName("outline")].find((outline) => outline.getAttribute("text") === "Узбекистан");
    expect(uzbekistan?.getAttribute("type")).toBe("rss");
    expect(uzbekistan?.getAttribute("xmlUrl")).toBe(`${site}tags/uzbekistan/feed.xml`);
    expect(uzbekistan?.getAttribute("htmlUrl")).toBe(`${site}tags/uzbekistan/`);
  });
});

describe("ids and edits", () => {
  it("editing an article's title and text keeps its id in every format but moves its updated date", async () => {
    const before = await siteEntry(published, "Токаев прибыл в Ташкент");
    const after = await siteEntry(edited, "Токаев прибыл в Ташкент с государственным визитом");
    // The URL follows the new headline; the id does not.
    expect(textOf(child(after.rss, "link"))).not.toBe(textOf(child(before.rss, "link")));
    expect(textOf(child(after.rss, "guid"))).toBe(textOf(child(before.rss, "guid")));
    expect(textOf(direct(after.atom, "id")[0])).toBe(textOf(direct(before.atom, "id")[0]));
    expect(after.json.id).toBe(before.json.id);
    expect(before.json.id).toBe("tag:agency.example.org,2025-11-15:2025/11/tokaev");

    expect(textOf(direct(before.atom, "updated")[0])).toBe("2025-11-15T05:00:00Z");
    expect(textOf(direct(after.atom, "updated")[0])).toBe("2025-11-16T04:30:00Z");
    expect(textOf(direct(after.atom, "published")[0])).toBe("2025-11-15T05:00:00Z");
    expect(child(before.rss, "modified", DCTERMS)).toBeUndefined();
    expect(textOf(child(after.rss, "modified", DCTERMS))).toBe("2025-11-16T04:30:00Z");
    expect(before.json.date_modified).toBeUndefined();
    expect(after.json.date_modified).toBe("2025-11-16T04:30:00Z");
    expect(after.json.content_html).toContain("Исправленный текст о визите.");
  });

  it("an id is a tag: URI from the site's host, the publication day in the newsroom's time zone and the article's file", () => {
    const settings = { host: "agency.example.org", timeZone: "Asia/Almaty", articlesDir: "articles" };
    // 20:30 UTC on the 14th is already the 15th in Almaty.
    const date = new Date("2025-11-14T20:30:00Z");
    expect(articleId(settings, { file: "articles/2025/11/tokaev.md", date })).toBe("tag:agency.example.org,2025-11-15:2025/11/tokaev");
    expect(articleId(settings, { file: "articles/2025/11/Токаев в Ташкенте.md", date })).toBe(
      "tag:agency.example.org,2025-11-15:2025/11/%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2%20%D0%B2%20%D0%A2%D0%B0%D1%88%D0%BA%D0%B5%D0%BD%D1%82%D0%B5",
    );
  });
});

describe("drafts", () => {
  it("never appear in any feed, not even while the site previews them", async () => {
    // While editing (npm start) the draft is on the site...
    const tagPage = await page(edited, "/tags/logistika/");
    expect([...tagPage.querySelectorAll(".article-list a")].map((link) => spaces(link.textContent ?? ""))).toContain(
      "Черновик о логистике",
    );
    // ...but in no feed, in no format, of the site or of its tag.
    for (const build of [published, edited]) {
      const feeds = await allFeeds(build);
      for (const file of [...feeds.rss, ...feeds.atom, ...feeds.json]) {
        expect(await builtFile(build, file), file).not.toContain("Черновик");
        expect(await builtFile(build, file), file).not.toContain("chernovik");
      }
    }
  });
});

describe("unsafe article content", () => {
  const title = "Опасная вставка в тексте";

  it("loses scripts, inline event handlers, javascript: links and embedded frames in every format", async () => {
    const { rss, atom, json } = await siteEntry(published, title);
    for (const html of [textOf(child(rss, "encoded", CONTENT)), textOf(direct(atom, "content")[0]), json.content_html]) {
      expect(html).not.toMatch(/<script|alert\(|\son\w+=|javascript:|<iframe/i);
      expect(html).toContain("Кликни сюда");
      expect(html).toContain("Опасная ссылка");
      // The embed becomes a plain link to what it showed.
      expect(html).toContain('<a href="https://www.youtube.com/embed/abc">Видео о визите</a>');
    }
  });

  it("has relative links and images made absolute under the path prefix", async () => {
    const { json } = await siteEntry(published, title);
    const articleUrl = json.url;
    expect(articleUrl).toMatch(new RegExp(`^${site}2025/11/14/[a-z0-9-]+/$`));
    expect(json.content_html).toContain(`href="${site}2025/11/15/drugaya/"`);
    expect(json.content_html).toContain(`src="${articleUrl}karta.png"`);
    const main = await siteEntry(published, "Токаев прибыл в Ташкент");
    expect(main.json.content_html).toContain(`href="${site}tags/logistika/"`);
    expect(main.json.content_html).toContain(`href="${site}2025/11/14/vchera/"`);
    for (const html of [json.content_html, main.json.content_html]) {
      expect(html).not.toMatch(/(href|src)="(?!https:\/\/)/);
      expect(html).not.toContain(`${prefix}${prefix.slice(1)}`);
    }
  });

  it("has control characters removed from title, summary and content", async () => {
    const { rss, json } = await siteEntry(published, title);
    expect(textOf(child(rss, "description"))).toBe("Лид со служебным символом.");
    expect(json.summary).toBe("Лид со служебным символом.");
    expect(json.content_html).toContain("Абзац со служебными символами: тут и тут.");
    expect(JSON.stringify(json)).not.toMatch(/\\u000[0-8bc]|\\u001/i);
  });
});

describe("feed content helpers", () => {
  // The site cleans article bodies too; feeds clean again at their own boundary, so these run on raw HTML.
  const pageUrl = "/2025/11/15/tokaev/";
  const clean = (html: string) => feedHtml(html, (url) => absoluteUrl(url, pageUrl, site));

  it("drop scripts, styles, inline event handlers and javascript: links from raw article HTML, keeping the text", () => {
    const html = clean(
      '<p onclick="steal()" style="color:red" class="x" id="y">Текст <a href="javascript:alert(1)" onmouseover="x()">ссылка</a></p>' +
        '<script>alert("взлом")</script><style>p{}</style><form action="/x"><input name="q"></form>' +
        '<img src="data:image/png;base64,AAAA" onerror="steal()"><a href=" JaVaScRiPt:alert(1)">ещё</a>',
    );
    expect(html).toBe("<p>Текст <a>ссылка</a></p><img /><a>ещё</a>");
  });

  it("turn an embedded frame into a link to what it showed", () => {
    expect(clean('<iframe src="https://www.youtube.com/embed/abc" title="Видео" allowfullscreen></iframe>')).toBe(
      '<a href="https://www.youtube.com/embed/abc">Видео</a>',
    );
    expect(clean("<p>До</p><iframe></iframe><p>После</p>")).toBe("<p>До</p><p>После</p>");
  });

  it("make links and images absolute and remove characters XML forbids, even ones written as entities", () => {
    expect(clean('<p>А\u0001Б\u000BВ &#1;Г <a href="../../14/vchera/">вчера</a> <img src="karta.png" alt="Карта"></p>')).toBe(
      `<p>АБВ Г <a href="${site}2025/11/14/vchera/">вчера</a> <img src="${site}2025/11/15/tokaev/karta.png" alt="Карта" /></p>`,
    );
  });

  it("shorten long titles and summaries at a word boundary", () => {
    expect(feedText("  Очень   длинный\n заголовок про что-то важное ", 30)).toBe("Очень длинный заголовок про…");
    expect(feedText("Короткий", 30)).toBe("Короткий");
  });

  it("remove lone surrogates but keep characters outside the Basic Multilingual Plane", () => {
    expect(xmlSafe("а\uD800б\uDC00в😀\uFFFE\u0085")).toBe("абв😀");
  });

  it("resolve URLs against the article page and the site root with its path prefix", () => {
    const page = "/2025/11/15/tokaev/";
    expect(absoluteUrl("foto.jpg", page, site)).toBe(`${site}2025/11/15/tokaev/foto.jpg`);
    expect(absoluteUrl("/tags/x/", page, site)).toBe(`${site}tags/x/`);
    expect(absoluteUrl("#abzac", page, site)).toBe(`${site}2025/11/15/tokaev/#abzac`);
    expect(absoluteUrl("//cdn.example.net/a.jpg", page, site)).toBe("https://cdn.example.net/a.jpg");
    expect(absoluteUrl("mailto:press@example.org", page, site)).toBe("mailto:press@example.org");
  });

  it("make an article's feed HTML once, however many feeds show it, and again only when the article changed", () => {
    const entries = new FeedEntries({
      host: "agency.example.org",
      timeZone: "Asia/Almaty",
      articlesDir: "articles",
      directories: () => undefined,
    });
    const item = {
      url: "/2025/11/15/tokaev/",
      inputPath: "./articles/2025/11/tokaev.md",
      date: new Date("2025-11-15T05:00:00Z"),
      content: "<p>Текст</p>",
      data: {
        article: {
          title: "Токаев",
          headline: "Токаев",
          date: new Date("2025-11-15T05:00:00Z"),
          dateOnly: false,
          tags: ["Логистика"],
          photos: [],
          draft: false,
          file: "articles/2025/11/tokaev.md",
        },
      },
    } satisfies ArticleItem;
    const first = entries.of(item, site);
    for (let feed = 0; feed < 1000; feed++) expect(entries.of(item, site)).toBe(first);
    expect(entries.made).toBe(1);
    // The next build of npm start: an article Eleventy did not read again keeps its entry, even
    // when its data comes as a new object…
    entries.reset();
    expect(entries.of(item, site)).toBe(first);
    entries.reset();
    expect(entries.of({ ...item, data: { article: { ...item.data.article } } }, site)).toBe(first);
    expect(entries.made).toBe(0);
    // …an edited one is made again.
    entries.reset();
    const edited = { ...item, content: "<p>Текст, исправленный редактором</p>" };
    expect(entries.of(edited, site).html).toContain("исправленный");
    expect(entries.made).toBe(1);
  });
});

// --- feedparser -------------------------------------------------------------------------------

/** Debian's python3-feedparser lives in the system Python, which may not be the first `python3` on PATH. */
const python = ["/usr/bin/python3", "python3"].find((candidate) => spawnSync(candidate, ["-c", "import feedparser"]).status === 0);

function feedparserAvailable(): boolean {
  return toolAvailable({ name: "feedparser (Python)", found: python !== undefined, install: "apt-get install -y python3-feedparser" });
}

interface FeedparserResult {
  file: string;
  /** feedparser's "bozo" exception: the feed is not well-formed or not what it claims. */
  problem: string | null;
  version: string;
  title: string;
  entries: { id: string; link: string; title: string; author?: string }[];
}

const feedparserScript = `
import json, sys, feedparser
out = []
for path, name in zip(sys.argv[1::2], sys.argv[2::2]):
    d = feedparser.parse(path)
    out.append({
        "file": name,
        "problem": repr(d.bozo_exception) if d.bozo else None,
        "version": d.version,
        "title": d.feed.get("title", ""),
        "entries": [{"id": e.get("id", ""), "link": e.get("link", ""), "title": e.get("title", ""), "author": e.get("author")} for e in d.entries],
    })
print(json.dumps(out, ensure_ascii=False))
`;

function feedparser(build: Build, files: string[]): FeedparserResult[] {
  const result = spawnSync(
    python ?? "python3",
    ["-c", feedparserScript, ...files.flatMap((file) => [path.join(build.output, file), file])],
    {
      encoding: "utf8",
      env: { ...process.env, PYTHONIOENCODING: "utf-8" },
    },
  );
  if (result.status !== 0) throw new Error(`feedparser failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as FeedparserResult[];
}

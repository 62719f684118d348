import fs from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { attributeText, withoutIndentation } from "../src/pages.ts";
import { assertBuilt, type Build, builtFile, demoSite, page, seedParagraphs, seedTags } from "./support/site.ts";

const seedUrl = "/2025/11/15/kasym-zhomart-tokaev-prizval-sozdavat-blagopriyatnye-usloviya-dlya-uchastnikov-logisticheskikh-tsepochek/";

let site: Build;
beforeAll(async () => {
  site = assertBuilt(await demoSite());
});

// Typography turns spaces after short words and before dashes into non-breaking ones; the words
// themselves must stay as the agency published them, so texts are compared with all spaces alike.
const text = (element: Element | null | undefined) => (element?.textContent ?? "").replace(/[\s\u00a0]+/g, " ").trim();
const words = (value: string) => value.replace(/[\s\u00a0]+/g, " ").trim();

describe("the seed article page", () => {
  it("has the headline, the lead, the date in Russian and the byline", async () => {
    const [headline = "", lead = ""] = (await seedParagraphs()).map((block) => block.split("\n").at(-1)?.trim() ?? "");
    const doc = await page(site, seedUrl);
    expect(text(doc.querySelector("article h1"))).toBe(words(headline));
    expect(text(doc.querySelector("article .lead"))).toBe(words(lead));
    const time = doc.querySelector("article header time");
    expect(text(time)).toBe("15 ноября 2025");
    expect(time?.getAttribute("datetime")).toBe("2025-11-15T00:00:00+05:00");
    expect(text(doc.querySelector("article .byline"))).toBe("Анастасия Палагутина");
    expect(doc.documentElement.getAttribute("lang")).toBe("ru");
  });

  it("passes Google's NewsArticle checks though it has no photo file: the site's default image stands in", async () => {
    const doc = await page(site, seedUrl);
    const json = JSON.parse(doc.querySelector('script[type="application/ld+json"]')?.textContent ?? "{}");
    // Google's required and recommended fields for an article with a rich result.
    expect(json).toMatchObject({ "@type": "NewsArticle", author: [{ name: "Анастасия Палагутина" }], publisher: { name: "Вестник" } });
    expect(json.headline.length).toBeLessThanOrEqual(110);
    for (const field of ["datePublished", "dateModified"]) expect(Number.isNaN(Date.parse(json[field]))).toBe(false);
    const [image] = json.image;
    expect(image).toEqual({ "@type": "ImageObject", url: "https://vestnik.example.org/assets/share.png", width: 1200, height: 675 });
    const meta = (name: string) => doc.querySelector(`meta[property="${name}"], meta[name="${name}"]`)?.getAttribute("content");
    expect(meta("og:image")).toBe(image.url);
    expect(meta("twitter:card")).toBe("summary_large_image");
    // The file is there and is the size it says: Google wants at least 1200 px wide, 16:9 fits every card.
    const { default: sharp } = await import("sharp");
    const card = await sharp(await fs.readFile(path.join(site.output, "assets/share.png"))).metadata();
    expect([card.width, card.height]).toEqual([1200, 675]);
    // Search results show articles' own photos only, not the same card on every hit.
    expect(doc.querySelector('meta[name="pagefind-image"]')).toBeNull();
  });

  it("has every body paragraph of the agency's text, in order", async () => {
    const blocks = await seedParagraphs();
    // Body paragraphs: after the date/headline block and the lead, not photos (caption + «Фото:» line), not the tags/author block.
    const body = blocks.slice(2, -1).filter((block) => !/\nФото: /.test(block));
    expect(body.length).toBe(9);
    const doc = await page(site, seedUrl);
    const paragraphs = [...doc.querySelectorAll("article .article-body > p")].map(text);
    expect(paragraphs).toEqual(body.map(words));
  });

  it("shows both photos as figures with their captions and «Фото: …» credits, where the agency placed them", async () => {
    const doc = await page(site, seedUrl);
    const figures = [...doc.querySelectorAll("article .article-body figure")];
    expect(figures.map((figure) => text(figure.querySelector("figcaption")))).toEqual([
      "порт Актау Фото: portaktau.kz",
      "Касым-Жомарт Токаев призвал создавать благоприятные условия для участников логистических цепочек Фото: Акорда",
    ]);
    const children = [...(doc.querySelector("article .article-body")?.children ?? [])].map((element) => element.tagName);
    expect(children.slice(0, 5)).toEqual(["FIGURE", "P", "P", "FIGURE", "P"]);
  });

  it("is typeset the Russian way: a non-breaking space before the dash in «коридора Север — Юг»", async () => {
    const doc = await page(site, seedUrl);
    const body = doc.querySelector("article .article-body")?.textContent ?? "";
    expect(body).toContain("коридора Север\u00a0— Юг");
    expect(body).toContain("В\u00a0своем выспуплении");
  });

  it("links its 7 tags to where each lists it: the tag's own page, or its section of the shared page of tags on one article", async () => {
    const doc = await page(site, seedUrl);
    const links = [...doc.querySelectorAll("article .article-tags a")];
    expect(links.map(text)).toEqual(seedTags);
    for (const link of links) {
      const href = link.getAttribute("href") ?? "";
      expect(href).toMatch(/^\/tags\/([a-z0-9-]+\/|few\/[a-z0-9]{1,2}\/#tag-[a-z0-9-]+)$/);
      const [address = "", anchor] = href.split("#");
      const tagPage = await page(site, address);
      const where = anchor ? tagPage.querySelector(`[id="${anchor}"]`) : tagPage;
      expect(text(where?.querySelector(anchor ? "h2" : "h1"))).toBe(text(link));
      const listed = [...(where?.querySelectorAll(".article-list a") ?? [])].map((a) => a.getAttribute("href"));
      expect(listed).toContain(seedUrl);
    }
  });

  it("transliterates the tag slugs from Russian", async () => {
    const doc = await page(site, seedUrl);
    const slugs = [...doc.querySelectorAll("article .article-tags a")].map(
      (a) => /(?:#tag-|\/)([a-z0-9-]+)\/?$/.exec(a.getAttribute("href") ?? "")?.[1],
    );
    expect(slugs).toContain("kasym-zhomart-tokaev");
    expect(slugs).toContain("vneshnyaya-politika-kazakhstana");
  });
});

describe("the front page and tag index", () => {
  it("lists the latest news newest first, by day", async () => {
    const doc = await page(site, "/");
    const dates = [...doc.querySelectorAll(".news-feed h3 time")].map((time) => Date.parse(time.getAttribute("datetime") ?? ""));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("lists every tag with its article count, sorted the Russian way", async () => {
    const doc = await page(site, "/tags/");
    const names = [...doc.querySelectorAll(".tag-index a")].map(text);
    expect(names).toEqual([...names].sort(new Intl.Collator("ru", { sensitivity: "base", numeric: true }).compare));
    for (const tag of seedTags) expect(names).toContain(tag);
    const logistics = [...doc.querySelectorAll(".tag-index li")].find((li) => text(li.querySelector("a")) === "Логистика");
    expect(text(logistics?.querySelector(".tag-count"))).toMatch(/^\d+ стат(ья|ьи|ей)$/);
  });

  it("links the RSS feed from every page", async () => {
    for (const url of ["/", seedUrl, "/tags/", "/tags/uzbekistan/", "/tags/few/lo/", "/search/"]) {
      const doc = await page(site, url);
      const link = doc.querySelector('link[rel="alternate"][type="application/rss+xml"]');
      expect(link?.getAttribute("href"), url).toBe("/feed.xml");
    }
  });
});

describe("what each page costs, paid once per article in an archive", () => {
  it("an article page gives its lead once in full, in the text, and its first 160 characters as the description search engines show", async () => {
    const [, lead = ""] = (await seedParagraphs()).map((block) => block.split("\n").at(-1)?.trim() ?? "");
    const html = await builtFile(site, `${seedUrl.slice(1)}index.html`);
    const doc = await page(site, seedUrl);
    const written = doc.querySelector("article .lead")?.textContent ?? "";
    expect(words(written)).toBe(words(lead));
    expect(html.split(written).length - 1).toBe(1);
    const description = doc.querySelector('meta[name="description"]')?.getAttribute("content") ?? "";
    expect([...lead].length).toBeGreaterThan(160);
    expect([...description].length).toBeLessThanOrEqual(160);
    expect(description.endsWith("…")).toBe(true);
    expect(written.startsWith(description.slice(0, -1))).toBe(true);
  });

  it("the search lexicon's files are stored gzipped, in less than half the bytes of their text, and its manifest plain", async () => {
    const { version } = JSON.parse(await builtFile(site, "search/lexicon.json")) as { version: string };
    const folder = path.join(site.output, "search/lexicon", version);
    const names = await fs.readdir(folder);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => !name.endsWith(".gz"))).toEqual([]);
    let stored = 0;
    let text = 0;
    for (const name of names) {
      const bytes = await fs.readFile(path.join(folder, name));
      stored += bytes.length;
      text += gunzipSync(bytes).length;
    }
    expect(stored).toBeLessThan(text / 2);
  });

  it("pages are written without the layouts' indentation", async () => {
    for (const url of ["/", seedUrl, "/tags/", "/tags/uzbekistan/", "/tags/few/lo/", "/feeds/"]) {
      const html = await builtFile(site, `${url.slice(1)}index.html`);
      expect(html, url).not.toMatch(/\n[ \t]+</);
    }
  });

  it("a page with preformatted text keeps its indentation, and an attribute keeps its quotes readable", () => {
    const code = "<main>\n  <pre>\n  отступ\n</pre>\n</main>";
    expect(withoutIndentation(code)).toBe(code);
    expect(withoutIndentation("<main>\n  <p>Текст</p>\n\n  </main>")).toBe("<main>\n<p>Текст</p>\n</main>");
    expect(attributeText(`default-src 'self'; a "b" & c`)).toBe("default-src 'self'; a &quot;b&quot; &amp; c");
  });
});

describe("the RSS feed", () => {
  const RSS_CONTENT = "http://purl.org/rss/1.0/modules/content/";
  const DC = "http://purl.org/dc/elements/1.1/";
  const ATOM = "http://www.w3.org/2005/Atom";

  async function feed(file = "feed.xml"): Promise<Document> {
    const xml = await builtFile(site, file);
    const problems: string[] = [];
    const doc = new DOMParser({
      onError: (level, message) => {
        problems.push(`${level}: ${message}`);
      },
    }).parseFromString(xml, "text/xml");
    expect(problems).toEqual([]);
    return doc as unknown as Document;
  }

  it("is RSS 2.0 in Russian with every namespace it uses declared", async () => {
    const doc = await feed();
    const rss = doc.documentElement;
    expect(rss.tagName).toBe("rss");
    expect(rss.getAttribute("version")).toBe("2.0");
    const channel = rss.getElementsByTagName("channel")[0];
    expect(text(channel?.getElementsByTagName("language")[0])).toBe("ru");
    const self = doc.getElementsByTagNameNS(ATOM, "link")[0];
    expect(self?.getAttribute("rel")).toBe("self");
    expect(self?.getAttribute("href")).toMatch(/^https?:\/\/[^/]+\/feed\.xml$/);
    expect(doc.getElementsByTagNameNS(RSS_CONTENT, "encoded").length).toBeGreaterThan(0);
  });

  it("carries the seed article in full, with its author, tags, RFC 822 date and absolute URLs", async () => {
    const doc = await feed();
    const items = [...doc.getElementsByTagName("item")];
    const seed = items.find((item) => (item.getElementsByTagName("link")[0]?.textContent ?? "").endsWith(seedUrl));
    expect(seed).toBeDefined();
    if (!seed) return;
    expect(seed.getElementsByTagName("link")[0]?.textContent).toMatch(/^https?:\/\//);
    // The guid is the article's stable tag: URI (src/feeds/entries.ts), not its URL, which changes with the headline.
    expect(seed.getElementsByTagName("guid")[0]?.textContent).toMatch(/^tag:[^,]+,2025-11-15:/);
    expect(text(seed.getElementsByTagNameNS(DC, "creator")[0])).toBe("Анастасия Палагутина");
    expect([...seed.getElementsByTagName("category")].map(text)).toEqual(seedTags);
    const pubDate = text(seed.getElementsByTagName("pubDate")[0]);
    expect(pubDate).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/);
    expect(new Date(pubDate).toISOString()).toBe("2025-11-14T19:00:00.000Z");
    const content = seed.getElementsByTagNameNS(RSS_CONTENT, "encoded")[0]?.textContent ?? "";
    expect(content).toContain("Ранее главы двух государств провели переговоры.");
    expect(content).toContain("Фото: portaktau.kz");
    expect(content).not.toMatch(/(href|src)="\//);
  });

  it("of the Kazakh and English editions parses, in its language, with the story's edition in full and the photo credited in that language", async () => {
    for (const [language, credit, last] of [
      ["kk", "Фото: portaktau.kz", "Бұған дейін екі мемлекеттің басшылары келіссөздер жүргізді."],
      ["en", "Photo: portaktau.kz", "Earlier, the two heads of state held talks."],
    ] as const) {
      const doc = await feed(`${language}/feed.xml`);
      expect(text(doc.getElementsByTagName("language")[0]), language).toBe(language);
      const items = [...doc.getElementsByTagName("item")];
      expect(items.length, language).toBeGreaterThan(1);
      for (const item of items) expect(item.getElementsByTagName("link")[0]?.textContent, language).toContain(`/${language}/`);
      const content = words(items[0]?.getElementsByTagNameNS(RSS_CONTENT, "encoded")[0]?.textContent ?? "");
      expect(content).toContain(last);
      expect(content).toContain(credit);
      const atom = await builtFile(site, `${language}/feed.atom`);
      expect(new DOMParser().parseFromString(atom, "text/xml").documentElement?.getAttribute("xml:lang")).toBe(language);
      const json = JSON.parse(await builtFile(site, `${language}/feed.json`)) as { language: string; items: unknown[] };
      expect([json.language, json.items.length]).toEqual([language, items.length]);
    }
  });

  it("lists items newest first", async () => {
    const doc = await feed();
    const dates = [...doc.getElementsByTagName("item")].map((item) => Date.parse(text(item.getElementsByTagName("pubDate")[0])));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });
});

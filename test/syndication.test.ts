import { DOMParser } from "@xmldom/xmldom";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import type { ArticleItem } from "../src/articles/newsroom.ts";
import { newsLanguage, newsSitemapLimit, plainText, recentArticles } from "../src/syndication.ts";
import { article, assertBuilt, type Build, buildSite, builtFile, page } from "./support/site.ts";

const YANDEX = "http://news.yandex.ru";
const SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS = "http://www.google.com/schemas/sitemap-news/0.9";
const origin = "https://agency.example.org";

/** Seconds since the epoch of a moment on the newsroom's clock, for SOURCE_DATE_EPOCH. */
function epochAt(almatyTime: string): string {
  return String(DateTime.fromISO(almatyTime, { zone: "Asia/Almaty" }).toSeconds());
}

/** A real 16×9 JPEG, the photo of the newest article. */
const photoBytes = Buffer.from(
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAJABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCOAoAv/9k=",
  "base64",
);

const newestBody = `Первый абзац с **жирным** словом и [ссылкой](https://example.org/).

Второй абзац: «Смит & Вессон» и 5 < 7,
продолжение той же строки.

- пункт один
- пункт два

<script>alert("не текст")</script>

Последний абзац.`;

/** The build's clock: 6 December 2026, 14:00 in Almaty. */
const clock = "2026-12-06T14:00";
const newsroom: Record<string, string | Buffer> = {
  "2026/12/aktau.jpg": photoBytes,
  "2026/12/svezhaya.md": article(
    {
      title: "Свежая новость",
      date: "2026-12-06T12:00",
      lead: "Лид свежей новости.",
      author: "Айгуль Серикова",
      photos: [{ src: "aktau.jpg", alt: "Порт", caption: "Подпись к фото", credit: "Агентство" }],
    },
    newestBody,
  ),
  "2026/12/vchera.md": article({ title: "Вчерашняя новость", date: "2026-12-05T09:00", lang: "kk" }),
  "2026/12/tri-dnya.md": article({ title: "Новость трёхдневной давности", date: "2026-12-03T10:00" }),
  "2026/11/desyat-dney.md": article({ title: "Новость десятидневной давности", date: "2026-11-26T10:00" }),
  "2026/12/embargo.md": article({ title: "Новость под эмбарго", date: "2026-12-06T18:00" }),
  "2026/12/chernovik.md": article({ title: "Черновик новости", date: "2026-12-06T10:00", draft: true }),
};

const urls = {
  newest: `${origin}/2026/12/06/svezhaya-novost/`,
  yesterday: `${origin}/2026/12/05/vcherashnyaya-novost/`,
  threeDays: `${origin}/2026/12/03/novost-tryokhdnevnoy-davnosti/`,
};

function parseXml(text: string): Document {
  const errors: string[] = [];
  const document = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(text, "text/xml");
  expect(errors).toEqual([]);
  return document as unknown as Document;
}

function textOf(parent: Element, namespace: string | null, name: string): string | undefined {
  return parent.getElementsByTagNameNS(namespace, name)[0]?.textContent ?? undefined;
}

describe("syndication files of a built site", () => {
  let build: Build;
  let yandex: Document;
  let news: Document;

  beforeAll(async () => {
    build = assertBuilt(await buildSite({ articles: newsroom, env: { SOURCE_DATE_EPOCH: epochAt(clock), SITE_URL: `${origin}/` } }));
    yandex = parseXml(await builtFile(build, "feeds/yandex.xml"));
    news = parseXml(await builtFile(build, "news-sitemap.xml"));
  }, 300_000);

  describe("the Yandex News / Dzen feed", () => {
    const items = () => [...yandex.getElementsByTagName("item")];

    it("is RSS 2.0 with the Yandex namespace", () => {
      const rss = yandex.documentElement;
      expect(rss.tagName).toBe("rss");
      expect(rss.getAttribute("version")).toBe("2.0");
      expect(rss.lookupNamespaceURI("yandex")).toBe(YANDEX);
      const channel = rss.getElementsByTagName("channel")[0] as Element;
      expect(textOf(channel, null, "title")).toBe("Вестник");
      expect(textOf(channel, null, "link")).toBe(`${origin}/`);
      expect(textOf(channel, null, "language")).toBe("ru");
    });

    it("holds the last 8 days' articles by the build's clock, newest first, without drafts or embargoed ones", () => {
      expect(items().map((item) => textOf(item, null, "link"))).toEqual([urls.newest, urls.yesterday, urls.threeDays]);
    });

    it("gives every item a title, an RFC 822 pubDate, the genre «message» and its whole text", () => {
      for (const item of items()) {
        expect(textOf(item, null, "title")).toBeTruthy();
        expect(textOf(item, YANDEX, "genre")).toBe("message");
        expect(textOf(item, YANDEX, "full-text")?.length).toBeGreaterThan(0);
      }
      const [newest] = items() as [Element];
      expect(textOf(newest, null, "pubDate")).toBe("Sun, 06 Dec 2026 12:00:00 +0500");
      expect(textOf(newest, null, "author")).toBe("Айгуль Серикова");
      expect(textOf(newest, null, "description")).toBe("Лид свежей новости.");
    });

    it("puts the whole text in yandex:full-text as plain text: lead first, paragraphs apart, no markup", () => {
      const text = textOf(items()[0] as Element, YANDEX, "full-text") ?? "";
      // Typography binds short words with no-break spaces; they are text too.
      const paragraphs = text.replace(/\u00a0/g, " ").split("\n\n");
      expect(paragraphs[0]).toBe("Лид свежей новости.");
      expect(paragraphs[1]).toBe("Первый абзац с жирным словом и ссылкой.");
      // Markup characters in the text stay text; a soft line break in Markdown is a space.
      expect(paragraphs[2]).toBe("Второй абзац: «Смит & Вессон» и 5 < 7, продолжение той же строки.");
      expect(paragraphs.slice(3)).toEqual(["пункт один", "пункт два", "Последний абзац."]);
      expect(text).not.toMatch(/<\/?[a-z]|&(amp|lt|gt|quot|#\d+);|alert|Подпись к фото/);
    });

    it("carries the article's photo as an enclosure with its type and size", () => {
      const enclosure = (items()[0] as Element).getElementsByTagName("enclosure")[0];
      expect(enclosure?.getAttribute("url")).toBe(`${origin}/articles/2026/12/aktau.jpg`);
      expect(enclosure?.getAttribute("type")).toBe("image/jpeg");
      expect(enclosure?.getAttribute("length")).toBe(String(photoBytes.length));
    });

    it("is listed on the feeds page", async () => {
      const link = (await page(build, "/feeds/")).querySelector('a[href="/feeds/yandex.xml"]');
      expect(link?.getAttribute("type")).toBe("application/rss+xml");
    });
  });

  describe("the Google News sitemap", () => {
    const entries = () => [...news.getElementsByTagNameNS(SITEMAP, "url")];

    it("is a sitemap with the news namespace", () => {
      expect(news.documentElement.namespaceURI).toBe(SITEMAP);
      expect(news.documentElement.localName).toBe("urlset");
      expect(news.documentElement.lookupNamespaceURI("news")).toBe(NEWS);
    });

    it("lists only the articles of the last two days by the build's clock, without drafts or embargoed ones", () => {
      expect(entries().map((entry) => textOf(entry, SITEMAP, "loc"))).toEqual([urls.newest, urls.yesterday]);
    });

    it("names the publication and language, the W3C publication date and the title of each", () => {
      const [newest, yesterday] = entries() as [Element, Element];
      const publication = newest.getElementsByTagNameNS(NEWS, "publication")[0] as Element;
      expect(textOf(publication, NEWS, "name")).toBe("Вестник");
      expect(textOf(publication, NEWS, "language")).toBe("ru");
      expect(textOf(newest, NEWS, "publication_date")).toBe("2026-12-06T12:00:00+05:00");
      expect(textOf(newest, NEWS, "title")).toBe("Свежая новость");
      // An article in Kazakh is in the Kazakh edition.
      expect(textOf(yesterday, NEWS, "language")).toBe("kk");
      for (const entry of entries()) expect(entry.getElementsByTagNameNS(NEWS, "news")).toHaveLength(1);
    });

    it("is named in robots.txt by its absolute URL", async () => {
      expect(await builtFile(build, "robots.txt")).toMatch(new RegExp(`^Sitemap: ${origin}/news-sitemap\\.xml$`, "m"));
    });
  });
});

/** An article as the newsroom hands it to the syndication files. */
function item(date: Date, fields: { draft?: boolean } = {}): ArticleItem {
  const url = `/${date.toISOString()}/`;
  return {
    url,
    inputPath: `./articles${url}.md`,
    date,
    data: {
      article: {
        title: url,
        headline: url,
        date,
        dateOnly: false,
        tags: [],
        photos: [],
        draft: fields.draft ?? false,
        file: `articles${url}.md`,
      },
    },
  };
}

describe("choosing the recent articles", () => {
  const now = new Date("2026-12-06T09:00:00Z");
  const minutesBefore = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it("caps the Google News sitemap at 1,000 entries, the newest", () => {
    const busyDay = Array.from({ length: 1500 }, (_, index) => item(minutesBefore(index)));
    const chosen = recentArticles(busyDay, { now, days: 2, limit: newsSitemapLimit });
    expect(chosen).toHaveLength(1000);
    expect(chosen[0]).toBe(busyDay[0]);
    expect(chosen.at(-1)).toBe(busyDay[999]);
  });

  it("counts the days back from the build's clock and leaves out drafts and articles dated after it", () => {
    const articles = [
      item(new Date(now.getTime() + 60_000)),
      item(minutesBefore(0)),
      item(minutesBefore(10), { draft: true }),
      item(minutesBefore(2 * 24 * 60)),
      item(minutesBefore(2 * 24 * 60 + 1)),
    ];
    expect(recentArticles(articles, { now, days: 2, limit: 1000 })).toEqual([articles[1], articles[3]]);
  });
});

describe("plain text for yandex:full-text", () => {
  it("keeps paragraphs and lines, and drops markup, captions and scripts", () => {
    const html =
      '<p>Один &amp; <a href="x">два</a>\nтри.</p>\n<figure><img src="a.jpg" alt=""><figcaption>Подпись</figcaption></figure>' +
      "<ul><li>первый</li><li>второй</li></ul><p>строка<br>ещё строка</p><script>x()</script><p>&lt;тег&gt; &quot;цитата&quot;</p>";
    expect(plainText(html)).toBe('Один & два три.\n\nпервый\n\nвторой\n\nстрока\nещё строка\n\n<тег> "цитата"');
  });

  it("gives Google News an ISO 639 language code", () => {
    expect(["ru", "kk", "ru-KZ", "EN"].map(newsLanguage)).toEqual(["ru", "kk", "ru", "en"]);
  });
});

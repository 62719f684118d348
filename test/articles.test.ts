import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { article, assertBuilt, type Build, buildSite, exists, page } from "./support/site.ts";

// Typography makes some spaces non-breaking; these tests are about order and paging, not spacing.
const text = (element: Element | null | undefined) => (element?.textContent ?? "").replace(/[\s\u00a0]+/g, " ").trim();

describe("bad front matter", () => {
  it("stops the build and names the file and the field", async () => {
    const build = await buildSite({
      articles: {
        "2025/11/ok.md": article({ title: "Хорошая новость" }),
        "2025/11/no-title.md": article({ title: undefined }),
        "2025/11/bad-date.md": article({ title: "Плохая дата", date: "15.11.2025" }),
        "2025/11/impossible-date.md": article({ title: "Несуществующий день", date: "2025-02-30" }),
        "2025/11/tags-text.md": article({ title: "Теги строкой", tags: "Логистика, Узбекистан" }),
      },
    });
    expect(build.code).not.toBe(0);
    const said = build.stdout + build.stderr;
    expect(said).toContain("articles/2025/11/no-title.md: title: is missing");
    expect(said).toMatch(/articles\/2025\/11\/bad-date\.md: date: "15\.11\.2025" is not a valid ISO 8601 date/);
    expect(said).toMatch(/articles\/2025\/11\/impossible-date\.md: date: "2025-02-30" is not a valid ISO 8601 date/);
    expect(said).toContain("articles/2025/11/tags-text.md: tags: must be a list of tags");
    expect(said).not.toContain("ok.md");
  });

  it("reports malformed YAML with the file and the line", async () => {
    const build = await buildSite({
      articles: { "2025/11/broken.md": '---\ntitle: "Незакрытая кавычка\ndate: 2025-11-15\n---\n\nТекст.\n' },
    });
    expect(build.code).not.toBe(0);
    expect(build.stdout + build.stderr).toMatch(/articles\/2025\/11\/broken\.md: front matter: is not valid YAML \(.+ at line \d+\)/);
  });

  it("refuses two articles that would share a URL, naming both files", async () => {
    const build = await buildSite({
      articles: {
        "2025/11/first.md": article({ title: "Одна и та же новость" }),
        "2025/11/second.md": article({ title: "Одна и та же новость" }),
      },
    });
    expect(build.code).not.toBe(0);
    const said = build.stdout + build.stderr;
    expect(said).toMatch(
      /articles\/2025\/11\/(first|second)\.md: title: gives the same URL \/2025\/11\/15\/odna-i-ta-zhe-novost\/ as articles\/2025\/11\/(first|second)\.md/,
    );
  });
});

describe("article URLs and dates", () => {
  it("puts an article at /YYYY/MM/DD/<transliterated title>/, Kazakh letters included", async () => {
    const build = assertBuilt(
      await buildSite({
        articles: {
          "a.md": article({ title: "Касым-Жомарт Токаев прибыл в Ташкент", date: "2025-11-15" }),
          "b.md": article({ title: "Қазақстан және Өзбекстан: ұлттық құрама", date: "2025-11-16", tags: ["Қазақстан"] }),
        },
      }),
    );
    expect(exists(build, "2025/11/15/kasym-zhomart-tokaev-pribyl-v-tashkent/index.html")).toBe(true);
    expect(exists(build, "2025/11/16/qazaqstan-zhane-ozbekstan-ulttyq-qurama/index.html")).toBe(true);
    expect(exists(build, "tags/qazaqstan/index.html")).toBe(true);
  });

  it("reads a date without a time as that day in Almaty, and a time without an offset as Almaty time", async () => {
    const build = assertBuilt(
      await buildSite({
        articles: {
          "midnight.md": article({ title: "Полночь", date: "2025-11-15" }),
          "evening.md": article({ title: "Вечер", date: "2025-11-15T23:30" }),
          "moscow.md": article({ title: "Москва", date: "2025-11-15T22:00:00+03:00" }),
        },
      }),
    );
    const midnight = (await page(build, "/2025/11/15/polnoch/")).querySelector("article time");
    expect(midnight?.getAttribute("datetime")).toBe("2025-11-15T00:00:00+05:00");
    expect(text(midnight)).toBe("15 ноября 2025");
    const evening = (await page(build, "/2025/11/15/vecher/")).querySelector("article time");
    expect(evening?.getAttribute("datetime")).toBe("2025-11-15T23:30:00+05:00");
    expect(text(evening)).toBe("15 ноября 2025, 23:30");
    // 22:00 in Moscow is already the 16th in Almaty: the URL and the page follow the newsroom's calendar.
    const moscow = (await page(build, "/2025/11/16/moskva/")).querySelector("article time");
    expect(moscow?.getAttribute("datetime")).toBe("2025-11-16T00:00:00+05:00");
  });
});

describe("drafts", () => {
  const articles = {
    "published.md": article({ title: "Опубликовано" }),
    "draft.md": article({ title: "Черновик новости", draft: true, tags: ["Черновики"] }),
  };

  it("are left out of a production build: no page, no tag, no feed item", async () => {
    const build = assertBuilt(await buildSite({ articles }));
    expect(exists(build, "2025/11/15/opublikovano/index.html")).toBe(true);
    expect(exists(build, "2025/11/15/chernovik-novosti/index.html")).toBe(false);
    expect(exists(build, "tags/chernoviki/index.html")).toBe(false);
    const feed = await import("node:fs/promises").then((fs) => fs.readFile(`${build.output}/feed.xml`, "utf8"));
    expect(feed).not.toContain("Черновик новости");
  });

  it("are built while editing, in Eleventy's watch mode as npm start runs it", async () => {
    const build = assertBuilt(await buildSite({ articles, watch: true }));
    expect(exists(build, "2025/11/15/opublikovano/index.html")).toBe(true);
    expect(exists(build, "2025/11/15/chernovik-novosti/index.html")).toBe(true);
    expect(exists(build, "tags/chernoviki/index.html")).toBe(true);
    // The editor sees which is which.
    expect(text((await page(build, "/2025/11/15/chernovik-novosti/")).querySelector(".embargo"))).toMatch(
      /^Черновик: статья видна только при просмотре/,
    );
    expect((await page(build, "/2025/11/15/opublikovano/")).querySelector(".embargo")).toBeNull();
  });
});

describe("pagination", () => {
  const many = Object.fromEntries(
    Array.from({ length: 23 }, (_, index) => {
      const day = String(index + 1).padStart(2, "0");
      return [`2025/10/n${day}.md`, article({ title: `Новость номер ${index + 1}`, date: `2025-10-${day}`, tags: ["Общий тег"] })];
    }),
  );
  // Three builds: with the default page sizes, with smaller ones, and with smaller ones after one more article.
  let build: Build;
  let paged: Build;
  let grown: Build;
  const small = { olderArticlesPerPage: 5, tagArticlesPerPage: 20 };
  beforeAll(async () => {
    const oneMore = { ...many, "2025/10/n24.md": article({ title: "Новость номер 24", date: "2025-10-24", tags: ["Общий тег"] }) };
    [build, paged, grown] = await Promise.all([
      buildSite({ articles: many }).then(assertBuilt),
      buildSite({ articles: many, siteOptions: small }).then(assertBuilt),
      buildSite({ articles: oneMore, siteOptions: small }).then(assertBuilt),
    ]);
  });
  const headlines = async (site: Build, url: string) => [...(await page(site, url)).querySelectorAll(".article-list a")].map(text);

  it("splits the front page into ten latest items, then pages of headlines numbered from the oldest, linked both ways", async () => {
    const first = await page(build, "/");
    const titles = [...first.querySelectorAll(".news-feed-list a")].map(text);
    expect(titles.slice(0, 2)).toEqual(["Новость номер 23", "Новость номер 22"]);
    expect(titles).toHaveLength(10);
    // By default the older pages hold fifty headlines each: the other thirteen fit on page 1.
    expect(first.querySelector('.pagination a[rel="next"]')?.getAttribute("href")).toBe("/page/1/");
    const older = await page(build, "/page/1/");
    expect(await headlines(build, "/page/1/")).toHaveLength(13);
    expect(older.querySelector(".article-list h2")).toBeNull();
    expect(older.querySelector(".article-list time")?.getAttribute("datetime")).toBe("2025-10-13");
    // It says the days it covers.
    expect(text(older.querySelector(".list-page"))).toBe("1 октября 2025 — 13 октября 2025");
    expect(exists(build, "page/2/index.html")).toBe(false);

    // Five a page: page 1 holds the oldest five, page 2, which the front page links to, the other eight.
    expect((await page(paged, "/")).querySelector('.pagination a[rel="next"]')?.getAttribute("href")).toBe("/page/2/");
    const second = await page(paged, "/page/2/");
    expect(await headlines(paged, "/page/2/")).toEqual([13, 12, 11, 10, 9, 8, 7, 6].map((n) => `Новость номер ${n}`));
    expect(second.querySelector('.pagination a[rel="prev"]')?.getAttribute("href")).toBe("/");
    expect(second.querySelector('.pagination a[rel="next"]')?.getAttribute("href")).toBe("/page/1/");
    const oldest = await page(paged, "/page/1/");
    expect(await headlines(paged, "/page/1/")).toEqual([5, 4, 3, 2, 1].map((n) => `Новость номер ${n}`));
    expect(oldest.querySelector('.pagination a[rel="prev"]')?.getAttribute("href")).toBe("/page/2/");
    expect(oldest.querySelector('.pagination a[rel="next"]')).toBeNull();
    expect(exists(paged, "page/3/index.html")).toBe(false);
  });

  it("keeps an older page's address and articles as news is added: one more article changes the newest older page only", async () => {
    expect(await headlines(grown, "/page/2/")).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6].map((n) => `Новость номер ${n}`));
    const oldest = (site: Build) => fs.readFile(path.join(site.output, "page/1/index.html"), "utf8");
    expect(await oldest(grown)).toBe(await oldest(paged));
    // Nine on the newest older page: the next article splits it into pages 2 and 3 of five each.
    expect(exists(grown, "page/3/index.html")).toBe(false);
  });

  it("lists a tag's articles as headlines and dates, fifty a page", async () => {
    const tag = await page(build, "/tags/obschiy-teg/");
    expect([...tag.querySelectorAll(".article-list li")].map(text)).toHaveLength(23);
    expect(text(tag.querySelector(".article-list li"))).toBe("Новость номер 23 23 октября 2025");
    expect(text(tag.querySelector(".list-summary"))).toBe("23 статьи с этим тегом");
    expect(exists(build, "tags/obschiy-teg/page/1/index.html")).toBe(false);
    expect((await page(paged, "/tags/obschiy-teg/")).querySelectorAll(".article-list li")).toHaveLength(20);
    const older = await page(paged, "/tags/obschiy-teg/page/1/");
    expect(older.querySelectorAll(".article-list li")).toHaveLength(3);
    // The tag's count and feed are on its first page, which changes with each article anyway.
    expect(older.querySelector(".list-summary")).toBeNull();
  });

  it("links each article to the previous and next one and to related articles by shared tags", async () => {
    const middle = await page(build, "/2025/10/10/novost-nomer-10/");
    expect(middle.querySelector('.article-neighbours a[rel="prev"]')?.getAttribute("href")).toBe("/2025/10/09/novost-nomer-9/");
    expect(middle.querySelector('.article-neighbours a[rel="next"]')?.getAttribute("href")).toBe("/2025/10/11/novost-nomer-11/");
    const related = [...middle.querySelectorAll(".related a")].map((a) => a.getAttribute("href"));
    expect(related).toHaveLength(3);
    expect(related).not.toContain("/2025/10/10/novost-nomer-10/");
    expect(middle.querySelector("[data-pagefind-body] .related")).toBeNull();
  });
});

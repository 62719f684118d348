import fs from "node:fs/promises";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, it } from "vitest";
import vestnik from "../src/index.ts";
import type { VestnikOptions } from "../src/options.ts";
import { themeLayouts } from "../src/theme/layouts.ts";
import { demoOptions, errorMessages } from "./support/memory-build.ts";
import { article } from "./support/site.ts";
import { testTempDir } from "./support/temp-root.ts";

type Config = { addPlugin(plugin: unknown, options: unknown): void; addFilter(name: string, filter: unknown): void };

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true })));
});

/**
 * Builds, in memory, a site of its own that only adds the plugin: these files (no `_includes/` or
 * `_data/` unless given) and two articles. Returns each written page by URL.
 */
async function hostSite(
  files: Record<string, string> = {},
  options: Partial<VestnikOptions> = {},
  configure: (config: Config) => void = () => {},
): Promise<Map<string, string>> {
  const input = await fs.mkdtemp(path.join(testTempDir(), "vestnik-host-"));
  folders.push(input);
  const all = {
    "articles/2025/11/port.md": article({ title: "Порт Актау принял рекордный груз", tags: ["Логистика"] }, 'Капитан сказал: "Рекорд".'),
    "articles/2025/11/parom.md": article({ title: "Паром вышел в рейс", date: "2025-11-16", tags: ["Логистика"] }),
    ...files,
  };
  for (const [name, content] of Object.entries(all)) {
    await fs.mkdir(path.dirname(path.join(input, name)), { recursive: true });
    await fs.writeFile(path.join(input, name), content);
  }
  const eleventy = new Eleventy(input, path.join(input, "_site"), {
    quietMode: true,
    config: (eleventyConfig) => {
      const config = eleventyConfig as unknown as Config;
      configure(config);
      config.addPlugin(vestnik, { ...demoOptions, search: false, offline: false, ...options });
    },
  });
  eleventy.disableLogger();
  const pages = await eleventy.toJSON();
  return new Map(pages.filter((page) => page.url).map((page) => [page.url as string, page.content]));
}

/** Everything a refused build said, wrapped errors included. */
async function refusal(build: Promise<unknown>): Promise<string> {
  try {
    await build;
  } catch (error) {
    return errorMessages(error).join("\n");
  }
  throw new Error("the build was not refused");
}

function documentOf(html: string | undefined): Document {
  if (html === undefined) throw new Error("no such page");
  return parseHTML(html).document as unknown as Document;
}

describe("the theme ships with the plugin", () => {
  it("a site with no _includes/ or _data/ of its own gets article pages, lists, tags and feeds", async () => {
    const pages = await hostSite();
    const articlePage = [...pages.keys()].find((url) => url.startsWith("/2025/11/15/"));
    const doc = documentOf(pages.get(articlePage ?? ""));
    expect(doc.querySelector("h1")?.textContent).toBe("Порт Актау принял рекордный груз");
    expect(doc.querySelector(".site-nav")?.textContent?.replace(/\s+/g, " ").trim()).toBe("Новости Теги Подписка");
    // The partial included by the base layout came from the theme's folder.
    expect(doc.querySelector('meta[property="og:type"]')?.getAttribute("content")).toBe("article");
    expect(documentOf(pages.get("/")).querySelector("h1")?.textContent).toBe("Последние новости");
    expect(documentOf(pages.get("/tags/")).querySelector(".tag-count")?.textContent).toBe("2 статьи");
    expect(pages.get("/feed.xml")).toContain("<title>Паром вышел в рейс</title>");
  });

  it("names every layout a site may override", () => {
    expect(themeLayouts).toEqual([
      "vestnik/404.njk",
      "vestnik/article-head.njk",
      "vestnik/article.njk",
      "vestnik/base.njk",
      "vestnik/feeds.njk",
      "vestnik/front.njk",
      "vestnik/list.njk",
      "vestnik/offline.njk",
      "vestnik/search.njk",
      "vestnik/site-head.njk",
      "vestnik/tags.njk",
    ]);
  });

  it("a layout or partial of the same name in the site's includes folder replaces the theme's", async () => {
    const pages = await hostSite({
      "_includes/vestnik/tags.njk": "---\nlayout: vestnik/base.njk\n---\n<h1>Рубрики агентства</h1>",
      "_includes/vestnik/article-head.njk": '<meta name="agency-head" content="own">',
      "_includes/vestnik/site-head.njk": '<link rel="stylesheet" href="/assets/agency.css">',
    });
    // The empty partial the theme leaves for a site's own stylesheet, after the theme's.
    const sheets = [...documentOf(pages.get("/tags/")).querySelectorAll('link[rel="stylesheet"]')].map((link) => link.getAttribute("href"));
    expect(sheets).toEqual(["/assets/vestnik.css", "/assets/agency.css"]);
    expect(documentOf(pages.get("/tags/")).querySelector("h1")?.textContent).toBe("Рубрики агентства");
    const articlePage = [...pages.keys()].find((url) => url.startsWith("/2025/11/15/"));
    const doc = documentOf(pages.get(articlePage ?? ""));
    expect(doc.querySelector('meta[name="agency-head"]')).not.toBeNull();
    expect(doc.querySelector('meta[property="og:type"]')).toBeNull();
    // The layouts the site did not override are still the theme's.
    expect(doc.querySelector(".article-body")).not.toBeNull();
  });
});

describe("the plugin is a good neighbour", () => {
  it("a page of the site outside articles/ keeps Eleventy's own front matter and Markdown", async () => {
    const about = [
      "---",
      "title: О нас",
      "founded: 2024-05-01",
      "templateEngineOverride: njk,md",
      "permalink: /about/",
      "---",
      "",
      // Eleventy's YAML reads a date as a Date; Vestnik's keeps an article's date as written.
      "Основано в {{ founded.getUTCFullYear() }} году.",
      "",
      'Редактор сказал: "Пишите коротко". <span style="color: red">Важно</span>',
      "",
    ].join("\n");
    const pages = await hostSite({ "about.md": about });
    const html = pages.get("/about/") ?? "";
    expect(html).toContain("Основано в 2024 году.");
    // Eleventy's markdown-it: quotes as typed, the inline style kept. Vestnik's typography and
    // sanitiser are for articles, whose page shows «Рекорд».
    expect(html).toContain("Редактор сказал: &quot;Пишите коротко&quot;.");
    expect(html).toContain('<span style="color: red">Важно</span>');
    const articlePage = [...pages.keys()].find((url) => url.startsWith("/2025/11/15/"));
    expect(documentOf(pages.get(articlePage ?? "")).querySelector(".article-body")?.textContent).toContain("«Рекорд»");
  });

  it("a site's own readableDate filter keeps its name and its meaning beside the plugin's", async () => {
    const pages = await hostSite({ "dated.njk": "---\npermalink: /dated/\n---\n{{ 0 | readableDate('yyyy') }}" }, {}, (config) =>
      config.addFilter("readableDate", (_date: unknown, format: string) => `site format ${format}`),
    );
    expect(pages.get("/dated/")).toBe("site format yyyy");
  });
});

describe("the plugin's pages can be moved or left out", () => {
  it("a moved feeds page is published at its new address, and the links follow it", async () => {
    const pages = await hostSite({}, { pages: { feeds: "/podpiska/", front: "/novosti/" } });
    expect(pages.has("/feeds/")).toBe(false);
    expect(documentOf(pages.get("/podpiska/")).querySelector("h1")?.textContent).toBe("Подписка на новости");
    expect(pages.has("/")).toBe(false);
    const front = documentOf(pages.get("/novosti/"));
    const links = [...front.querySelectorAll(".site-nav a")].map((link) => link.getAttribute("href"));
    expect(links).toEqual(["/novosti/", "/tags/", "/podpiska/"]);
    // The front page's twins of the site's feed are where people look for feeds: both moved pages.
    expect(front.querySelector('link[type="application/atom+xml"]')).not.toBeNull();
    expect(pages.get("/sitemap.xml")).toContain("https://vestnik.example.org/podpiska/");
  });

  it("a page switched off is not written, and no link or sitemap entry points to it", async () => {
    const pages = await hostSite({}, { pages: { tags: false, notFound: false }, tagPageFrom: 1 });
    expect(pages.has("/tags/")).toBe(false);
    expect(pages.has("/404.html")).toBe(false);
    const links = [...documentOf(pages.get("/")).querySelectorAll(".site-nav a")].map((link) => link.getAttribute("href"));
    expect(links).toEqual(["/", "/feeds/"]);
    expect(pages.get("/sitemap.xml")).not.toContain("https://vestnik.example.org/tags/</loc>");
    // The tags' own pages stay.
    expect(pages.has("/tags/logistika/")).toBe(true);
  });

  it("an unknown page or an address that is not a path is refused with the fix", async () => {
    expect(await refusal(hostSite({}, { pages: { archive: "/arhiv/" } as never }))).toMatch(/Unknown page `pages.archive`/);
    expect(await refusal(hostSite({}, { pages: { feeds: "podpiska" } }))).toMatch(
      /`pages.feeds` must be a folder path such as "\/feeds\/"/,
    );
  });
});

describe("the theme's words come from one table a site can change", () => {
  it("a site's own words replace the table's, and counts keep their plural forms", async () => {
    const pages = await hostSite(
      {},
      { strings: { allTags: "Рубрики", articleCount: (count: number) => `${count} мат.`, photoCredit: "Снимок:" } },
    );
    const tags = documentOf(pages.get("/tags/"));
    expect(tags.querySelector("h1")?.textContent).toBe("Рубрики");
    expect(tags.querySelector(".tag-count")?.textContent).toBe("2 мат.");
    expect(tags.querySelector("title")?.textContent).toBe("Рубрики — Вестник");
  });

  it("a word that is not in the table is refused with the list of names", async () => {
    expect(await refusal(hostSite({}, { strings: { readMore: "Ещё" } as never }))).toMatch(/Unknown string `strings.readMore`/);
  });
});

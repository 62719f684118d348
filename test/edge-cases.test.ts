import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { buildInMemory } from "./support/memory-build.ts";
import { article, assertBuilt, buildSite, exists, page } from "./support/site.ts";

describe("archives at the edges", () => {
  it("publish a 2 MB article, an article with 300 tags and tags made only of punctuation or emoji", async () => {
    const paragraph = "Длинный абзац архивной статьи, который повторяется много раз. ".repeat(20);
    const longBody = Array.from({ length: 1700 }, (_, index) => `${index + 1}. ${paragraph}`).join("\n\n");
    expect(Buffer.byteLength(longBody)).toBeGreaterThan(2_000_000);
    const manyTags = Array.from({ length: 300 }, (_, index) => `Тег номер ${index + 1}`);
    const oddTags = ["!!!", "???", "🚀", "🚀🚀", "«»"];
    const build = assertBuilt(
      await buildSite({
        articles: {
          "long.md": article({ title: "Очень длинная статья" }, longBody.replace(/^(\d+)\. /gm, "$1\\. ")),
          "tags.md": article({ title: "Статья с тремястами тегами", tags: manyTags }),
          "odd.md": article({ title: "Странные теги", tags: oddTags }),
        },
      }),
    );
    const long = await page(build, "/2025/11/15/ochen-dlinnaya-statya/");
    expect(long.querySelectorAll(".article-body p")).toHaveLength(1700);
    const tagged = await page(build, "/2025/11/15/statya-s-tremyastami-tegami/");
    expect(tagged.querySelectorAll(".article-tags a")).toHaveLength(300);
    for (let n = 1; n <= 300; n += 37) expect(exists(build, `tags/teg-nomer-${n}/index.html`)).toBe(true);
    const odd = await page(build, "/2025/11/15/strannye-tegi/");
    const hrefs = [...odd.querySelectorAll(".article-tags a")].map((a) => a.getAttribute("href") ?? "");
    expect(new Set(hrefs).size).toBe(oddTags.length);
    for (const href of hrefs) {
      expect(href).toMatch(/^\/tags\/[a-z0-9-]+\/$/);
      expect(exists(build, `${href.slice(1)}index.html`)).toBe(true);
    }
  });

  it("page a tag that holds 10,000 articles, newest first", async () => {
    const articles: Record<string, string> = {};
    for (let index = 0; index < 10_000; index++) {
      const date = new Date(Date.UTC(2020, 0, 1) + index * 3_600_000).toISOString().slice(0, 16);
      articles[`n${index}.md`] = article({ title: `Сводка ${index}`, date, tags: ["Погода"] }, `Текст сводки ${index}.`);
    }
    const built = await buildInMemory(articles);
    const tagPages = built.filter((file) => typeof file.url === "string" && /^\/tags\/pogoda\/(page\/\d+\/)?$/.test(file.url));
    // Fifty headlines a page.
    expect(tagPages).toHaveLength(200);
    const first = built.find((file) => file.url === "/tags/pogoda/");
    // Its older pages are numbered from the oldest: page 1 ends with the first article.
    const last = built.find((file) => file.url === "/tags/pogoda/page/1/");
    const titles = (html = "") =>
      [...parseHTML(html).document.querySelectorAll(".article-list a")].map((a) => a.textContent?.replace(/\s+/g, " ").trim());
    expect(titles(first?.content).slice(0, 2)).toEqual(["Сводка 9999", "Сводка 9998"]);
    expect(titles(last?.content).at(-1)).toBe("Сводка 0");
  }, 180_000);
});

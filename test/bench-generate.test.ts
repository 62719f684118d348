import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { type GeneratedArticle, generateArticles } from "../bench/generate.ts";
import { buildSteps } from "../bench/scale.ts";
import { articleSchema } from "../src/articles/schema.ts";
import { article, assertBuilt, buildSite } from "./support/site.ts";

const articles = (count: number, seed: number): GeneratedArticle[] => [...generateArticles({ count, seed })];

function frontMatter(article: GeneratedArticle): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(article.content);
  if (!match) throw new Error(`${article.file}: no front matter`);
  return yaml.load(match[1] as string, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
}

describe("the benchmark's article generator", () => {
  it("gives the same articles, byte for byte, for the same seed", () => {
    expect(articles(300, 7)).toEqual(articles(300, 7));
  });

  it("gives other articles for another seed", () => {
    expect(articles(50, 7).map((article) => article.content)).not.toEqual(articles(50, 8).map((article) => article.content));
  });

  it("writes front matter the build accepts, marked synthetic and credited, each article in a file of its own", () => {
    const made = articles(500, 1);
    expect(new Set(made.map((article) => article.file)).size).toBe(made.length);
    for (const article of made) {
      const data = frontMatter(article);
      expect(articleSchema.safeParse(data).success, article.file).toBe(true);
      expect(data.synthetic).toBe(true);
      expect(data.license).toBe("CC BY 4.0");
      expect(String(data.date)).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:00)?$/);
      expect(article.file).toMatch(
        new RegExp(`^articles/${String(data.date).slice(0, 4)}/${String(data.date).slice(5, 7)}/[a-z0-9-]+\\.md$`),
      );
    }
  });

  it("has a few big tags and a long tail of small ones, and photos without files", () => {
    const made = articles(2000, 1);
    const counts = new Map<string, number>();
    for (const article of made) for (const tag of article.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const sizes = [...counts.values()].sort((a, b) => b - a);
    expect(sizes[0]).toBeGreaterThan(made.length / 10);
    expect(sizes.filter((size) => size === 1).length).toBeGreaterThan(counts.size / 4);
    const photos = made.map(frontMatter).flatMap((data) => (data.photos as { src?: string; credit?: string }[] | undefined) ?? []);
    expect(photos.length).toBeGreaterThan(100);
    expect(photos.every((photo) => photo.src === undefined && photo.credit !== undefined)).toBe(true);
  });
});

describe("the benchmark's figures", () => {
  it("split a production build into Eleventy's pages and the search index, as the build reports them", async () => {
    const build = assertBuilt(await buildSite({ atomic: true, articles: { "a.md": article({ title: "Первая" }) } }));
    const steps = buildSteps(build.stdout);
    expect(steps.eleventy).toBeGreaterThan(0);
    expect(steps.searchIndex).toBeGreaterThan(0);
  });
});

import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveOptions } from "../src/options.ts";
import { Typography } from "../src/typography.ts";
import { article, assertBuilt, buildSite, page, seedParagraphs } from "./support/site.ts";
import { testTempDir } from "./support/temp-root.ts";

const nbsp = "\u00a0";
const russian = new Typography("ru", {});

describe("Russian typography", () => {
  it("turns straight quotes into «ёлочки» and hyphens between words into em dashes", () => {
    expect(russian.text('Он сказал: "Север - Юг"')).toBe(`Он${nbsp}сказал: «Север${nbsp}— Юг»`);
  });

  it("keeps the seed's non-breaking space before the dash in «коридора Север — Юг»", () => {
    expect(russian.text(`коридора Север${nbsp}— Юг`)).toContain(`Север${nbsp}— Юг`);
    expect(russian.text("коридора Север - Юг")).toContain(`Север${nbsp}— Юг`);
  });

  it("binds short words to the next one and writes number ranges with an en dash", () => {
    expect(russian.text("в 2010-2015 годах")).toBe(`в${nbsp}2010–2015 годах`);
    expect(russian.text("встреча в Ташкенте")).toBe(`встреча в${nbsp}Ташкенте`);
  });

  it("leaves code, URLs and attributes alone", () => {
    const html = '<p>См. <a href="https://example.kz/a-b?q=1-2">"ссылку"</a> и <code>a - b "c"</code></p>';
    const typeset = russian.html(html);
    expect(typeset).toContain('href="https://example.kz/a-b?q=1-2"');
    expect(typeset).toContain('<code>a - b "c"</code>');
  });

  it("changes nothing when run twice", async () => {
    for (const paragraph of await seedParagraphs()) {
      const once = russian.text(paragraph);
      expect(russian.text(once)).toBe(once);
    }
  });

  it("can be switched off or narrowed by rule", () => {
    expect(new Typography("ru", false).text('"Север - Юг"')).toBe('"Север - Юг"');
    expect(new Typography("ru", { disableRules: ["common/punctuation/quote"] }).text('"Юг"')).toBe('"Юг"');
    expect(() => resolveOptions({ title: "В", baseUrl: "https://a.kz/", typography: { rules: [] } as never })).toThrow(
      /Option `typography` must be/,
    );
  });

  it("keeps typeset texts in the cache folder for the next build, and only the texts still used", async () => {
    const cacheDir = await mkdtemp(path.join(testTempDir(), "vestnik-typography-"));
    const first = new Typography("ru", {}, cacheDir);
    const body = `<p>${'Он сказал: "Север - Юг". '.repeat(100)}</p>`;
    const typeset = first.html(body);
    first.text('Заголовок "в кавычках"');
    first.cache?.save();
    const lines = (await readFile(path.join(cacheDir, "typography.jsonl"), "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(2);

    const second = new Typography("ru", {}, cacheDir);
    expect(second.html(body)).toBe(typeset);
    expect(second.cache).toMatchObject({ hits: 1, misses: 0 });
    expect(typeset).toContain("«Север");
    // The headline was not used by the second build: it leaves the cache.
    second.cache?.save();
    expect((await readFile(path.join(cacheDir, "typography.jsonl"), "utf8")).trimEnd().split("\n")).toHaveLength(1);
  });

  it("typesets again a text whose cache line was cut short", async () => {
    const cacheDir = await mkdtemp(path.join(testTempDir(), "vestnik-typography-"));
    const first = new Typography("ru", {}, cacheDir);
    first.text('"Один"');
    first.text('"Два"');
    first.cache?.save();
    const file = path.join(cacheDir, "typography.jsonl");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.slice(0, -10));
    const second = new Typography("ru", {}, cacheDir);
    expect([second.text('"Один"'), second.text('"Два"')]).toEqual(["«Один»", "«Два»"]);
    expect(second.cache).toMatchObject({ hits: 1, misses: 1 });
  });
});

describe("typography of an article in another language", () => {
  it("follows the article's language: English quotes in English text, «ёлочки» in Russian", () => {
    expect(russian.forLanguage("en").text('They said "yes"')).toContain("“yes”");
    expect(russian.text('Они сказали "да"')).toContain("«да»");
    expect(russian.forLanguage(undefined)).toBe(russian);
  });
});

describe("the typography cache in a real build", () => {
  it("is read by the next build and never published as pages", async () => {
    const articles = { "a.md": article({ title: 'Порт "Актау" - ворота Каспия' }) };
    const first = assertBuilt(await buildSite({ articles }));
    const cacheFile = path.join(first.project, ".cache/vestnik/typography.jsonl");
    const lines = (await readFile(cacheFile, "utf8")).trimEnd().split("\n");
    const headline = lines.findIndex((line) => line.includes("«Актау»"));
    expect(headline).toBeGreaterThanOrEqual(0);
    // What the next build shows must come from the cache: change the kept text and build again.
    const [key] = JSON.parse(lines[headline] ?? "[]") as [string, string];
    lines[headline] = JSON.stringify([key, "Заголовок из кэша"]);
    await writeFile(cacheFile, `${lines.join("\n")}\n`);

    const second = assertBuilt(await buildSite({ again: first }));
    const files = (await readdir(second.output, { recursive: true })).map(String);
    const articlePage = files.find((name) => name.startsWith("2025") && name.endsWith("index.html"));
    expect(articlePage).toBeDefined();
    expect((await page(second, `/${path.dirname(articlePage ?? "")}/`)).querySelector("h1")?.textContent).toBe("Заголовок из кэша");
    expect(files.filter((name) => name.includes(".cache") || name.includes("typography"))).toEqual([]);
  });
});

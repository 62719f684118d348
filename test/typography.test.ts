import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveOptions } from "../src/options.ts";
import { Typography } from "../src/typography.ts";
import { seedParagraphs } from "./support/site.ts";

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

  it("keeps long bodies typeset in the cache folder for the next build", async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), "vestnik-typography-"));
    const cached = new Typography("ru", {}, cacheDir);
    const body = `<p>${'Он сказал: "Север - Юг". '.repeat(100)}</p>`;
    const first = cached.html(body);
    expect((await readdir(cacheDir, { recursive: true })).filter((name) => String(name).endsWith(".html"))).toHaveLength(1);
    expect(new Typography("ru", {}, cacheDir).html(body)).toBe(first);
    expect(first).toContain("«Север");
  });
});

describe("typography of an article in another language", () => {
  it("follows the article's language: English quotes in English text, «ёлочки» in Russian", () => {
    expect(russian.forLanguage("en").text('They said "yes"')).toContain("“yes”");
    expect(russian.text('Они сказали "да"')).toContain("«да»");
    expect(russian.forLanguage(undefined)).toBe(russian);
  });
});

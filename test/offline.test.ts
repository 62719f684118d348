import { describe, expect, it } from "vitest";
import { normalisePathPrefix } from "../src/offline.ts";
import { resolveOptions } from "../src/options.ts";
import { readerWords } from "../src/theme/reader-words.ts";
import { describeOfflineSite } from "./support/offline-site.ts";

describe("offline reading settings", () => {
  it("save the newest 50 articles unless the newsroom says otherwise, and refuse a count out of range", () => {
    const base = { title: "Вестник", baseUrl: "https://agency.github.io/novosti/" };
    expect(resolveOptions(base)).toMatchObject({ offline: true, offlineArticles: 50 });
    expect(resolveOptions({ ...base, offlineArticles: 10 }).offlineArticles).toBe(10);
    expect(() => resolveOptions({ ...base, offlineArticles: 0 })).toThrow(/offlineArticles.*1 to 500/);
    expect(() => resolveOptions({ ...base, offline: "yes" as unknown as boolean })).toThrow(/offline.*true or false/);
  });

  it("give the path prefix one slash at each end, however Eleventy was given it", () => {
    expect(["/", "", undefined, "/novosti", "novosti/", "/novosti/"].map(normalisePathPrefix)).toEqual([
      "/",
      "/",
      "/",
      "/novosti/",
      "/novosti/",
      "/novosti/",
    ]);
  });

  it("count saved articles in Russian", () => {
    expect([1, 2, 5, 21, 50].map(readerWords("ru").articles)).toEqual(["1 статья", "2 статьи", "5 статей", "21 статья", "50 статей"]);
  });

  it("say what saving downloads as a reader weighs it: kilobytes, then megabytes with one decimal below ten", () => {
    const mb = 1024 * 1024;
    expect([300, 340 * 1024, 1.04 * mb, 9.46 * mb, 27.4 * mb].map(readerWords("ru").size)).toEqual([
      "≈ 1 КБ",
      "≈ 340 КБ",
      "≈ 1 МБ",
      "≈ 9,5 МБ",
      "≈ 27 МБ",
    ]);
  });
});

// The offline story at the root; under a path prefix in offline-prefix.test.ts.
describeOfflineSite("/");

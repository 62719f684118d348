import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forgetOtherParts, keepPartWords, keepReadings, keptPartWords, keptReadings } from "../src/search/lexicon-cache.ts";
import { newestPartsFirst, planIndexParts } from "../src/search/parts.ts";
import { testTempDir } from "./support/temp-root.ts";

/** An article's address as Vestnik makes it: `/2025/11/15/slug/`. */
const urlOn = (date: string, slug: string) => `/${date.replaceAll("-", "/")}/${slug}/`;

/** Articles on these dates, `count` a date. */
function archive(dates: Record<string, number>): string[] {
  return Object.entries(dates).flatMap(([date, count]) => Array.from({ length: count }, (_, n) => urlOn(date, `news-${n}`)));
}

/** The part that holds an article: the one with a folder its address starts with. */
function partOf(parts: ReturnType<typeof planIndexParts>, url: string) {
  return parts.filter((part) => part.folders?.some((folder) => url.startsWith(`/${folder}/`)));
}

describe("splitting the search index into parts", () => {
  it("keeps a small archive in one part, in Pagefind's usual folder", () => {
    const urls = archive({ "2019-03-01": 2, "2025-11-15": 3 });
    expect(planIndexParts(urls, 10_000)).toEqual([{ dir: "pagefind", folders: ["2019", "2025"], articles: 5 }]);
  });

  it("takes whole years while they fit, then months, then days, oldest first, the newest part last", () => {
    // 2025 is too big for one part, so its months start a part of their own, and so do February's days.
    const urls = archive({ "2019-05-01": 3, "2022-01-10": 1, "2022-02-11": 1, "2025-01-01": 1, "2025-02-01": 2, "2025-02-02": 2 });
    expect(planIndexParts(urls, 3)).toEqual([
      { dir: "pagefind/from-2019", folders: ["2019"], articles: 3 },
      { dir: "pagefind/from-2022", folders: ["2022"], articles: 2 },
      { dir: "pagefind/from-2025-01", folders: ["2025/01"], articles: 1 },
      { dir: "pagefind/from-2025-02-01", folders: ["2025/02/01"], articles: 2 },
      { dir: "pagefind", folders: ["2025/02/02"], articles: 2 },
    ]);
  });

  it("keeps a day with more articles than a part holds whole", () => {
    const urls = archive({ "2025-11-14": 1, "2025-11-15": 7 });
    expect(planIndexParts(urls, 3)).toEqual([
      { dir: "pagefind/from-2025-11-14", folders: ["2025/11/14"], articles: 1 },
      { dir: "pagefind", folders: ["2025/11/15"], articles: 7 },
    ]);
  });

  it("indexes every page in one part when an article is not in a folder a glob can name, and makes one part for a site with no articles", () => {
    expect(planIndexParts([...archive({ "2025-11-15": 4 }), "/o-nas/"], 2)).toEqual([{ dir: "pagefind", folders: undefined, articles: 5 }]);
    expect(planIndexParts([], 2)).toEqual([{ dir: "pagefind", folders: undefined, articles: 0 }]);
    expect(planIndexParts([...archive({ "2025-11-15": 4 }), "/specproekty/{2025}/itogi/"], 2)).toEqual([
      { dir: "pagefind", folders: undefined, articles: 5 },
    ]);
  });

  it("keeps the newest part small, so that breaking news re-indexes only the newest folders, and the older parts large", () => {
    // 2025 holds more than the newest part may: it goes by months, and October by days.
    const urls = archive({ "2019-05-01": 3, "2024-03-01": 2, "2025-09-10": 2, "2025-10-01": 2, "2025-10-02": 1, "2025-10-03": 1 });
    expect(planIndexParts(urls, 100, 2)).toEqual([
      { dir: "pagefind/from-2019", folders: ["2019", "2024"], articles: 5 },
      { dir: "pagefind/from-2025-09", folders: ["2025/09"], articles: 2 },
      { dir: "pagefind/from-2025-10-01", folders: ["2025/10/01"], articles: 2 },
      { dir: "pagefind", folders: ["2025/10/02", "2025/10/03"], articles: 2 },
    ]);
    // A site no bigger than the newest part is one part.
    expect(planIndexParts(urls.slice(0, 2), 100, 2)).toEqual([{ dir: "pagefind", folders: ["2019"], articles: 2 }]);
  });

  const dates = fc.array(
    fc.record({ year: fc.integer({ min: 2015, max: 2026 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }),
    { minLength: 1, maxLength: 200 },
  );
  const dated = (list: { year: number; month: number; day: number }[]) =>
    list.map(({ year, month, day }, n) => urlOn(`${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, `news-${n}`));

  it("puts every article in exactly one part, and no part over the size unless it is a single day", () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 60 }), (list, size) => {
        const urls = dated(list);
        const parts = planIndexParts(urls, size);
        for (const url of urls) expect(partOf(parts, url)).toHaveLength(1);
        expect(parts.reduce((sum, part) => sum + part.articles, 0)).toBe(urls.length);
        for (const part of parts) {
          const count = urls.filter((url) => partOf([part], url).length > 0).length;
          expect(count).toBe(part.articles);
          if (part.articles > size) expect(part.folders).toEqual([expect.stringMatching(/^\d{4}\/\d\d\/\d\d$/)]);
        }
        expect(parts.at(-1)?.dir).toBe("pagefind");
        expect(new Set(parts.map((part) => part.dir)).size).toBe(parts.length);
      }),
    );
  });

  it("holds at most the newest part's size in the newest part unless one folder alone has more, and every article in one part", () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 20 }), (list, size, newest) => {
        const urls = dated(list);
        const parts = planIndexParts(urls, size, newest);
        for (const url of urls) expect(partOf(parts, url)).toHaveLength(1);
        const last = parts.at(-1);
        expect(last?.dir).toBe("pagefind");
        if (last && last.articles > Math.min(size, newest)) expect(last.folders).toHaveLength(1);
        for (const part of parts) if (part.articles > size) expect(part.folders).toEqual([expect.stringMatching(/^\d{4}\/\d\d\/\d\d$/)]);
      }),
    );
  });

  it("changes only the newest part and the one before it when an article is published on the newest day", () => {
    fc.assert(
      fc.property(
        dates,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 10 }),
        (list, added, size, newest) => {
          const urls = dated(list.sort((a, b) => a.year - b.year || a.month - b.month || a.day - b.day));
          const last = urls.at(-1) ?? "";
          const newer = Array.from({ length: added }, (_, n) => `${last.replace(/[^/]+\/$/, "")}later-${n}/`);
          const before = planIndexParts(urls, size, newest);
          expect(planIndexParts([...urls, ...newer], size, newest)).toEqual(expect.arrayContaining(before.slice(0, -2)));
        },
      ),
    );
  });

  it("leaves the older parts as they were when newer articles are published", () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 40 }), (list, added, size) => {
        const urls = dated(list.sort((a, b) => a.year - b.year || a.month - b.month || a.day - b.day));
        const last = urls.at(-1) ?? "";
        const newer = Array.from({ length: added }, (_, n) => `${last.replace(/[^/]+\/$/, "")}later-${n}/`);
        const before = planIndexParts(urls, size);
        const after = planIndexParts([...urls, ...newer, urlOn("2027-01-01", "next-year")], size);
        expect(after).toEqual(expect.arrayContaining(before.slice(0, -1)));
      }),
    );
  });

  it("reads the parts newest first only when every part is a dated folder, whose articles are all newer than the parts before", () => {
    const urls = archive({ "2019-05-01": 3, "2022-01-10": 2, "2025-02-01": 2, "2025-02-02": 2 });
    const parts = planIndexParts(urls, 3);
    expect(newestPartsFirst(parts)).toEqual(parts.map((part) => part.dir).reverse());
    expect(newestPartsFirst(parts)?.[0]).toBe("pagefind");
    // A custom permalink in a folder of its own may hold an old article in any part: then no order is assumed.
    const custom = planIndexParts([...urls, "/special/old-story/"], 3);
    expect(custom.some((part) => part.folders?.includes("special"))).toBe(true);
    expect(newestPartsFirst(custom)).toBeUndefined();
    // Every page in one part: no folders to go by.
    expect(newestPartsFirst(planIndexParts(["/story/"], 3))).toBeUndefined();
    // No parts given: the whole index is read, not nothing.
    expect(newestPartsFirst([])).toBeUndefined();
  });

  it("keeps each part's words for the next build, and forgets the parts the site no longer has, in any older format", () => {
    const folder = mkdtempSync(path.join(testTempDir(), "vestnik-lexicon-cache-"));
    const words = {
      spellings: new Map([["астана", new Set(["Астана", "Астаны"])]]),
      capitalised: new Set(["астана"]),
      fewPages: new Map<string, string[] | null>([["астана", ["ru_1a2b"]]]),
    };
    writeFileSync(path.join(folder, "words-ru-pagefind.json"), "{}");
    keepPartWords(folder, "ru", "pagefind", "key-1", words);
    // Keeping a part's words replaces its old JSON file.
    expect(readdirSync(folder)).not.toContain("words-ru-pagefind.json");
    keepPartWords(folder, "ru", "pagefind/from-2019", "key-2", words);
    keepPartWords(folder, "kk", "pagefind/from-2019", "key-3", words);
    // A part's words as an older Vestnik kept them, in JSON.
    writeFileSync(path.join(folder, "words-ru-pagefind~from-2012.json"), "{}");
    expect(keptPartWords(folder, "ru", "pagefind/from-2019", "key-2")).toEqual(words);
    // Words kept for another index of the part are not used.
    expect(keptPartWords(folder, "ru", "pagefind/from-2019", "key-1")).toBeUndefined();
    forgetOtherParts(folder, "ru", ["pagefind"]);
    expect(readdirSync(folder).sort()).toEqual(["words-kk-pagefind~from-2019.v8", "words-ru-pagefind.v8"]);
    expect(keptPartWords(folder, "ru", "pagefind", "key-1")).toEqual(words);
  });

  it("keeps the readings of the site's words, and leaves their file as it is while the site has the same words with readings", () => {
    const folder = mkdtempSync(path.join(testTempDir(), "vestnik-readings-"));
    const reading = (lemma: string) => [{ lemma, noun: true, forms: [lemma, `${lemma}ы`] }];
    const file = path.join(folder, "readings-ru.v8");
    keepReadings(folder, "ru", new Map([["астана", reading("астана")]]), ["астана", "1"]);
    const first = statSync(file).ino;
    const kept = keptReadings(folder, "ru");
    expect(kept).toEqual(new Map([["астана", reading("астана")]]));
    // The same words: not written again (a written file is a new one, renamed into place).
    keepReadings(folder, "ru", kept, ["астана", "2"], kept.size);
    expect(statSync(file).ino).toBe(first);
    // A new word read: written with it.
    kept.set("алматы", reading("алматы"));
    keepReadings(folder, "ru", kept, ["астана", "алматы"], 1);
    expect(keptReadings(folder, "ru")).toEqual(
      new Map([
        ["астана", reading("астана")],
        ["алматы", reading("алматы")],
      ]),
    );
    // A word the site no longer has: written without it.
    const now = keptReadings(folder, "ru");
    keepReadings(folder, "ru", now, ["алматы"], now.size);
    expect(keptReadings(folder, "ru")).toEqual(new Map([["алматы", reading("алматы")]]));
  });
});

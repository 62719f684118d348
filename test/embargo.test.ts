import fs from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTime } from "../src/dates.ts";
import { article, assertBuilt, type Build, buildSite, builtFile, exists, page } from "./support/site.ts";

/** Seconds since the epoch of a moment on the newsroom's clock, for SOURCE_DATE_EPOCH. */
function epochAt(almatyTime: string): string {
  return String(DateTime.fromISO(almatyTime, { zone: "Asia/Almaty" }).toSeconds());
}

const embargoedUrl = "/2026/12/06/byudzhet-na-2027-god-prinyat/";
const publishedUrl = "/2026/12/05/port-aktau-prinyal-perviy-parom/";
const articles = {
  "2026/12/byudzhet.md": article(
    { title: "Бюджет на 2027 год принят", date: "2026-12-06T15:00", tags: ["Логистика"] },
    "Парламент принял бюджет.",
  ),
  "2026/12/parom.md": article({ title: "Порт Актау принял первый паром", date: "2026-12-05T10:00", tags: ["Логистика"] }, "Паром пришёл."),
};

/** Every place a reader or a robot could meet an article: lists, feeds, sitemaps. */
const listings = [
  "index.html",
  "tags/logistika/index.html",
  "feed.xml",
  "feed.atom",
  "feed.json",
  "tags/logistika/feed.xml",
  "sitemap.xml",
  "news-sitemap.xml",
  "feeds/yandex.xml",
];

/** The URLs of every article in the built search index (Pagefind's fragments are gzipped JSON). */
async function indexedUrls(build: Build): Promise<string[]> {
  const folder = path.join(build.output, "pagefind/fragment");
  const urls: string[] = [];
  for (const name of await fs.readdir(folder)) {
    // A fragment is Pagefind's signature, then the page's JSON.
    const text = gunzipSync(await fs.readFile(path.join(folder, name))).toString("utf8");
    urls.push((JSON.parse(text.slice(text.indexOf("{"))) as { url: string }).url);
  }
  return urls;
}

// Every test here builds whole sites in child processes; on a busy machine one build can take minutes.
describe("an article dated in the future is under embargo", () => {
  let before: Build;
  let after: Build;
  /** What the build before the article's time wrote, read before the second build replaced it. */
  const seenBefore: Record<string, string> = {};
  let indexedBefore: string[] = [];

  beforeAll(async () => {
    // One hour before the article's time, then one minute after it: the same project built twice.
    before = assertBuilt(await buildSite({ atomic: true, articles, env: { SOURCE_DATE_EPOCH: epochAt("2026-12-06T14:00") } }));
    for (const file of listings) seenBefore[file] = await builtFile(before, file);
    indexedBefore = await indexedUrls(before);
    expect(exists(before, `${embargoedUrl.slice(1)}index.html`)).toBe(false);
    after = assertBuilt(await buildSite({ atomic: true, again: before, env: { SOURCE_DATE_EPOCH: epochAt("2026-12-06T15:01") } }));
  }, 600_000);

  it("a build before its time writes no page for it and names its URL nowhere: lists, feeds, sitemaps, search", () => {
    for (const file of listings) {
      expect(seenBefore[file], file).toContain(publishedUrl);
      expect(seenBefore[file], file).not.toContain(embargoedUrl);
    }
    expect(indexedBefore).toEqual([publishedUrl]);
  });

  it("the production build says how many articles wait and when the next goes out, in the newsroom's zone", () => {
    expect(before.stdout).toContain(
      "[vestnik] 1 article under embargo; the next goes out at 2026-12-06 15:00 (Asia/Almaty): articles/2026/12/byudzhet.md",
    );
  });

  it("a build after its time publishes it everywhere: page, lists, feeds, sitemaps and search", async () => {
    expect(exists(after, `${embargoedUrl.slice(1)}index.html`)).toBe(true);
    for (const file of listings) expect(await builtFile(after, file), file).toContain(embargoedUrl);
    expect((await indexedUrls(after)).sort()).toEqual([embargoedUrl, publishedUrl].sort());
    expect(after.stdout).not.toContain("under embargo");
  });
});

describe("npm start shows an article under embargo, as it shows drafts", () => {
  it("serves its page marked with the time it goes out, and names it in the terminal", async () => {
    const served = assertBuilt(
      await buildSite({ watch: true, articles, env: { SOURCE_DATE_EPOCH: epochAt("2026-12-06T14:00") }, args: ["--incremental"] }),
    );
    const document = await page(served, embargoedUrl);
    expect(document.querySelector(".embargo")?.textContent?.replace(/\s+/g, " ")).toContain("6 декабря 2026, 15:00");
    expect(served.stderr).toContain(
      "articles/2026/12/byudzhet.md: date: under embargo until 2026-12-06 15:00 (Asia/Almaty); shown while serving",
    );
    // A published article carries no such mark.
    expect((await page(served, publishedUrl)).querySelector(".embargo")).toBeNull();
  }, 300_000);
});

describe("the build's clock", () => {
  it("is SOURCE_DATE_EPOCH when it is set, else now", () => {
    expect(buildTime({ SOURCE_DATE_EPOCH: "1765015200" }).toISOString()).toBe("2025-12-06T10:00:00.000Z");
    const now = Date.now();
    expect(Math.abs(buildTime({}).getTime() - now)).toBeLessThan(60_000);
  });

  it("refuses a SOURCE_DATE_EPOCH that is not whole seconds, saying how to set it", () => {
    for (const bad of ["yesterday", "1765015200.5", "-5"]) {
      expect(() => buildTime({ SOURCE_DATE_EPOCH: bad })).toThrow(/SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, e\.g\./);
    }
  });

  it("a build with a malformed SOURCE_DATE_EPOCH stops with that message", async () => {
    const build = await buildSite({ articles: { "a.md": article() }, env: { SOURCE_DATE_EPOCH: "2026-12-06" } });
    expect(build.code).not.toBe(0);
    expect(build.stdout + build.stderr).toContain(
      'SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, e.g. SOURCE_DATE_EPOCH=$(date +%s); got "2026-12-06"',
    );
  }, 300_000);
});

describe("a date far ahead", () => {
  it('stops the build with futureDates: "error", naming the file, the field and the fix', async () => {
    const build = await buildSite({
      articles: { "future.md": article({ date: "2062-11-15" }) },
      siteOptions: { futureDates: "error" },
      env: { SOURCE_DATE_EPOCH: epochAt("2026-12-06T14:00") },
    });
    expect(build.code).not.toBe(0);
    expect(build.stdout + build.stderr).toContain(
      'articles/future.md: date: 2062-11-15 is more than 30 days ahead, so the article stays under embargo until then; check the year, or set futureDates: "warn" to allow it',
    );
  }, 300_000);

  it("within 30 days is an embargo like any other, without a warning", async () => {
    const build = assertBuilt(
      await buildSite({
        articles: { "soon.md": article({ date: "2026-12-20T09:00" }) },
        env: { SOURCE_DATE_EPOCH: epochAt("2026-12-06T14:00") },
      }),
    );
    expect(build.stderr).not.toContain("days ahead");
    expect(build.stdout).toContain(
      "[vestnik] 1 article under embargo; the next goes out at 2026-12-20 09:00 (Asia/Almaty): articles/soon.md",
    );
  }, 300_000);
});

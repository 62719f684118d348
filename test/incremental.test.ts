import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { glob } from "tinyglobby";
import { describe, expect, it } from "vitest";
import type { Article } from "../src/articles/front-matter.ts";
import { formatBytes, summariseOutput } from "../src/build/output-size.ts";
import { formatCount } from "../src/build/progress.ts";
import type { CatalogueEntry } from "../src/catalogue.ts";
import { keepLastBuild, prepareLastBuild, readLastBuild, siteFacts } from "../src/last-build.ts";
import { resolveOptions } from "../src/options.ts";
import { articleIgnores } from "../src/since-last.ts";
import { expectSameSite, files, newsroom } from "./support/same-site.ts";
import { article, assertBuilt, type Build, buildSite } from "./support/site.ts";

// One clock for every build: the news sitemap and the Yandex feed show the last days before it.
const env = { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 11, 20) / 1000) };
// Parts of 20 articles and a newest part of at most 3 (the fixture's December 2024): the index is in
// several parts, and a new article in December changes only the newest. Sitemap files of 9: 2024's
// nine published articles are one file until the new one cuts the year by month.
const siteOptions = { searchPartSize: 20, searchNewestPartSize: 3, sitemapSize: 9 };

/** The production build again in the project of `first`, into `output`, with these flags. */
function buildAgain(first: Build, output: string, args: string[]): Promise<Build> {
  return buildSite({ atomic: true, again: first, env, args: [...args, `--output=${output}`] });
}

function said(build: Build): string {
  return `${build.stdout}\n${build.stderr}`;
}

/** The summary's count of the site's files (build/progress.ts), which a build since the last one counts while it writes. */
function summaryLine(build: Build): string {
  return /\[vestnik\] [\d,]+ files, [^\n]*/.exec(said(build))?.[0] ?? "no summary";
}

/** That line as a count of the published folder makes it. */
function countedLine(output: string): string {
  const counted = summariseOutput(output);
  const { articlePages, tagPages, listPages } = counted.byKind;
  return `[vestnik] ${formatCount(counted.files)} files, ${formatBytes(counted.bytes)}: ${formatCount(counted.pages)} pages (${formatCount(articlePages.files)} articles, ${formatCount(tagPages.files)} tag pages, ${formatCount(listPages.files)} list pages), ${formatCount(counted.feeds)} feeds, ${counted.searchParts} search parts`;
}

/** A catalogue entry of the article `n`, one a day from 2024-01-01, with these tags. */
function entry(n: number, tags: string[]): CatalogueEntry {
  const date = new Date(Date.UTC(2024, 0, 1 + n, 9));
  const day = date.toISOString().slice(0, 10).replaceAll("-", "/");
  const file = `articles/${day.slice(0, 7)}/n${n}.md`;
  const article = {
    title: `Новость ${n}`,
    headline: `Новость ${n}`,
    date,
    dateOnly: false,
    tags,
    photos: [],
    draft: false,
    file,
  } as Article;
  return { url: `/${day}/n${n}/`, inputPath: `./${file}`, article };
}

/** The files of the search index's older parts (`pagefind/from-…/`), with their inode numbers. */
async function partFiles(site: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const part of await fs.readdir(path.join(site, "pagefind"))) {
    if (!part.startsWith("from-")) continue;
    for (const name of await fs.readdir(path.join(site, "pagefind", part), { recursive: true })) {
      const stats = await fs.stat(path.join(site, "pagefind", part, name));
      if (stats.isFile()) found.set(`${part}/${name}`, stats.ino);
    }
  }
  return found;
}

/** The symbolic links in a folder, relative to it. */
async function symbolicLinks(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isSymbolicLink()) found.push(path.relative(folder, path.join(entry.parentPath, entry.name)));
  }
  return found;
}

describe("a build since the last one (--since-last)", () => {
  it("renders again only the pages that show a new article: its neighbour, related articles, the lists and feeds of its tags", () => {
    const options = resolveOptions({
      title: "Вестник",
      baseUrl: "https://vestnik.example.org/",
      articlesPerPage: 5,
      olderArticlesPerPage: 5,
      tagArticlesPerPage: 5,
      searchPartSize: 20,
    });
    const archive = Array.from({ length: 60 }, (_, n) => entry(n, [n % 2 ? "Нефть" : "Спорт", `Тема ${n % 10}`]));
    const now = new Date(Date.UTC(2025, 0, 1));
    const before = siteFacts(archive, options, () => "same", now).facts;
    const breaking = entry(60, ["Нефть", "Тема 3"]);
    const after = siteFacts([...archive, breaking], options, (inputPath) => (inputPath === breaking.inputPath ? "new" : "same"), now).facts;

    const changedPages = Object.keys(after.pages).filter((url) => before.pages[url] !== after.pages[url]);
    // The new page, the article before it (its «Следующая»), and the newest of «Нефть» and «Тема 3» whose «Читайте также» now lists it.
    expect(changedPages).toContain(breaking.url);
    expect(changedPages).toContain(archive[59]?.url);
    expect(changedPages.length).toBeLessThan(10);
    const changedLists = Object.keys(after.lists).filter((key) => before.lists[key]?.fingerprint !== after.lists[key]?.fingerprint);
    // Of the front list's 12 pages, the first and the newest older page, which gains the article the
    // first page no longer shows; the others keep theirs, numbered from the oldest. The «Спорт» and
    // «Тема 0» lists and feeds do not show it.
    const frontPages = Object.keys(after.lists).filter((key) => key === "list /" || key.startsWith("list /page/"));
    expect(frontPages).toHaveLength(12);
    expect(frontPages.filter((key) => changedLists.includes(key)).sort()).toEqual(["list /", "list /page/11/"]);
    expect(changedLists).toContain("feed /feed.xml");
    expect(changedLists.some((key) => key.includes("/tags/sport/"))).toBe(false);
    expect(changedLists.some((key) => key.includes("/tags/tema-0/"))).toBe(false);
    expect(changedLists.some((key) => key.includes("/tags/neft/"))).toBe(true);
    // The search parts of older articles stay as they were.
    const changedParts = Object.keys(after.parts).filter((dir) => before.parts[dir] !== after.parts[dir]);
    expect(changedParts).toEqual(["pagefind"]);
  });

  it("renders again only the sitemap files whose addresses or dates a new article changed: its month's and the list pages'", () => {
    const options = resolveOptions({ title: "Вестник", baseUrl: "https://vestnik.example.org/", sitemapSize: 20, tagPageFrom: 1 });
    // 2024's 70 articles (2 January to 11 March) are more than a file holds: the year is cut by month, January and February into two files.
    const archive = Array.from({ length: 70 }, (_, n) => entry(n, [`Тема ${n % 3}`]));
    const now = new Date(Date.UTC(2025, 0, 1));
    const sitemapKeys = (facts: ReturnType<typeof siteFacts>["facts"]) =>
      Object.keys(facts.lists).filter((key) => key.startsWith("sitemap "));
    const before = siteFacts(archive, options, () => "same", now).facts;
    expect(sitemapKeys(before).sort()).toEqual(
      [
        "sitemap /sitemaps/pages.xml",
        "sitemap /sitemaps/2024-01.xml",
        "sitemap /sitemaps/2024-01-2.xml",
        "sitemap /sitemaps/2024-02.xml",
        "sitemap /sitemaps/2024-02-2.xml",
        "sitemap /sitemaps/2024-03.xml",
      ].sort(),
    );
    const breaking = entry(70, ["Тема 1"]);
    const after = siteFacts([...archive, breaking], options, (inputPath) => (inputPath === breaking.inputPath ? "new" : "same"), now).facts;
    const changed = sitemapKeys(after).filter((key) => before.lists[key]?.fingerprint !== after.lists[key]?.fingerprint);
    // March's file gains the article (12 March); the pages' file gives the front page and «Тема 1» a new date.
    expect(changed.sort()).toEqual(["sitemap /sitemaps/2024-03.xml", "sitemap /sitemaps/pages.xml"]);
    expect(after.lists["sitemap /sitemaps/2024-03.xml"]?.files).toEqual(["sitemaps/2024-03.xml"]);
  });

  it("works out from the last build's facts, near the changes only, the same facts as from scratch", () => {
    const options = resolveOptions({ title: "Вестник", baseUrl: "https://vestnik.example.org/", relatedCount: 3, tagPageFrom: 3 });
    const now = new Date(Date.UTC(2026, 0, 1));
    // Tags as news has them: one on nearly every article (so «Читайте также» looks at a window of it), a few common, many rare.
    const tagsOf = (picks: number[]) => [
      ...new Set([...((picks[0] ?? 0) % 8 === 0 ? [] : ["Казахстан"]), ...picks.map((pick) => `Тема ${pick % (pick < 100 ? 6 : 60)}`)]),
    ];
    const change = fc.record({
      size: fc.integer({ min: 20, max: 400 }),
      tags: fc.array(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 4 }), { minLength: 500, maxLength: 500 }),
      added: fc.array(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 4 }), { maxLength: 3 }),
      edits: fc.array(
        fc.record({ at: fc.nat(), tags: fc.option(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 4 })) }),
        {
          maxLength: 3,
        },
      ),
      removed: fc.option(fc.nat()),
    });
    fc.assert(
      fc.property(change, ({ size, tags, added, edits, removed }) => {
        const archive = Array.from({ length: size }, (_, n) => entry(n, tagsOf(tags[n] ?? [0])));
        const digests = new Map(archive.map((item) => [item.inputPath, "same"]));
        const first = siteFacts(archive, options, (inputPath) => digests.get(inputPath) ?? "", now);
        let next = [...archive, ...added.map((picks, n) => entry(size + n, tagsOf(picks)))];
        for (const { at, tags: picks } of edits) {
          const edited = next[at % next.length] as CatalogueEntry;
          digests.set(edited.inputPath, `edited ${at}`);
          if (picks) next = next.map((item) => (item === edited ? { ...item, article: { ...item.article, tags: tagsOf(picks) } } : item));
        }
        if (removed !== null) next = next.filter((_, n) => n !== removed % next.length);
        const digest = (inputPath: string) => digests.get(inputPath) ?? "new";
        const fromScratch = siteFacts(next, options, digest, now).facts;
        const fromEarlier = siteFacts(next, options, digest, now, { facts: first.facts, entries: archive }).facts;
        expect(fromEarlier).toEqual(fromScratch);
      }),
      { numRuns: 150 },
    );
  });

  it("works out again the page of an article as far from a new one as «Читайте также» looks, in each tag they share", () => {
    const options = resolveOptions({ title: "Вестник", baseUrl: "https://vestnik.example.org/", relatedCount: 3 });
    const now = new Date(Date.UTC(2026, 0, 1));
    // The first article and the new one share «Нефть» and «Газ»; between them 149 articles of each
    // alone: the new one is the 150th of each tag from the first, the farthest `related` looks at.
    const between = Array.from({ length: 298 }, (_, n) => entry(n + 1, [n % 2 ? "Газ" : "Нефть"]));
    const archive = [entry(0, ["Нефть", "Газ"]), ...between];
    const first = siteFacts(archive, options, () => "same", now);
    const breaking = entry(299, ["Нефть", "Газ"]);
    const next = [...archive, breaking];
    const digest = (inputPath: string) => (inputPath === breaking.inputPath ? "new" : "same");
    const fromScratch = siteFacts(next, options, digest, now).facts;
    // It is the first article's best match now: its page changes.
    expect(fromScratch.pages[archive[0]?.url ?? ""]).not.toBe(first.facts.pages[archive[0]?.url ?? ""]);
    expect(siteFacts(next, options, digest, now, { facts: first.facts, entries: archive }).facts).toEqual(fromScratch);
  });

  /** The article pages whose facts change when a new article joins an archive of `size` articles, all with one tag. */
  const pagesChangedByBreaking = (size: number) => {
    const options = resolveOptions({ title: "Вестник", baseUrl: "https://vestnik.example.org/", relatedCount: 3 });
    const archive = Array.from({ length: size }, (_, n) => entry(n, ["Нефть"]));
    const now = new Date(Date.UTC(2025, 0, 1));
    const before = siteFacts(archive, options, () => "same", now).facts;
    const breaking = entry(size, ["Нефть"]);
    const after = siteFacts([...archive, breaking], options, (inputPath) => (inputPath === breaking.inputPath ? "new" : "same"), now).facts;
    const changed = Object.keys(after.pages).filter((url) => before.pages[url] !== after.pages[url]);
    return { changed: changed.sort(), newAndTwoBefore: [breaking, ...archive.slice(-2)].map((item) => item.url).sort() };
  };

  it("adds a new article to the «Читайте также» of the articles published nearest to it, not of every article with its tag", () => {
    const { changed, newAndTwoBefore } = pagesChangedByBreaking(100);
    // The new page and the two before it (it is among their three nearest); newest first among equals changed all 101.
    expect(changed).toEqual(newAndTwoBefore);
  });

  it("keeps a new article out of the «Читайте также» of a big tag's older articles, far beyond the few hundred it looks at", () => {
    const { changed, newAndTwoBefore } = pagesChangedByBreaking(1000);
    // Looking only at a tag's newest 300 changed the list of every article older than them: 701 pages.
    expect(changed).toEqual(newAndTwoBefore);
  });

  it("keeps a build's record only once its site is published, and never pairs a record with another build's site", async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), "vestnik-record-"));
    try {
      const file = path.join(folder, "site.v8");
      const record = (recipe: string) => ({ recipe, articles: {}, facts: { pages: {}, lists: {}, parts: {} }, bodies: {} });
      const first = prepareLastBuild(file, record("first"));
      // Written aside while the build runs: no record until its site is published.
      expect(readLastBuild(file)).toBeUndefined();
      keepLastBuild(file, first, { "index.html": "one" });
      expect(readLastBuild(file)).toMatchObject({ recipe: "first", published: { "index.html": "one" } });
      // A build that fails after writing its record aside leaves the last one as it was.
      prepareLastBuild(file, record("failed"));
      expect(readLastBuild(file)).toMatchObject({ recipe: "first", published: { "index.html": "one" } });
      // A build stopped between putting its record in place and keeping its site's digests leaves none.
      const third = prepareLastBuild(file, record("third"));
      await fs.rename(path.join(folder, "site-next.v8"), file);
      expect(readLastBuild(file)).toBeUndefined();
      await fs.copyFile(file, path.join(folder, "site-next.v8"));
      keepLastBuild(file, third, { "index.html": "three" });
      expect(readLastBuild(file)).toMatchObject({ recipe: "third", published: { "index.html": "three" } });
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it("leaves out of Eleventy's file search every article but the ones to render, also one whose name starts like theirs", async () => {
    const project = await fs.mkdtemp(path.join(os.tmpdir(), "vestnik-ignores-"));
    try {
      const entries = [entry(0, []), entry(1, []), entry(40, []), entry(41, []), entry(400, [])];
      // Two articles that start like the one to render, and a folder with a photo beside its articles.
      const namesake = { ...entry(0, []), inputPath: entries[0]?.inputPath.replace(".md", "-2.md") ?? "" };
      const withPhoto = { ...entry(41, []), inputPath: entries[3]?.inputPath.replace(".md", "-b.md") ?? "" };
      const all = [...entries, namesake, withPhoto];
      for (const { inputPath } of all) {
        await fs.mkdir(path.join(project, path.dirname(inputPath)), { recursive: true });
        await fs.writeFile(path.join(project, inputPath), "---\ntitle: x\n---\n");
      }
      await fs.writeFile(path.join(project, path.dirname(entries[3]?.inputPath ?? ""), "photo.jpg"), "");
      const rendered = new Set([entries[0], entries[3]].map((one) => one?.inputPath ?? ""));
      const build = { entries: all, articlesPath: (folder: string) => path.posix.join("articles", folder) };
      const ignore = articleIgnores(build, rendered, project);
      // As Eleventy searches (src/FileSystemSearch.js): tinyglobby, every dot file, any case.
      const found = await glob(["**/*.md"], { cwd: project, ignore, dot: true, caseSensitiveMatch: false });
      expect(found.map((file) => `./${file}`).sort()).toEqual([...rendered].sort());
    } finally {
      await fs.rm(project, { recursive: true, force: true });
    }
  });

  it("writes, after a new, an edited and a removed article, the site a full build writes, byte for byte", {
    timeout: 1_800_000,
  }, async () => {
    const first = assertBuilt(
      await buildSite({ atomic: true, articles: newsroom(), env, siteOptions, args: ["--since-last", "--workers", "1"] }),
    );
    expect(said(first)).toContain("Building the whole site: no earlier build");
    const temp = path.dirname(first.output);
    const articles = path.join(first.project, "articles");

    // Breaking news: the newest article, with tags the older ones carry (their «Читайте также» changes).
    await fs.writeFile(
      path.join(articles, "2024/12/srochno.md"),
      article(
        { title: "Срочная новость", date: "2024-12-19T14:35:00+05:00", tags: ["Нефть", "Астана", "Тема 1", "Новый тег"] },
        "Текст срочной новости.",
      ),
    );
    const olderParts = await partFiles(first.output);
    expect(olderParts.size).toBeGreaterThan(0);
    const breaking = assertBuilt(await buildAgain(first, first.output, ["--since-last", "--workers", "1"]));
    expect(said(breaking)).toMatch(/Since the last build: \d+ article pages, \d+ lists and feeds, 1 search parts to write/);
    // Its summary counts what it wrote beside what it kept, as a count of the published folder does.
    expect(summaryLine(breaking)).toBe(countedLine(breaking.output));
    // The older parts' files are the very files the last build wrote (linked, not indexed again).
    expect(await partFiles(breaking.output)).toEqual(olderParts);
    const full = assertBuilt(await buildAgain(first, path.join(temp, "full-1"), ["--workers", "1"]));
    expectSameSite(full.output, breaking.output);
    // The older years and parts it borrowed from the published site while it built are its own now.
    expect(await symbolicLinks(breaking.output)).toEqual([]);
    // Not the whole site again: a handful of article pages, the rest kept from the last build.
    const [, pages] = /Since the last build: (\d+) article pages/.exec(said(breaking)) ?? [];
    expect(Number(pages)).toBeGreaterThan(0);
    expect(Number(pages)).toBeLessThan(20);

    // An edit that changes a title others show, and an article taken down.
    const edited = path.join(articles, "2022/06/novost-5.md");
    await fs.writeFile(edited, (await fs.readFile(edited, "utf8")).replace("Новость номер 5", "Новость номер пять, исправлено"));
    await fs.rm(path.join(articles, "2023/03/novost-2.md"));
    const corrected = assertBuilt(await buildAgain(first, first.output, ["--since-last", "--workers", "1"]));
    expect(said(corrected)).toMatch(/Since the last build: \d+ article pages/);
    expect(summaryLine(corrected)).toBe(countedLine(corrected.output));
    const fullAgain = assertBuilt(await buildAgain(first, path.join(temp, "full-2"), ["--workers", "1"]));
    expectSameSite(fullAgain.output, corrected.output);
    expect([...files(corrected.output).keys()].some((name) => name.includes("novost-nomer-2/"))).toBe(false);

    // A build since the last one that fails leaves the published site as it was, byte for byte, though
    // its fresh folder began as hard links to the published files: at an article without a title, and
    // at the search step after the pages were written.
    const published = files(corrected.output);
    const untitled = path.join(articles, "2024/12/bez-zagolovka.md");
    await fs.writeFile(untitled, article({ title: undefined, date: "2024-12-19" }));
    const badArticle = await buildAgain(first, first.output, ["--since-last", "--workers", "1"]);
    expect(badArticle.code, said(badArticle)).not.toBe(0);
    expect(said(badArticle)).toContain("bez-zagolovka.md");
    await fs.rm(untitled);
    await fs.writeFile(
      path.join(articles, "2024/12/esche-odna.md"),
      article({ title: "Ещё одна срочная новость", date: "2024-12-19T15:00:00+05:00", tags: ["Нефть"] }),
    );
    const noIndex = await buildSite({
      atomic: true,
      again: first,
      env: { ...env, PAGEFIND_BINARY_PATH: "/bin/false" },
      args: ["--since-last", "--workers", "1", `--output=${first.output}`],
    });
    expect(noIndex.code).not.toBe(0);
    expect(said(noIndex)).toMatch(/Since the last build: \d+ article pages/);
    const after = files(first.output);
    expect([...after.keys()].sort()).toEqual([...published.keys()].sort());
    expect([...published].filter(([name, bytes]) => !bytes.equals(after.get(name) ?? Buffer.alloc(0))).map(([name]) => name)).toEqual([]);
    expect((await fs.readdir(temp)).filter((name) => name.includes("building"))).toEqual([]);
  });
});

import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ArticleItem, listPageFacts, Newsroom } from "./articles/newsroom.ts";
import { ArticleProblems } from "./articles/problems.ts";
import { cacheFileExtension, readCacheValue, writeCacheValue } from "./cache-file.ts";
import { type CatalogueEntry, catalogueItem } from "./catalogue.ts";
import { NewsroomCalendar } from "./dates.ts";
import { feedSources } from "./feeds/sources.ts";
import type { ResolvedOptions } from "./options.ts";
import { type IndexPart, planIndexParts } from "./search/parts.ts";
import { listKey } from "./shard-role.ts";
import { lastChange, otherSitemapPages, sitemapFiles, sitemapListPage } from "./sitemaps.ts";

/**
 * What a production build keeps in the cache folder for the next `--since-last` build
 * (src/since-last.ts): every published article's file digest and catalogue entry, and a
 * fingerprint of each page that shows articles — what it shows of which articles — so the next
 * build renders only the pages whose fingerprint changed and keeps the others' files.
 */
export interface LastBuild {
  version: typeof recordVersion;
  /** The digest of everything but the articles that makes the site (recipeDigest). */
  recipe: string;
  /** Digests of a few files of the site as this build published it: the site the next build starts from. */
  published: Record<string, string>;
  /** Each published article, by its file relative to the articles folder. */
  articles: Record<string, { digest: string; entry: CatalogueEntry }>;
  /** SiteFacts of the build. */
  facts: SiteFacts;
  /** The rendered body of each article a feed needs whole (neededBodies), by URL. */
  bodies: Record<string, string>;
}

const recordVersion = 4;

/** The fingerprints of a site's pages (see `siteFacts`). */
export interface SiteFacts {
  /** Each article page's fingerprint, by URL. */
  pages: Record<string, string>;
  /** Each list page's and feed's fingerprint and the files it writes, by `listKey`. */
  lists: Record<string, { fingerprint: string; files: string[] }>;
  /** Each search index part's fingerprint (its folders and its articles' own stamps), by `dir`. */
  parts: Record<string, string>;
  /** Each article's own stamp (see `siteFacts`), by URL: what the next build compares to find the pages to work out. */
  stamps?: Record<string, string>;
}

/** The files that show the site's articles, worked out from the catalogue without Eleventy. */
export interface Site {
  facts: SiteFacts;
  parts: IndexPart[];
  /** The URLs of the articles whose body a feed needs (the Yandex feed's whole text, summaries without a lead…). */
  neededBodies: Set<string>;
}

/** A digest of a text or file, as the record keeps them: an article file's (since-last.ts, article-digests.ts), a page's facts. */
export function digestOf(text: string | Buffer): string {
  return createHash("sha1").update(text).digest("base64url");
}

/**
 * The site's pages as the catalogue makes them, with a fingerprint of what each shows. An article's
 * stamp is its address, its file's digest and its tags' addresses (a new tag can renumber another's
 * slug); an article page shows its own, its related articles' and its neighbours' addresses; a list or feed
 * its articles' and its own fields (as EditedLists fingerprints them for npm start). A search part
 * depends on its articles' own stamps only: neighbours and «Читайте также» lie outside
 * `data-pagefind-body` and carry no Pagefind attributes.
 */
export function siteFacts(
  entries: CatalogueEntry[],
  options: ResolvedOptions,
  digests: (inputPath: string) => string,
  now: Date,
  /** The last build's facts and articles, when it was made with the same options: only the article pages near a change are worked out. */
  earlier?: { facts: SiteFacts; entries: CatalogueEntry[] },
): Site {
  const newsroom = new Newsroom(
    entries.map((entry) => catalogueItem(entry)),
    new ArticleProblems(),
    "",
    options.tagPageFrom,
  );
  // Every article's stamp, by URL. As a digest: a list page or feed joins fifty of them, and 33,000 of
  // those joined 250 MB of text at 50,000 articles.
  const stamps: Record<string, string> = {};
  for (const item of newsroom.articles) {
    const tags = item.data.article.tags.map((name) => newsroom.tag(name)?.url ?? "");
    stamps[item.url] = digestOf(`${item.url} ${digests(item.inputPath)} ${tags.join(" ")}`);
  }
  // Lists, feeds, parts and «Читайте также» show only the newsroom's own articles.
  const stamp = (item: ArticleItem): string => stamps[item.url] ?? "-";
  const facts: SiteFacts = { pages: {}, lists: {}, parts: {}, stamps };
  const near = earlier && pagesNearChanges(newsroom, stamps, earlier);
  for (const item of newsroom.articles) {
    const kept = near && !near.has(item) ? earlier?.facts.pages[item.url] : undefined;
    if (kept !== undefined) {
      facts.pages[item.url] = kept;
      continue;
    }
    const { newer, older } = newsroom.neighbours(item.url);
    const related = newsroom.related(item.url, options.relatedCount);
    // The neighbours are shown by address only (article.njk): an edit to one changes no other page.
    facts.pages[item.url] = digestOf([stamp(item), newer?.url ?? "-", older?.url ?? "-", ...related.map(stamp)].join("\n"));
  }
  const { front } = options.pages;
  const lists = [
    ...(front ? newsroom.frontPages(options.articlesPerPage, options.olderArticlesPerPage, front) : []),
    ...newsroom.tagPages(options.tagArticlesPerPage),
  ];
  for (const page of lists) {
    facts.lists[listKey("list", page)] = {
      fingerprint: digestOf([`${page.url} ${listPageFacts(page)}`, ...page.articles.map(stamp)].join("\n")),
      files: [`${page.url.replace(/^\//, "")}index.html`],
    };
  }
  // A sitemap file shows its pages' addresses and dates (publishing.ts): a year's file stays as it was.
  const sitemap = sitemapFiles(
    lists.map((page) => sitemapListPage(page, newsroom.articles)),
    otherSitemapPages(options),
    newsroom.articles,
    newsroom.articles,
    options.sitemapSize,
    new NewsroomCalendar(options.language, options.timeZone),
  );
  for (const file of sitemap.files) {
    facts.lists[listKey("sitemap", file)] = {
      fingerprint: digestOf(
        [
          file.url,
          ...file.listPages.map((page) => `${page.url} ${lastChange(page.changes)}`),
          ...(file.otherPages.length > 0 ? [`${file.otherPages.join(" ")} ${lastChange(newsroom.articles)}`] : []),
          ...file.articles.map((item) => `${item.url} ${lastChange([item])}`),
        ].join("\n"),
      ),
      files: [file.url.replace(/^\//, "")],
    };
  }
  const neededBodies = new Set<string>();
  for (const feed of feedSources(newsroom, options)) {
    const fields = [feed.title, feed.description, feed.updated.getTime(), feed.homeUrl];
    facts.lists[listKey("feed", feed)] = {
      fingerprint: digestOf([fields.join(" "), ...feed.articles.map(stamp)].join("\n")),
      files: [feed.rssUrl, feed.atomUrl, feed.jsonUrl].filter((url) => url !== undefined).map((url) => url.replace(/^\//, "")),
    };
    // A summary is the lead, or the body's first words when there is none (feeds/entries.ts).
    for (const item of feed.articles) if (!feed.summaries || !item.data.article.lead) neededBodies.add(item.url);
  }
  // The Yandex feed carries the whole text of the last days' articles (syndication.ts).
  const since = now.getTime() - options.yandexFeedDays * 86_400_000;
  for (const item of newsroom.articles) {
    if (item.date.getTime() < since) break;
    neededBodies.add(item.url);
  }
  const parts = planIndexParts(
    newsroom.articles.map((item) => item.url),
    options.searchPartSize,
    options.searchNewestPartSize,
  );
  for (const part of parts) {
    const inPart = part.folders
      ? newsroom.articles.filter((item) => part.folders?.some((folder) => item.url.startsWith(`/${folder}/`)))
      : newsroom.articles;
    facts.parts[part.dir] = digestOf([JSON.stringify(part), ...inPart.map(stamp)].join("\n"));
  }
  // Not the newsroom (every article, tag and related list): the build holds these facts to its end, beside its shards.
  return { facts, parts, neededBodies };
}

/**
 * The article pages whose facts a change can touch, when only these changed since the last build:
 * new articles, all newer than the others, and articles whose stamp changed (an edit, or a tag's
 * new address) on the date they had. Each changed article's page, its neighbours', and those of the
 * articles near it in each of its tags, now or before the edit (`Newsroom.near`: whose «Читайте
 * также» can show it). Working out every page's «Читайте также» took 1.6 s at 50,000 articles.
 * Undefined, for every page, when an article was removed or moved in time: the distances `related`
 * orders by change for articles far from it.
 */
function pagesNearChanges(
  newsroom: Newsroom,
  stamps: Record<string, string>,
  earlier: { facts: SiteFacts; entries: CatalogueEntry[] },
): Set<ArticleItem> | undefined {
  const before = earlier.facts.stamps;
  if (before === undefined) return undefined;
  for (const url of Object.keys(before)) if (newsroom.positionOf(url) === undefined) return undefined;
  const old = new Map(earlier.entries.map((entry) => [entry.url, entry.article]));
  const changed = newsroom.articles.filter((item) => before[item.url] !== stamps[item.url]);
  const added = changed.filter((item) => before[item.url] === undefined);
  if (added.some((item) => (newsroom.positionOf(item.url) ?? added.length) >= added.length)) return undefined;
  const near = new Set<ArticleItem>();
  for (const item of changed) {
    const was = old.get(item.url);
    if (was && was.date.getTime() !== item.data.article.date.getTime()) return undefined;
    near.add(item);
    const { newer, older } = newsroom.neighbours(item.url);
    if (newer) near.add(newer);
    if (older) near.add(older);
    for (const other of newsroom.near(item.url, [...new Set([...item.data.article.tags, ...(was?.tags ?? [])])])) near.add(other);
  }
  return near;
}

/**
 * The record of the last build into `published`, or undefined when there is none, it is of another
 * version, or its published site's digests are not its own (a build stopped between the two files).
 */
export function readLastBuild(file: string): LastBuild | undefined {
  const record = readCacheValue<Omit<LastBuild, "published"> & { id: string }>(file);
  const site = readCacheValue<PublishedSite>(publishedSiteFile(file));
  if (record?.version !== recordVersion || site === undefined || site.id !== record.id) return undefined;
  const { id: _, ...rest } = record;
  return { ...rest, published: site.published };
}

/** The published site's digests, kept beside the record they belong to (its `id`). */
interface PublishedSite {
  id: string;
  published: Record<string, string>;
}

function publishedSiteFile(file: string): string {
  return `${file.slice(0, -cacheFileExtension.length)}-published${cacheFileExtension}`;
}

/** Where the articles' file identities and digests are kept beside the record (article-digests.ts). */
export function articleIdentitiesFile(file: string): string {
  return `${file.slice(0, -cacheFileExtension.length)}-files${cacheFileExtension}`;
}

function nextRecordFile(file: string): string {
  return `${file.slice(0, -cacheFileExtension.length)}-next${cacheFileExtension}`;
}

/**
 * Writes the record of a build aside, while the build still runs (the search step): 1.6 s at
 * 50,000 articles that a build since the last one no longer spends after the site is in place.
 * Returns its id, which `keepLastBuild` gives the published site's digests once they are known.
 */
export function prepareLastBuild(file: string, record: Omit<LastBuild, "version" | "published">): string {
  const id = randomUUID();
  writeCacheValue(nextRecordFile(file), { version: recordVersion, id, ...record });
  return id;
}

/**
 * Keeps the record `prepareLastBuild` wrote, with the digests of the site the build published. The
 * record goes in place first: a build stopped before the digests leaves a record whose id they do
 * not carry, which is no record, never an old site taken for the new one.
 */
export function keepLastBuild(file: string, id: string, published: Record<string, string>): void {
  renameSync(nextRecordFile(file), file);
  writeCacheValue(publishedSiteFile(file), { id, published } satisfies PublishedSite);
}

/** Where the record of the builds into `published` is kept. */
export function lastBuildFile(cwd: string, options: ResolvedOptions, published: string): string {
  return path.resolve(cwd, options.cacheDir, "last-build", `${digestOf(path.resolve(published)).slice(0, 16)}${cacheFileExtension}`);
}

/** Files of the published site whose digests say it is still the one the last build wrote. */
const publishedChecks = ["index.html", "sitemap.xml", "pagefind/parts.json", "sw.js"];

export function publishedDigests(folder: string): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const name of publishedChecks) {
    const file = path.join(folder, name);
    digests[name] = existsSync(file) ? digestOf(readFileSync(file)) : "";
  }
  return digests;
}

const pluginDir = fileURLToPath(new URL(".", import.meta.url));
const require = createRequire(import.meta.url);
/** Environment variables a site's config commonly reads (the demo's `.eleventy.ts` reads the first two). */
const recipeVariables = ["PATH_PREFIX", "SITE_URL", "ELEVENTY_ENV", "NODE_ENV"];
const logFlags = new Set(["--quiet", "--verbose"]);

/**
 * A digest of everything besides the articles' text that a page can depend on: the plugin's
 * options and code, Eleventy's and Pagefind's versions, the Eleventy flags and the variables a
 * config reads, and every file of the input folder but the articles, the output and cache folders,
 * dot-folders and node_modules — the config, layouts, data, other templates. Photos beside the
 * articles count by name and size. When it differs from the last build's, the build is a full one.
 */
export function recipeDigest(cwd: string, input: string, options: ResolvedOptions, eleventyArgs: string[], published: string): string {
  const hash = createHash("sha1");
  hash.update(JSON.stringify(options));
  hash.update(JSON.stringify(eleventyArgs.filter((arg) => !logFlags.has(arg))));
  for (const name of recipeVariables) hash.update(`${name}=${process.env[name] ?? ""}\n`);
  for (const name of ["@11ty/eleventy/package.json", "pagefind/package.json"]) {
    try {
      hash.update(readFileSync(require.resolve(name)));
    } catch {
      hash.update(`${name} missing`);
    }
  }
  const root = path.resolve(cwd, input);
  const articles = path.resolve(root, options.articlesDir);
  const skip = new Set([articles, path.resolve(published), path.resolve(cwd, options.cacheDir)]);
  const walk = (dir: string, photosOnly: boolean): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      const stats = statSync(file, { throwIfNoEntry: false });
      if (!stats) continue;
      if (stats.isDirectory()) {
        if (name === "node_modules" || name.startsWith(".") || (skip.has(file) && file !== articles)) continue;
        walk(file, photosOnly || file === articles);
      } else if (photosOnly) {
        if (!name.endsWith(".md")) hash.update(`${path.relative(root, file)} ${stats.size}\n`);
      } else {
        hash.update(`${path.relative(root, file)}\n`);
        hash.update(readFileSync(file));
      }
    }
  };
  walk(root, false);
  if (!pluginDir.startsWith(`${root}${path.sep}`) || pluginDir.includes(`${path.sep}node_modules${path.sep}`)) walk(pluginDir, false);
  return hash.digest("base64url");
}

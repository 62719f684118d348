import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import v8 from "node:v8";
import { type Article, createFrontMatterReader } from "./articles/front-matter.ts";
import type { ArticleItem } from "./articles/newsroom.ts";
import { ArticleProblems } from "./articles/problems.ts";
import type { ResolvedOptions } from "./options.ts";
import { planIndexParts } from "./search/parts.ts";
import { Typography } from "./typography.ts";

/**
 * The facts of every article that a page of another article or a list shows: its address and its
 * front matter as the plugin reads it (typeset headline, date, tags, lead…). A sharded build
 * (src/shards.ts) gives each Eleventy process the articles of its own folders to render and this
 * catalogue for the others, so neighbours, «Читайте также», tag links, lists and feeds come out as
 * in one process.
 */
export interface CatalogueEntry {
  /** As Eleventy gives it: `/2025/11/15/slug/`, without the path prefix. */
  url: string;
  /** The Markdown file as Eleventy names it: `./articles/2025/11/slug.md`. */
  inputPath: string;
  article: Article;
}

/** Every published article, in file order; or why this site cannot be split into shards. */
export type Catalogue = { entries: CatalogueEntry[] } | { unshardable: string };

// Eleventy's own front matter parser (its fork of gray-matter), so that a file splits exactly as in
// Eleventy; it is Eleventy's dependency, loaded from there.
const matter = createRequire(import.meta.resolve("@11ty/eleventy"))("gray-matter") as (
  input: string,
  options: { engines: Record<string, unknown>; filePath: string },
) => { data: Record<string, unknown> };

/** Files beside articles that change their data in Eleventy's cascade (directory and template data files). */
const dataFile = /\.(json|js|cjs|mjs|ts|cts|mts)$/;

/**
 * Reads every article's front matter with the plugin's own reader, as a production build does
 * (drafts left out unless `drafts` is on). `inputDir` is Eleventy's input folder, relative to `cwd`.
 * A site whose articles Eleventy could see differently (data files among the articles, an article's
 * own permalink or `eleventyExcludeFromCollections`) is not split: the reason says which file.
 */
export function readCatalogue(
  options: ResolvedOptions,
  inputDir: string,
  cwd = process.cwd(),
  /**
   * An entry already known for this file (relative to the articles folder), to use instead of
   * reading its front matter again (a build since the last one, src/since-last.ts). `text` reads
   * the file, for when its digest is not known already.
   */
  known?: (name: string, text: () => string) => CatalogueEntry | undefined,
): Catalogue {
  const root = path.resolve(cwd, inputDir);
  const articlesRoot = path.join(root, options.articlesDir);
  let files: string[];
  try {
    files = readdirSync(articlesRoot, { recursive: true, encoding: "utf8" })
      .map((name) => name.split(path.sep).join("/"))
      .sort();
  } catch {
    return { entries: [] };
  }
  const typography = new Typography(options.language, options.typography, path.resolve(cwd, options.cacheDir));
  // An article with a problem sends the site to the build in one process, which reports every
  // problem with its file, field and fix: a build that renders only some articles (shards, a build
  // since the last one) might never read it, and would publish the site without it, silently.
  const problems = new ArticleProblems();
  const read = createFrontMatterReader({
    options,
    problems,
    includeDrafts: () => options.drafts ?? false,
    inputDir: () => root,
    typography,
    warn: () => {},
  });
  const entries: CatalogueEntry[] = [];
  for (const name of files) {
    const relative = `${options.articlesDir}/${name}`;
    if (dataFile.test(name)) return { unshardable: `${relative} is a data file among the articles` };
    if (!name.endsWith(".md")) continue;
    const inputPath = `./${path.posix.join(path.relative(cwd, root).split(path.sep).join("/"), relative)}`;
    const file = path.join(articlesRoot, name);
    let text: string | undefined;
    const textOf = () => {
      text ??= readFileSync(file, "utf8");
      return text;
    };
    const same = known?.(name, textOf);
    if (same !== undefined) {
      entries.push(same);
      continue;
    }
    const data = matter(textOf(), { engines: { yaml: read }, filePath: file }).data;
    if (problems.count > 0) {
      typography.cache?.save();
      return { unshardable: `${relative} has a problem, which the build in one process names` };
    }
    if (data.permalink === false) continue;
    if (data.dynamicPermalink !== false || typeof data.permalink !== "string") {
      return { unshardable: `${relative} sets its own permalink` };
    }
    if (data.eleventyExcludeFromCollections !== undefined) {
      return { unshardable: `${relative} sets eleventyExcludeFromCollections` };
    }
    entries.push({ url: data.permalink, inputPath, article: data.article as Article });
  }
  typography.cache?.save();
  return { entries };
}

/**
 * Writes the catalogue for the build's Eleventy processes, in V8's serialization: dates stay dates,
 * and each process reads 50,000 entries in about half of JSON's time.
 */
export function saveCatalogue(file: string, entries: CatalogueEntry[]): void {
  writeFileSync(file, v8.serialize(entries));
}

/** The catalogue written by `saveCatalogue`. */
export function loadCatalogue(file: string): CatalogueEntry[] {
  return v8.deserialize(readFileSync(file)) as CatalogueEntry[];
}

/** An article of the catalogue as the collection item Vestnik reads (newsroom.ts); `content` for the feeds that show it. */
export function catalogueItem(entry: CatalogueEntry, content?: string): ArticleItem {
  return { url: entry.url, inputPath: entry.inputPath, date: entry.article.date, data: { article: entry.article }, content };
}

/** A shard: the article folders (relative to the articles folder) one Eleventy process renders. */
export interface ShardPlan {
  folders: string[];
  articles: number;
}

/**
 * Splits the articles into at most `count` shards of whole folders (years, else months, else days,
 * as search index parts are split), consecutive in folder order and about equal in size. Fewer
 * shards when there are fewer folders; undefined when an article lies directly in the articles
 * folder, which no folder can name.
 */
export function planShards(entries: readonly CatalogueEntry[], articlesDir: string, count: number): ShardPlan[] | undefined {
  const prefix = `/${articlesDir}/`;
  // Folders as parts.ts reads them from addresses: `/2019/06/<file>/` for articles/2019/06/<file>.md.
  const addresses = entries.map((entry) => {
    const file = entry.inputPath.slice(entry.inputPath.indexOf(prefix) + prefix.length);
    return `/${file.replace(/\.md$/, "")}/`;
  });
  const groups = planIndexParts(addresses, Math.max(1, Math.ceil(entries.length / (count * 4))));
  if (groups.some((group) => group.folders === undefined)) return undefined;
  const shards: ShardPlan[] = [];
  let done = 0;
  for (const group of groups) {
    const last = shards.at(-1);
    // A new shard once the ones so far hold their share of the articles.
    if (!last || (done >= (entries.length * shards.length) / count && shards.length < count)) {
      shards.push({ folders: [...(group.folders ?? [])], articles: group.articles });
    } else {
      last.folders.push(...(group.folders ?? []));
      last.articles += group.articles;
    }
    done += group.articles;
  }
  return shards;
}

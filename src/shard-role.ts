import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ArticleItem } from "./articles/newsroom.ts";
import { type CatalogueEntry, catalogueItem, loadCatalogue } from "./catalogue.ts";
import type { EleventyConfig } from "./eleventy.ts";

/** Set by src/shards.ts for each Eleventy process of a sharded build: the file of its `ShardSpec`. */
export const shardVariable = "VESTNIK_SHARD";

/** What one Eleventy process of a sharded build does (src/shards.ts). */
export interface ShardSpec {
  /**
   * `articles`: renders the article pages of its own folders, nothing of the lists and feeds;
   * `lists`: renders every page but the articles (front and tag pages, feeds, sitemap…), and only
   * the articles `owns` names (a build since the last one renders its few articles here too).
   */
  role: "articles" | "lists";
  /** The catalogue file (src/catalogue.ts) of every article of the site. */
  catalogue: string;
  /** Globs, relative to the working folder, of the article files this process leaves to others. */
  ignore: string[];
  /** How the `inputPath` of each of its own articles begins (`./articles/2019/`); `lists`: none unless given. */
  owns?: string[];
  /** `articles`: where it writes its `ShardResult`; `lists`: the results of every article shard. */
  results: string[];
  /** `lists` with `owns`: where it writes the `ShardResult` of its own articles. */
  ownResult?: string;
  /**
   * `lists`: only these list pages, feeds and sitemap files, by `listKey` (a build since the last one renders only
   * the lists an article changed, src/since-last.ts); undefined: every one.
   */
  lists?: string[];
}

/** What `lists` names: a list page, a feed, or a file of the sitemap (sitemaps.ts). */
export type ListKind = "list" | "feed" | "sitemap";

/** How a list page (`list`), a feed (`feed`) or a sitemap file (`sitemap`) is named in a `ShardSpec`'s `lists`: by its address. */
export function listKey(kind: ListKind, list: { url?: string; rssUrl?: string }): string {
  return `${kind} ${list.url ?? list.rssUrl ?? ""}`;
}

/** What an article shard hands on: the files its articles wrote, and the bodies the feeds show. */
export interface ShardResult {
  /** Written files, relative to the output folder. */
  pages: string[];
  /** The rendered body of each of its articles that a feed shows, by URL. */
  bodies: Record<string, string>;
}

/**
 * The plugin's side of a sharded build, when `VESTNIK_SHARD` names a spec: Eleventy ignores the
 * articles of other processes, and the newsroom holds them from the catalogue, so every page
 * shows the same neighbours, related articles, tags and feeds as in a build in one process.
 */
export class ShardRole {
  #catalogue: CatalogueEntry[] | undefined;

  private constructor(private readonly spec: ShardSpec) {}

  /** The role of this Eleventy process, or undefined in a build of the whole site. */
  static of(eleventyConfig: EleventyConfig): ShardRole | undefined {
    const file = process.env[shardVariable];
    if (!file) return undefined;
    const spec = JSON.parse(readFileSync(file, "utf8")) as ShardSpec;
    for (const glob of spec.ignore) eleventyConfig.ignores?.add(glob);
    return new ShardRole(spec);
  }

  /** Whether this process renders the front and tag pages and the feeds. */
  get rendersLists(): boolean {
    return this.spec.role === "lists";
  }

  /** The lists of one kind this process renders: all, or only those its spec names. */
  listsToRender<T extends { url?: string; rssUrl?: string }>(kind: ListKind, lists: T[]): T[] {
    if (!this.rendersLists) return [];
    if (this.spec.lists === undefined) return lists;
    const wanted = new Set(this.spec.lists);
    return lists.filter((list) => wanted.has(listKey(kind, list)));
  }

  /**
   * The site's articles: this process's own, in the catalogue's order, and the catalogue's for the
   * rest. Throws when Eleventy saw other articles in this shard's folders than the catalogue did.
   */
  items(own: ArticleItem[]): ArticleItem[] {
    this.#catalogue ??= loadCatalogue(this.spec.catalogue);
    const owns = this.spec.owns ?? [];
    const byUrl = new Map(own.map((item) => [item.url, item]));
    const expected = this.#catalogue.filter((entry) => owns.some((prefix) => entry.inputPath.startsWith(prefix)));
    const missing = expected.find((entry) => byUrl.get(entry.url)?.inputPath !== entry.inputPath);
    if (missing !== undefined || expected.length !== own.length) {
      const stray = own.find((item) => !expected.some((entry) => entry.url === item.url));
      const which = missing ? `${missing.inputPath} (${missing.url})` : `${stray?.inputPath} (${stray?.url})`;
      throw new Error(
        `Vestnik: the sharded build read ${which} differently from its catalogue; build the site in one process (--workers 1) and report it`,
      );
    }
    const bodies = this.spec.role === "lists" ? readBodies(this.spec.results) : new Map<string, string>();
    return this.#catalogue.map((entry) => byUrl.get(entry.url) ?? catalogueItem(entry, bodies.get(entry.url)));
  }

  /** An article shard writes its `ShardResult`: its pages' files and the bodies of its articles in `feeds`. */
  finish(output: string, articles: readonly ArticleItem[], feeds: readonly { articles: readonly ArticleItem[] }[]): void {
    const file = this.spec.role === "articles" ? this.spec.results[0] : this.spec.ownResult;
    if (file === undefined) return;
    const owns = this.spec.owns ?? [];
    const own = articles.filter((item) => owns.some((prefix) => item.inputPath.startsWith(prefix)));
    const shown = new Set(feeds.flatMap((feed) => feed.articles.map((item) => item.url)));
    const result: ShardResult = { pages: [], bodies: {} };
    for (const item of own) {
      const written = (item as ArticleItem & { outputPath?: unknown }).outputPath;
      if (typeof written === "string") result.pages.push(path.relative(output, written).split(path.sep).join("/"));
      if (shown.has(item.url) && item.content !== undefined) result.bodies[item.url] = item.content;
    }
    writeFileSync(file, JSON.stringify(result));
  }
}

function readBodies(files: readonly string[]): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const file of files) {
    const result = JSON.parse(readFileSync(file, "utf8")) as ShardResult;
    for (const [url, body] of Object.entries(result.bodies)) bodies.set(url, body);
  }
  return bodies;
}

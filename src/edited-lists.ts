import { statSync } from "node:fs";
import path from "node:path";
import type { ArticleItem } from "./articles/newsroom.ts";
import type { EleventyConfig } from "./eleventy.ts";

interface Fingerprint {
  fields: string;
  stamps: string[];
}

function sameFingerprint(before: Fingerprint | undefined, now: Fingerprint): boolean {
  if (before === undefined || before.fields !== now.fields || before.stamps.length !== now.stamps.length) return false;
  // An unchanged article's stamp is the very string of the last build: mostly a pointer comparison.
  return before.stamps.every((stamp, index) => stamp === now.stamps[index]);
}

/** A list page or a feed: what it is called in the output, and the articles it shows. */
export interface ArticleList {
  url?: string;
  rssUrl?: string;
  articles: ArticleItem[];
}

/**
 * `npm start`, after an editor saves an article: Eleventy's `--incremental` renders again every page
 * of every template that reads collections — at 10,000 articles the 10,336 front, tag and feed pages,
 * 6 s of a 7.7 s rebuild — though an edit shows on a dozen of them. Each list page and feed gets a
 * fingerprint of what it shows: its own fields and, for each of its articles, the address and the
 * article file's size and modification time. When every file of a rebuild is an article's Markdown,
 * only the lists whose fingerprint changed are handed to pagination; the others are on disk from the
 * build before, as they were. Any other change (a layout, data, a photo), the first build and a
 * production build render every list.
 */
export class EditedLists {
  /**
   * What each list showed when last written: its own fields and one stamp per article. A build's
   * are kept only when it finishes.
   */
  private written = new Map<string, Fingerprint>();
  private pending = new Map<string, Fingerprint>();
  private onlyArticlesChanged = false;
  /** A production build renders every list and keeps no fingerprints. */
  private watching = false;
  /**
   * Each article's stamp (address, file size and modification time), made once: a rebuild after an
   * article edit reads again only the files Eleventy says changed (10,000 stats are 0.07 s of a
   * rebuild), and an unchanged article's stamp is the same string as before.
   */
  private stamps = new Map<string, string>();
  /** The input path of each stamped article by its absolute path, to find the ones a rebuild's changed files name. */
  private stamped = new Map<string, string>();

  constructor(
    eleventyConfig: EleventyConfig,
    /** Whether a changed file (as Eleventy names it) is an article's Markdown. */
    private readonly isArticle: (file: string) => boolean,
  ) {
    eleventyConfig.on("eleventy.beforeWatch", (changed: string[]) => {
      this.onlyArticlesChanged = changed.length > 0 && changed.every((file) => this.isArticle(file));
      if (!this.onlyArticlesChanged) {
        this.stamps.clear();
        this.stamped.clear();
      }
      for (const file of changed) {
        const inputPath = this.stamped.get(path.resolve(file));
        if (inputPath !== undefined) this.stamps.delete(inputPath);
      }
    });
    eleventyConfig.on("eleventy.before", ({ runMode }) => {
      this.pending.clear();
      this.watching = runMode !== "build";
    });
    eleventyConfig.on("eleventy.after", () => {
      for (const [key, fingerprint] of this.pending) this.written.set(key, fingerprint);
      this.pending.clear();
      this.onlyArticlesChanged = false;
    });
  }

  /** The lists of one kind (`"list"`, `"feed"`) that this build has to render. */
  toRender<T extends ArticleList>(kind: string, lists: T[], describe: (list: T) => string): T[] {
    if (!this.watching) return lists;
    const render: T[] = [];
    for (const list of lists) {
      const key = `${kind} ${list.url ?? list.rssUrl ?? ""}`;
      const fingerprint: Fingerprint = { fields: describe(list), stamps: list.articles.map((item) => this.stampOf(item)) };
      this.pending.set(key, fingerprint);
      if (!this.onlyArticlesChanged || !sameFingerprint(this.written.get(key), fingerprint)) render.push(list);
    }
    return render;
  }

  private stampOf(item: ArticleItem): string {
    let stamp = this.stamps.get(item.inputPath);
    if (stamp === undefined) {
      const stats = statSync(item.inputPath, { throwIfNoEntry: false });
      stamp = `${item.url} ${stats?.size ?? 0} ${stats?.mtimeMs ?? 0}`;
      this.stamps.set(item.inputPath, stamp);
      this.stamped.set(path.resolve(item.inputPath), item.inputPath);
    }
    return stamp;
  }
}

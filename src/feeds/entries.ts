import { statSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import type { Article } from "../articles/front-matter.ts";
import type { ArticleItem } from "../articles/newsroom.ts";
import { escapeHtml } from "../html.ts";
import { bodyWithPhotos, photoFigure } from "../photos.ts";
import { summaryLength } from "../text.ts";
import { feedHtml, feedText, htmlText } from "./content.ts";

/** Longest title, summary (as a description meta, text.ts), author and category a feed carries, in characters. */
export const feedLimits = { title: 250, summary: summaryLength, author: 200, category: 100 };

/** An article's photo as a feed's image or enclosure. */
export interface FeedImage {
  /** Absolute URL. */
  url: string;
  /** MIME type, from the file name; undefined when the name does not tell. */
  type?: string;
  /** Size in bytes, known only for a file this site serves; an RSS enclosure needs it. */
  length?: number;
}

/** One article as every feed format shows it: plain text XML-safe, HTML sanitized, URLs absolute. */
export interface FeedEntry {
  /** Stable id (see `articleId`): never changes when the article is edited. */
  id: string;
  url: string;
  title: string;
  /** The lead, or the start of the text when there is none; plain text, may be empty. */
  summary: string;
  /** The summary as HTML, for RSS `<description>`. */
  summaryHtml: string;
  /** The whole article: lead, body and photos (made on first use). */
  readonly html: string;
  published: Date;
  /** The last edit, or the publication when there was none. */
  updated: Date;
  /** True when front matter gives an `updated` later than the publication. */
  edited: boolean;
  author?: string;
  tags: string[];
  /** The article's language when it differs from the site's. */
  language?: string;
  image?: FeedImage;
}

export interface EntrySettings {
  /** The host that names ids: `vestnik.example.org`. */
  host: string;
  timeZone: string;
  /** Folder of the articles, relative to the input folder: `articles`. */
  articlesDir: string;
  /** Eleventy's folders, read when a feed renders. */
  directories: () => { input?: string; output?: string } | undefined;
  /** Put before a photo's credit in the feed's HTML, as on the page, by the article's `lang` (undefined: the site's). Default: «Фото:». */
  photoCredit?: (language: string | undefined) => string;
}

/**
 * The id of an article in every feed: a `tag:` URI (RFC 4151) made of the site's host, the day of
 * first publication in the newsroom's time zone and the article's file path under `articles/`:
 * `tag:vestnik.example.org,2025-11-15:2025/11/kasym-zhomart-tokaev-prizval`. The file is the
 * article's identity in the newsroom's repository, so editing the title (which changes the URL),
 * the body, lead, tags, photos or `updated` leaves the id alone, and so does a new path prefix; an
 * id that were the URL would change with every corrected headline and readers would show the article
 * twice. Renaming or moving the file, or changing `date`, makes it a new article for feed readers.
 * A tag URI is an identifier, not an address: RSS marks it `isPermaLink="false"`.
 */
export function articleId(
  settings: Pick<EntrySettings, "host" | "timeZone" | "articlesDir">,
  article: Pick<Article, "file" | "date">,
): string {
  const day = DateTime.fromJSDate(article.date, { zone: settings.timeZone }).toFormat("yyyy-MM-dd");
  const prefix = `${settings.articlesDir}/`;
  const underArticles = article.file.startsWith(prefix) ? article.file.slice(prefix.length) : article.file;
  const specific = underArticles
    .replace(/\.md$/, "")
    .split("/")
    .map((part) => encodeURIComponent(part))
    .join("/");
  return `tag:${settings.host.toLowerCase()},${day}:${specific}`;
}

/**
 * An absolute URL for a link or image in a page at `pageUrl` (a URL without the path prefix, as
 * Eleventy gives it). `site` is the site's absolute root with its path prefix, from Eleventy's
 * `htmlBaseUrl` filter: `https://agency.github.io/novosti/`. URLs with a scheme stay as they are.
 */
export function absoluteUrl(url: string, pageUrl: string, site: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  if (url.startsWith("//")) return new URL(url, site).toString();
  const resolved = new URL(url, new URL(pageUrl, "http://site.invalid/"));
  return new URL(`${resolved.pathname.slice(1)}${resolved.search}${resolved.hash}`, site).toString();
}

const imageTypes: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".svg": "image/svg+xml",
};

/** An entry and what it was made from. */
interface Made {
  article: Article;
  fields: string;
  content: string | undefined;
  site: string;
  entry: FeedEntry;
}

/**
 * The feed entry of every article, made once per build and shared by all feeds: the site's feeds
 * and every tag feed show the same article, so with thousands of tags an article is read once,
 * not once per feed. Call `reset()` when a build starts. A rebuild of `npm start` re-renders every
 * feed after one edit, so an entry is kept for the next build while its article's fields and body
 * are unchanged; the edited article is made anew, and the articles the last build did not use are
 * let go.
 */
export class FeedEntries {
  private current = new Map<string, Made>();
  private previous = new Map<string, Made>();
  /** How many entries were made since the last reset (for tests and measurements). */
  made = 0;

  constructor(private readonly settings: EntrySettings) {}

  reset(): void {
    this.previous = this.current;
    this.current = new Map();
    this.made = 0;
  }

  /** The entry of an article; `site` is the site's absolute root, e.g. `https://agency.github.io/novosti/`. */
  of(item: ArticleItem, site: string): FeedEntry {
    const known = this.current.get(item.url);
    if (known) return known.entry;
    let made = this.previous.get(item.url);
    const article = item.data.article;
    // Eleventy may hand the same article as a new object: then it is compared by its fields.
    const same =
      made !== undefined &&
      made.content === item.content &&
      made.site === site &&
      (made.article === article || made.fields === JSON.stringify(article));
    if (!made || !same) {
      made = { article, fields: JSON.stringify(article), content: item.content, site, entry: this.make(item, site) };
      this.made++;
    } else {
      made.article = article;
    }
    this.current.set(item.url, made);
    return made.entry;
  }

  private make(item: ArticleItem, site: string): FeedEntry {
    const article = item.data.article;
    const absolute = (url: string) => absoluteUrl(url, item.url, site);
    const label = this.settings.photoCredit?.(article.lang);
    const body = () =>
      bodyWithPhotos(
        item.content ?? "",
        article.photos,
        article.photos.map((photo) => photoFigure(photo, undefined, label)),
      );
    const lead = feedText(article.lead, Number.POSITIVE_INFINITY);
    const summary = feedText(lead || htmlText(body()), feedLimits.summary);
    const updated = article.updated !== undefined && article.updated > article.date ? article.updated : article.date;
    let html: string | undefined;
    return {
      id: articleId(this.settings, article),
      url: absolute(item.url),
      title: feedText(article.title, feedLimits.title),
      summary,
      summaryHtml: escapeHtml(summary),
      // Made when a feed first shows it: only the site's feeds carry whole articles, so of
      // 10,000 articles in tag feeds some twenty are sanitized, not all.
      get html() {
        html ??= feedHtml(`${lead ? `<p><strong>${escapeHtml(lead)}</strong></p>` : ""}${body()}`, absolute);
        return html;
      },
      published: article.date,
      updated,
      edited: updated !== article.date,
      author: feedText(article.author, feedLimits.author) || undefined,
      tags: article.tags.map((tag) => feedText(tag, feedLimits.category)).filter((tag) => tag !== ""),
      language: article.lang,
      image: this.image(article, absolute, site),
    };
  }

  /** The first photo that has an image file. */
  private image(article: Article, absolute: (url: string) => string, site: string): FeedImage | undefined {
    const src = article.photos.find((photo) => photo.src)?.src;
    if (!src) return undefined;
    const url = absolute(src);
    let pathname: string;
    try {
      pathname = new URL(url).pathname;
    } catch {
      return undefined;
    }
    const type = imageTypes[path.extname(pathname).toLowerCase()];
    const length = url.startsWith(site)
      ? this.servedFileSize(decodeURIComponent(pathname.slice(new URL(site).pathname.length)))
      : undefined;
    return { url, type, length };
  }

  /**
   * The size of a file this site serves at `sitePath` (relative to the site's root). It is looked
   * up in the output folder, then at the same path in the input folder: passthrough copies are
   * written while pages render, so the copy may not be there yet when a feed is rendered.
   */
  private servedFileSize(sitePath: string): number | undefined {
    const directories = this.settings.directories();
    for (const dir of [directories?.output, directories?.input]) {
      if (!dir) continue;
      const root = path.resolve(dir);
      const file = path.resolve(root, sitePath);
      if (!file.startsWith(root + path.sep)) continue;
      try {
        const stat = statSync(file);
        if (stat.isFile() && stat.size > 0) return stat.size;
      } catch {
        // Not in this folder.
      }
    }
    return undefined;
  }
}

/**
 * How the sitemap is cut into files. Search engines read at most 50,000 addresses from one sitemap
 * file (sitemaps.org, «Sitemap file location»; Google and Yandex refuse a larger one), and an
 * archive of 50,000 articles has 62,000 pages. A site with more addresses than `sitemapSize` gets
 * `/sitemap.xml` as a sitemap index of files under `/sitemaps/`: the list pages, then the articles
 * of each year, so an old year's file stays as it was while the newsroom publishes. A year with
 * more articles is cut by month, a month with more into numbered files.
 */
import type { ArticleItem, ListPage } from "./articles/newsroom.ts";
import type { NewsroomCalendar } from "./dates.ts";
import type { ResolvedOptions } from "./options.ts";

/** A list page (front, tag page) as the sitemap lists it. */
export interface SitemapListPage {
  url: string;
  /** The articles whose newest date is the page's `lastmod`. */
  changes: ArticleItem[];
}

/** One sitemap file: its address and the pages it lists. */
export interface SitemapFile {
  url: string;
  /** List pages (front, tag pages) it lists. */
  listPages: SitemapListPage[];
  /** The site's other pages it lists (`otherSitemapPages`): in the first file only. */
  otherPages: string[];
  articles: ArticleItem[];
  /** The articles whose newest date is the file's `lastmod` in the index. */
  newest: ArticleItem[];
}

/** The folder of a sitemap in several files, in the site. */
const sitemapFolder = "sitemaps";

/**
 * A list page as the sitemap lists it, with the articles of its list (`listArticles`: its edition's
 * for the front page). A list's first page changes whenever an article joins the list; an older page
 * keeps its articles (newsroom.ts: paginate), and so does a shared page of tags, so their `lastmod`
 * is their own articles'.
 */
export function sitemapListPage(page: ListPage, listArticles: ArticleItem[]): SitemapListPage {
  const changes = page.older || page.tags ? page.articles : (page.tag?.articles ?? listArticles);
  return { url: page.url, changes };
}

/**
 * The newest publication or update among these articles, in milliseconds; 0 for none: a sitemap
 * entry's `lastmod` (publishing.ts), and what the record's sitemap facts compare (last-build.ts).
 */
export function lastChange(articles: readonly ArticleItem[]): number {
  let newest = 0;
  for (const { data } of articles) newest = Math.max(newest, (data.article.updated ?? data.article.date).getTime());
  return newest;
}

/** A file of a sitemap in several files: `/sitemaps/2025.xml`, then `/sitemaps/2025-2.xml`… */
function fileUrl(name: string, number: number): string {
  return `/${sitemapFolder}/${name}${number === 1 ? "" : `-${number}`}.xml`;
}

/** The pages the sitemap lists besides the list pages and articles: the tags index, the feeds page, each edition's tags index (`/kk/tags/`). */
export function otherSitemapPages(options: ResolvedOptions): string[] {
  const { tags, feeds } = options.pages;
  const editionTags = tags ? options.editions.map((language) => `/${language}${tags}`) : [];
  return [tags, feeds, ...editionTags].filter((url): url is string => typeof url === "string" && url !== "");
}

/**
 * The sitemap's files: one, `/sitemap.xml`, while the site has at most `size` addresses; else
 * several, listed by `/sitemap.xml` as an index (`index` true). `otherPages`: the addresses besides
 * the list pages and articles (`otherSitemapPages`); `siteArticles`, the articles whose dates
 * those other pages change with.
 */
export function sitemapFiles(
  listPages: SitemapListPage[],
  otherPages: string[],
  articles: ArticleItem[],
  siteArticles: ArticleItem[],
  size: number,
  calendar: NewsroomCalendar,
): { files: SitemapFile[]; index: boolean } {
  if (listPages.length + otherPages.length + articles.length <= size) {
    return { files: [{ url: "/sitemap.xml", listPages, otherPages, articles, newest: siteArticles }], index: false };
  }
  const files: SitemapFile[] = [];
  // The other pages go first, in the first file of list pages.
  for (let start = 0, number = 1; start === 0 || start < listPages.length; number++) {
    // (A size below the count of other pages lets the first file hold them all the same.)
    const room = start === 0 ? Math.max(1, size - otherPages.length) : size;
    const pages = listPages.slice(start, start + room);
    files.push({
      url: fileUrl("pages", number),
      listPages: pages,
      otherPages: start === 0 ? otherPages : [],
      articles: [],
      // The other pages change with the site; an older list page only with its own articles.
      newest: [...(start === 0 && otherPages.length > 0 ? siteArticles : []), ...pages.flatMap((page) => page.changes)],
    });
    start += room;
  }
  const cut = (name: string, group: ArticleItem[], finer?: (item: ArticleItem) => string) => {
    if (group.length > size && finer) {
      for (const [part, items] of grouped(group, finer)) cut(`${name}-${part}`, items);
      return;
    }
    for (let start = 0, number = 1; start < group.length; start += size, number++) {
      const items = group.slice(start, start + size);
      files.push({
        url: fileUrl(name, number),
        listPages: [],
        otherPages: [],
        articles: items,
        newest: items,
      });
    }
  };
  const month = (item: ArticleItem) => String(calendar.at(item.date).month).padStart(2, "0");
  for (const [year, items] of grouped(articles, (item) => String(calendar.year(item.date)))) cut(year, items, month);
  return { files, index: true };
}

/** Items grouped by a key, the groups in the keys' order. */
function grouped(items: ArticleItem[], keyOf: (item: ArticleItem) => string): [string, ArticleItem[]][] {
  const groups = new Map<string, ArticleItem[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

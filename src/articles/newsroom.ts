import { slugOf } from "../slug.ts";
import type { Article } from "./front-matter.ts";
import type { ArticleProblems } from "./problems.ts";

/** The part of an Eleventy collection item that Vestnik reads. */
export interface ArticleItem {
  url: string;
  inputPath: string;
  date: Date;
  data: { article: Article; [key: string]: unknown };
  /** The rendered body (without layout), filled in by Eleventy before pages render. */
  content?: string;
  templateContent?: string;
}

/** A tag with every article that carries it, newest first. */
export interface TagEntry {
  name: string;
  slug: string;
  /**
   * Where the tag is listed, before the path prefix (Eleventy adds it to HTML): its own page
   * `/tags/<slug>/`, or for a tag on fewer than `tagPageFrom` articles its section of a shared
   * page, `/tags/few/<first two letters of the slug>/#tag-<slug>`.
   */
  url: string;
  /** Its RSS feed, `/tags/<slug>/feed.xml`: every tag has one, with a page of its own or not. */
  feedUrl: string;
  /** Whether it has a page of its own (else a section of a shared page). */
  ownPage: boolean;
  articles: ArticleItem[];
}

/** One page of a paginated article list (front page or tag page). */
export interface ListPage {
  /** The tag, or undefined for the front page and a shared page of tags. */
  tag?: TagEntry;
  /** A shared page's tags (`/tags/few/<letters>/`), each a section with its articles and feed. */
  tags?: TagEntry[];
  /** A shared page's letter: the first of its tags' slugs. */
  letter?: string;
  /** The edition's language when the list is one of an edition's (`/kk/…`); undefined for the site's own. */
  language?: string;
  url: string;
  /**
   * An older page of the list (`<url>page/<n>/`, numbered from the oldest: `paginate`), which shows
   * headlines and their dates only; false for the first page, and for a shared page of tags.
   */
  older: boolean;
  articles: ArticleItem[];
  newerUrl?: string;
  olderUrl?: string;
}

/**
 * What a list page shows besides its articles, as one line: npm start (edited-lists) and a
 * `--since-last` build (last-build.ts) re-render a list whose line or articles changed.
 */
export function listPageFacts(page: ListPage): string {
  return [
    page.older,
    page.tag?.name,
    // The count of a tag's articles is on its first page only.
    page.older ? "" : page.tag?.articles.length,
    page.newerUrl,
    page.olderUrl,
    page.tags?.map((tag) => tag.name).join("|"),
  ].join(" ");
}

const russianOrder = new Intl.Collator("ru", { sensitivity: "base", numeric: true });
/** How many of a tag's articles on each side of an article `related` looks at. */
const relatedReach = 150;

/** An article's place among a tag's articles' positions (ascending), by halving: where it is, or would be. */
function placeAmong(positions: Int32Array, position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((positions[middle] as number) < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The newsroom's articles grouped once per build: sorted newest first, indexed by URL and by tag.
 * Everything else (front page, tag pages, feeds, related articles) reads from here, so the work
 * grows with the number of articles, not with articles × tags.
 */
export class Newsroom {
  readonly articles: ArticleItem[];
  readonly tags: TagEntry[];
  private readonly positionByUrl = new Map<string, number>();
  private readonly tagByName = new Map<string, TagEntry>();
  /** Per tag, the positions (in `articles`) of its articles, newest first, for `related`. */
  private readonly tagPositions = new Map<string, Int32Array>();
  /** Scratch for `related`: shared-tag counts by position, zeroed again after each call. */
  private sharedCounts: Uint16Array | undefined;

  /**
   * `prefix`: an edition's (`/kk`), put before its tag pages' addresses. `tagPageFrom`: how many
   * articles give a tag a page of its own (the `tagPageFrom` option); fewer share a page.
   */
  constructor(
    items: ArticleItem[],
    problems: ArticleProblems,
    private readonly prefix = "",
    tagPageFrom = 1,
  ) {
    this.articles = [...items].sort(
      (a, b) =>
        b.data.article.date.getTime() - a.data.article.date.getTime() || russianOrder.compare(a.data.article.title, b.data.article.title),
    );
    const fileByUrl = new Map<string, string>();
    for (const [position, item] of this.articles.entries()) {
      const file = item.data.article.file;
      const other = fileByUrl.get(item.url);
      if (other !== undefined) {
        problems.add(file, "title", `gives the same URL ${item.url} as ${other}; change the title or the date of one of them`);
      }
      fileByUrl.set(item.url, file);
      this.positionByUrl.set(item.url, position);
    }
    problems.throwIfAny();

    for (const item of this.articles) {
      for (const name of item.data.article.tags) {
        let tag = this.tagByName.get(name);
        if (tag === undefined) {
          tag = { name, slug: "", url: "", feedUrl: "", ownPage: true, articles: [] };
          this.tagByName.set(name, tag);
        }
        tag.articles.push(item);
      }
    }
    this.tags = [...this.tagByName.values()].sort((a, b) => russianOrder.compare(a.name, b.name) || (a.name < b.name ? -1 : 1));
    // Two tag names can share a slug («ООН» and «ООН!»): number the later ones so no URL is shared.
    const taken = new Set<string>();
    for (const tag of this.tags) {
      const base = slugOf(tag.name);
      let slug = base;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
      taken.add(slug);
      tag.slug = slug;
      tag.feedUrl = `${this.prefix}/tags/${slug}/feed.xml`;
      tag.ownPage = tag.articles.length >= tagPageFrom;
      tag.url = tag.ownPage ? `${this.prefix}/tags/${slug}/` : `${this.sharedPageOf(this.letterOf(slug))}#tag-${slug}`;
    }
  }

  /** The positions of a tag's articles, ascending (newest first). */
  private positionsOf(name: string): Int32Array {
    let positions = this.tagPositions.get(name);
    if (positions === undefined) {
      // A plain loop: Int32Array.from with a mapping function took 0.5 s for the 21,000 tags of 50,000 articles.
      const articles = this.tagByName.get(name)?.articles ?? [];
      positions = new Int32Array(articles.length);
      for (let at = 0; at < articles.length; at++) positions[at] = this.positionByUrl.get((articles[at] as ArticleItem).url) ?? -1;
      this.tagPositions.set(name, positions);
    }
    return positions;
  }

  tag(name: string): TagEntry | undefined {
    return this.tagByName.get(name);
  }

  /** Where the article at `url` stands in `articles` (newest first); undefined for none. */
  positionOf(url: string): number | undefined {
    return this.positionByUrl.get(url);
  }

  /**
   * The articles whose «Читайте также» may show the article at `url`, or may have shown it under
   * these tags (ones it had before an edit among them): those within `related`'s reach of its place
   * in each tag, where it is or would be. A build since the last one works out only their lists
   * again (last-build.ts).
   */
  near(url: string, tags: readonly string[]): ArticleItem[] {
    const position = this.positionByUrl.get(url);
    if (position === undefined) return [];
    const found: ArticleItem[] = [];
    for (const name of tags) {
      const positions = this.positionsOf(name);
      const low = placeAmong(positions, position);
      const last = Math.min(positions.length, low + relatedReach + 1);
      for (let at = Math.max(0, low - relatedReach); at < last; at++) {
        const other = this.articles[positions[at] as number];
        if (other) found.push(other);
      }
    }
    return found;
  }

  /** The article published just after this one, and the one just before. */
  neighbours(url: string): { newer?: ArticleItem; older?: ArticleItem } {
    const position = this.positionByUrl.get(url);
    if (position === undefined) return {};
    return { newer: this.articles[position - 1], older: this.articles[position + 1] };
  }

  /**
   * Articles that share the most tags with this one; among equals, those published nearest to it
   * (then the newer). Nearest rather than newest: a new article would otherwise join the list of
   * nearly every older article with one of its tags (935 pages of 10,000 for one breaking story),
   * and each of those pages would have to be written again by a build since the last one (since-last.ts);
   * a reader of an old story also gets the news of its time. Only the few hundred
   * of each tag published nearest to it are considered, so a tag with 10,000 articles stays cheap
   * (its newest few hundred instead: a new article moved that window, and with it the list of every
   * older article of the tag, 1,025 pages of 50,000 for one breaking story). Called for
   * every article page: counting in a typed array and keeping only the best `count` makes it a few
   * microseconds instead of a map and a sort of a thousand entries.
   */
  related(url: string, count: number): ArticleItem[] {
    const position = this.positionByUrl.get(url);
    const item = position === undefined ? undefined : this.articles[position];
    if (position === undefined || item === undefined || count <= 0) return [];
    this.sharedCounts ??= new Uint16Array(this.articles.length);
    const shared = this.sharedCounts;
    const touched: number[] = [];
    for (const name of item.data.article.tags) {
      const positions = this.positionsOf(name);
      const low = placeAmong(positions, position);
      const last = Math.min(positions.length, low + relatedReach + 1);
      for (let at = Math.max(0, low - relatedReach); at < last; at++) {
        const other = positions[at] as number;
        if (other === position || other < 0) continue;
        if (shared[other] === 0) touched.push(other);
        shared[other] = (shared[other] ?? 0) + 1;
      }
    }
    // The best `count` by shared tags, then by distance in position (`articles` is newest first), then the newer.
    const best: number[] = [];
    const distance = (other: number) => Math.abs(other - position);
    const better = (a: number, b: number) =>
      (shared[a] ?? 0) > (shared[b] ?? 0) ||
      (shared[a] === shared[b] && (distance(a) < distance(b) || (distance(a) === distance(b) && a < b)));
    for (const other of touched) {
      if (best.length === count && !better(other, best[count - 1] as number)) continue;
      let at = best.length < count ? best.length : count - 1;
      while (at > 0 && better(other, best[at - 1] as number)) {
        best[at] = best[at - 1] as number;
        at--;
      }
      best[at] = other;
    }
    for (const other of touched) shared[other] = 0;
    return best.map((other) => this.articles[other] as ArticleItem);
  }

  /** The front page split into pages: `url` (`/`) with the newest `perPage`, then older pages of `olderPerPage` (`paginate`). */
  frontPages(perPage: number, olderPerPage = perPage, url = "/"): ListPage[] {
    return paginate(this.articles, perPage, olderPerPage, url, undefined);
  }

  /**
   * Every tag page: `/tags/<slug>/` and its older pages (`/tags/<slug>/page/1/`, …) for a tag with a page of its own;
   * then the shared pages of the others, `/tags/few/<letters>/`, one per first two letters of their
   * slugs. Two in five tags of real news are used once: a page of its own, with the site's head,
   * header and footer around one headline, cost 2.5 KB each, 8,700 pages at 50,000 articles.
   */
  tagPages(perPage: number): ListPage[] {
    const own = this.tags.filter((tag) => tag.ownPage).flatMap((tag) => paginate(tag.articles, perPage, perPage, tag.url, tag));
    const shared = new Map<string, TagEntry[]>();
    for (const tag of this.tags) {
      if (tag.ownPage) continue;
      const letter = this.letterOf(tag.slug);
      shared.set(letter, [...(shared.get(letter) ?? []), tag]);
    }
    const sharedPages = [...shared]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([letter, tags]): ListPage => ({
          url: this.sharedPageOf(letter),
          tags,
          letter,
          older: false,
          articles: tags.flatMap((tag) => tag.articles),
        }),
      );
    return [...own, ...sharedPages];
  }

  /**
   * The letters of the shared page a tag without a page of its own is on: its slug's first two. One
   * letter made pages of 900 KB at 50,000 articles (a reader follows a tag's link to one section);
   * two give some 300 pages of tens of kilobytes, and a tag's page never moves as others are added.
   */
  private letterOf(slug: string): string {
    return slug.replaceAll("-", "").slice(0, 2) || "0";
  }

  /** The shared page of the tags whose slugs start with these letters: `/tags/few/ab/`. */
  private sharedPageOf(letter: string): string {
    return `${this.prefix}/tags/few/${letter}/`;
  }
}

/**
 * Pages of a list (newest first): `firstUrl` with the newest `firstSize` articles, then the older
 * ones in pages numbered from the oldest: `<firstUrl>page/1/` holds the oldest `laterSize`,
 * `page/2/` the next, and the newest older page, the one the first page links to, the rest: from
 * `laterSize` to twice as many (or all, when fewer). Numbered from the newest, every older page
 * shifted by one article with each new one, and a build since the last one re-rendered them all
 * (1,000 pages at 50,000 articles, a fifth of its time); numbered from the oldest, an older page keeps its address
 * and its articles, and a new article changes the first page and the newest older page only, as a
 * page a reader saved for offline reading stays what it says.
 */
function paginate(articles: ArticleItem[], firstSize: number, laterSize: number, firstUrl: string, tag: TagEntry | undefined): ListPage[] {
  const later = articles.slice(firstSize);
  const olderPages = later.length === 0 ? 0 : Math.max(1, Math.floor(later.length / laterSize));
  const urlOf = (number: number) => (number === 0 ? firstUrl : `${firstUrl}page/${number}/`);
  const pages: ListPage[] = [
    { tag, url: firstUrl, older: false, articles: articles.slice(0, firstSize), olderUrl: olderPages > 0 ? urlOf(olderPages) : undefined },
  ];
  for (let number = olderPages; number >= 1; number--) {
    // Page 1 ends with the oldest article; the newest older page starts after the first page.
    const end = later.length - (number - 1) * laterSize;
    pages.push({
      tag,
      url: urlOf(number),
      older: true,
      articles: later.slice(number === olderPages ? 0 : end - laterSize, end),
      newerUrl: urlOf(number === olderPages ? 0 : number + 1),
      olderUrl: number > 1 ? urlOf(number - 1) : undefined,
    });
  }
  return pages;
}

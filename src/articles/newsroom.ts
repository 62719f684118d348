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
  /** `/tags/<slug>/`, before the path prefix (Eleventy adds it to HTML). */
  url: string;
  articles: ArticleItem[];
}

/** One page of a paginated article list (front page or tag page). */
export interface ListPage {
  /** The tag, or undefined for the front page. */
  tag?: TagEntry;
  url: string;
  /** 1-based. */
  pageNumber: number;
  pageCount: number;
  articles: ArticleItem[];
  newerUrl?: string;
  olderUrl?: string;
}

const russianOrder = new Intl.Collator("ru", { sensitivity: "base", numeric: true });

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

  constructor(items: ArticleItem[], problems: ArticleProblems) {
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
          tag = { name, slug: "", url: "", articles: [] };
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
      tag.url = `/tags/${slug}/`;
    }
  }

  tag(name: string): TagEntry | undefined {
    return this.tagByName.get(name);
  }

  /** The article published just after this one, and the one just before. */
  neighbours(url: string): { newer?: ArticleItem; older?: ArticleItem } {
    const position = this.positionByUrl.get(url);
    if (position === undefined) return {};
    return { newer: this.articles[position - 1], older: this.articles[position + 1] };
  }

  /**
   * Articles that share the most tags with this one, newest first among equals. Only the newest
   * few hundred of each tag are considered, so a tag with 10,000 articles stays cheap.
   */
  related(url: string, count: number): ArticleItem[] {
    const position = this.positionByUrl.get(url);
    const item = position === undefined ? undefined : this.articles[position];
    if (item === undefined || count === 0) return [];
    const shared = new Map<ArticleItem, number>();
    for (const name of item.data.article.tags) {
      for (const other of this.tagByName.get(name)?.articles.slice(0, 300) ?? []) {
        if (other !== item) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    return [...shared.entries()]
      .sort(([a, sharedA], [b, sharedB]) => sharedB - sharedA || b.data.article.date.getTime() - a.data.article.date.getTime())
      .slice(0, count)
      .map(([other]) => other);
  }

  /** The front page split into pages: `/`, `/page/2/`, … */
  frontPages(perPage: number): ListPage[] {
    return paginate(this.articles, perPage, "/", undefined);
  }

  /** Every tag page: `/tags/<slug>/`, `/tags/<slug>/page/2/`, … */
  tagPages(perPage: number): ListPage[] {
    return this.tags.flatMap((tag) => paginate(tag.articles, perPage, tag.url, tag));
  }
}

function paginate(articles: ArticleItem[], perPage: number, firstUrl: string, tag: TagEntry | undefined): ListPage[] {
  const pageCount = Math.max(1, Math.ceil(articles.length / perPage));
  const urlOf = (pageNumber: number) => (pageNumber === 1 ? firstUrl : `${firstUrl}page/${pageNumber}/`);
  return Array.from({ length: pageCount }, (_, index) => ({
    tag,
    url: urlOf(index + 1),
    pageNumber: index + 1,
    pageCount,
    articles: articles.slice(index * perPage, (index + 1) * perPage),
    newerUrl: index > 0 ? urlOf(index) : undefined,
    olderUrl: index + 1 < pageCount ? urlOf(index + 2) : undefined,
  }));
}

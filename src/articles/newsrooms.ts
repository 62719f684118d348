import { NewsroomCalendar } from "../dates.ts";
import { type Edition, editionOfLanguage, editionOfUrl, languageName } from "../editions.ts";
import type { FeedSource, NewsroomFeeds } from "../feeds.ts";
import type { ResolvedOptions } from "../options.ts";
import { otherSitemapPages, type SitemapFile, type SitemapListPage, sitemapFiles, sitemapListPage } from "../sitemaps.ts";
import { type ArticleItem, type ListPage, Newsroom } from "./newsroom.ts";
import type { ArticleProblems } from "./problems.ts";

/** A story's edition in one language, for its page's switcher and hreflang links. */
export interface StoryEdition {
  language: string;
  /** The language's name in that language («Қазақша»). */
  name: string;
  url: string;
  /** Whether it is the page being rendered. */
  current: boolean;
}

/**
 * The site's newsroom and each edition's (`/kk/…`, `/en/…`), made once a build from Eleventy's
 * articles: each article goes to the edition of its `lang`, and the editions of one `story` are
 * kept together. Their lists and feeds are made once too, for pagination and the sitemap alike.
 */
export class Newsrooms {
  #site: Newsroom | undefined;
  #editions = new Map<string, Newsroom>();
  #stories = new Map<string, ArticleItem[]>();
  #feedSources: FeedSource[] | undefined;
  #listPages: ListPage[] | undefined;
  #sitemap: { files: SitemapFile[]; index: boolean } | undefined;

  constructor(
    readonly options: ResolvedOptions,
    /** The site's own language first (editions.ts). */
    readonly editions: readonly Edition[],
    readonly problems: ArticleProblems,
    readonly feeds: NewsroomFeeds,
  ) {}

  /** Forgets the last build's newsrooms: a build starts. */
  reset(): void {
    this.#site = undefined;
    this.#editions = new Map();
    this.#stories = new Map();
    this.#feedSources = undefined;
    this.#listPages = undefined;
    this.#sitemap = undefined;
  }

  /** The site's own newsroom, made from `items` (the articles Eleventy collected) the first time it is asked for in a build. */
  collect(items: () => ArticleItem[]): Newsroom {
    this.#site ??= this.#make(items());
    return this.#site;
  }

  /** The site's own newsroom once collected. */
  get site(): Newsroom | undefined {
    return this.#site;
  }

  /** The newsroom of the edition an address belongs to (the site's own for most pages). */
  of(url?: string): Newsroom {
    if (!this.#site) throw new Error("Vestnik: the articles are not collected yet; use this filter in templates only");
    return this.#editions.get(editionOfUrl(this.editions, url).language) ?? this.#site;
  }

  /** An edition's own newsroom, by language; undefined for the site's own language. */
  edition(language: string): Newsroom | undefined {
    return this.#editions.get(language);
  }

  /** The articles of the editions in other languages: the sitemap lists them too. */
  editionArticles(): ArticleItem[] {
    return [...this.#editions.values()].flatMap((edition) => edition.articles);
  }

  /** Every feed of the site and of its editions. */
  feedSources(): FeedSource[] {
    const site = this.#collected();
    this.#feedSources ??= [
      ...this.feeds.sources(site),
      ...this.#otherEditions().flatMap(({ edition, newsroom }) => this.feeds.sources(newsroom, edition)),
    ];
    return this.#feedSources;
  }

  /** Every list page (front pages, tag pages) of the site and of its editions. */
  listPages(): ListPage[] {
    const site = this.#collected();
    const { articlesPerPage, olderArticlesPerPage, tagArticlesPerPage, pages } = this.options;
    this.#listPages ??= [
      ...(pages.front ? site.frontPages(articlesPerPage, olderArticlesPerPage, pages.front) : []),
      ...site.tagPages(tagArticlesPerPage),
      ...this.#otherEditions().flatMap(({ edition, newsroom }) => {
        const front = edition.options.pages.front;
        return [
          ...(front ? newsroom.frontPages(articlesPerPage, olderArticlesPerPage, front) : []),
          ...newsroom.tagPages(tagArticlesPerPage),
        ].map((page) => ({ ...page, language: edition.language }));
      }),
    ];
    return this.#listPages;
  }

  /**
   * The sitemap's files (sitemaps.ts): every list page and article of the site and its editions,
   * and its other pages (the tags index, the feeds page).
   */
  sitemap(): { files: SitemapFile[]; index: boolean } {
    const site = this.#collected();
    this.#sitemap ??= sitemapFiles(
      this.listPages().map((page) => this.#sitemapEntry(page, site)),
      otherSitemapPages(this.options),
      [...site.articles, ...this.editionArticles()],
      site.articles,
      this.options.sitemapSize,
      new NewsroomCalendar(this.options.language, this.options.timeZone),
    );
    return this.#sitemap;
  }

  /** A list page as the sitemap lists it (sitemaps.ts), an edition's with its edition's articles. */
  #sitemapEntry(page: ListPage, site: Newsroom): SitemapListPage {
    const newsroom = (page.language && this.#editions.get(page.language)) || site;
    return sitemapListPage(page, newsroom.articles);
  }

  /** A story's editions in every language, the page's own among them; none for a story told in one. */
  storyEditions(story: string | undefined, url: string): StoryEdition[] {
    const items = story === undefined ? undefined : this.#stories.get(story);
    if (!items || items.length < 2) return [];
    return this.editions.flatMap((edition) => {
      const item = items.find((candidate) => this.#editionOf(candidate) === edition);
      return item ? [{ language: edition.language, name: languageName(edition.language), url: item.url, current: item.url === url }] : [];
    });
  }

  #make(items: ArticleItem[]): Newsroom {
    const { tagPageFrom, language } = this.options;
    if (this.editions.length === 1) return new Newsroom(items, this.problems, "", tagPageFrom);
    const byLanguage = new Map<string, ArticleItem[]>(this.editions.map((edition) => [edition.language, []]));
    for (const item of items) {
      byLanguage.get(this.#editionOf(item).language)?.push(item);
      const story = item.data.article.story;
      if (story !== undefined) this.#stories.set(story, [...(this.#stories.get(story) ?? []), item]);
    }
    for (const edition of this.editions.slice(1)) {
      this.#editions.set(
        edition.language,
        new Newsroom(byLanguage.get(edition.language) ?? [], this.problems, edition.prefix, tagPageFrom),
      );
    }
    return new Newsroom(byLanguage.get(language) ?? [], this.problems, "", tagPageFrom);
  }

  #editionOf(item: ArticleItem): Edition {
    return editionOfLanguage(this.editions, item.data.article.lang) ?? (this.editions[0] as Edition);
  }

  #collected(): Newsroom {
    if (!this.#site) throw new Error("Vestnik: the articles are not collected yet");
    return this.#site;
  }

  /** The editions in other languages that have a newsroom, with it. */
  #otherEditions(): { edition: Edition; newsroom: Newsroom }[] {
    return this.editions.slice(1).flatMap((edition) => {
      const newsroom = this.#editions.get(edition.language);
      return newsroom ? [{ edition, newsroom }] : [];
    });
  }
}

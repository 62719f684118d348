import { en } from "./strings/en.ts";
import { kk } from "./strings/kk.ts";
import { ru } from "./strings/ru.ts";

/**
 * Every word the theme shows a reader, in one table per language: the layouts read them as
 * `vestnik.strings.<name>`, the plugin's pages, feeds and photo credits from the resolved options.
 * A site changes any of them with the `strings` option, for its own language or an edition's; a
 * language without a table of its own uses the Russian one until it has one.
 */
export interface UiStrings {
  /** The «skip to content» link, first on every page. */
  skipToContent: string;
  /** Names of the site header's navigation and its links. */
  siteSections: string;
  navNews: string;
  navTags: string;
  navFeeds: string;
  /** The search box in the header: its label (also the placeholder) and its button. */
  searchSite: string;
  searchButton: string;
  /** The search page: heading, field label, «more results», the notice without JavaScript. */
  searchTitle: string;
  searchQueryLabel: string;
  searchMore: string;
  searchNeedsJavaScript: string;
  /** The front page's heading and the pager links of a list's pages. */
  latestNews: string;
  pagesLabel: string;
  newer: string;
  older: string;
  /** «12 статей»: a count of articles, with the language's plural forms. */
  articleCount: (count: number) => string;
  /** After the count on a tag page: «12 статей с этим тегом». */
  withThisTag: string;
  /** The tag page's feed link: «Следить за тегом: RSS». */
  followTag: string;
  /** The page that lists every tag. */
  allTags: string;
  /** A shared page of the tags on too few articles for a page of their own (`tagPageFrom`), by the first letter of their slugs. */
  fewTags: (letter: string) => string;
  /** An article page: breadcrumbs, «обновлено», the reading time, tags, credits, neighbours, related. */
  breadcrumbs: string;
  home: string;
  updated: string;
  readingTime: (minutes: number) => string;
  tags: string;
  source: string;
  licence: string;
  synthetic: string;
  neighbours: string;
  previous: string;
  next: string;
  readAlso: string;
  /** The front page: the heading of its time-stamped feed of the latest news. */
  newsFeed: string;
  /** The notice a draft shows while serving. */
  draft: string;
  draftNotice: string;
  /** The notice an article under embargo shows while serving; the date follows `embargoUntil`. */
  embargo: string;
  embargoUntil: string;
  embargoNotice: string;
  /** Put before a photo's credit: «Фото: portaktau.kz». */
  photoCredit: string;
  /** The feeds page and the feeds' own titles. */
  feedsTitle: string;
  feedsIntro: string;
  feedsAllNews: string;
  feedsByTag: string;
  feedsByTagIntro: string;
  feedsOpml: string;
  feedsOpmlNote: string;
  feedsAggregators: string;
  feedsYandex: string;
  feedsYandexNote: string;
  /** A tag feed's description: «Новости с тегом «Логистика»». */
  tagFeedDescription: (tag: string) => string;
  /** The OPML list's title after the site's name, and the name of its group of tag feeds. */
  opmlTitle: string;
  opmlTags: string;
  /** The page for unknown addresses. */
  notFoundTitle: string;
  notFoundText: string;
  notFoundSearch: string;
  notFoundLatest: string;
  toFrontPage: string;
  /** Offline reading: the page shown without a connection, and the save control in the footer. */
  offlineTitle: string;
  offlineHeading: string;
  offlineText: string;
  offlineWorks: string;
  offlineSearchWorks: string;
  offlineSaved: string;
  offlineSave: string;
}

/** The tables Vestnik ships, by language (BCP 47 primary subtag). */
export const stringTables: Record<string, UiStrings> = { ru, kk, en };

/** The table for a language (its primary subtag), with a site's own strings over it. */
export function uiStrings(language: string, own: Partial<UiStrings> = {}): UiStrings {
  const table = stringTables[language.toLowerCase().split("-")[0] ?? ""] ?? ru;
  return { ...table, ...own };
}

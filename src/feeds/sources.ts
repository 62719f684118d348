import type { ArticleItem, Newsroom, TagEntry } from "../articles/newsroom.ts";
import { escapeHtml } from "../html.ts";
import type { UiStrings } from "../theme/strings.ts";
import { feedText } from "./content.ts";
import type { FeedEntry } from "./entries.ts";

/**
 * One feed: the site's, in three formats of whole articles (`/feed.xml`, `/feed.atom`,
 * `/feed.json`), or a tag's, one RSS 2.0 file of summaries (`/tags/<slug>/feed.xml`).
 */
export interface FeedSource {
  title: string;
  /** The agency (the site's title): the author of articles that name none. */
  publisher: string;
  description: string;
  /** The description as HTML, for RSS `<description>`, which readers render as HTML. */
  descriptionHtml: string;
  /** The page the feed follows: `/`, `/tags/<slug>/` or `/tags/few/<letter>/#tag-<slug>` (before the path prefix, as Eleventy's URLs are). */
  homeUrl: string;
  rssUrl: string;
  /** The site's feed only: a tag's feed is RSS alone. */
  atomUrl?: string;
  /** The site's feed only: a tag's feed is RSS alone. */
  jsonUrl?: string;
  /**
   * True for a tag's feed: each item is the article's title, link, date, author and lead, not its
   * whole text or its tags. With thousands of tags, whole articles in three formats were most of
   * the site's bytes (392 of 628 MB at 10,000 articles); a reader following a tag opens the article.
   */
  summaries: boolean;
  /** The tag, for a tag's feed. */
  tag?: Pick<TagEntry, "name" | "slug" | "url">;
  /** The newest articles, drafts left out, at most `feedLength` (a tag's: `tagFeedLength`). */
  articles: ArticleItem[];
  /** The newest publication or edit among `articles`; the build's start when there are none. */
  updated: Date;
  /** The edition's language for an edition's feed (`/kk/feed.xml`); undefined for the site's own. */
  language?: string;
}

export interface SourceSettings {
  title: string;
  description: string;
  feedLength: number;
  tagFeedLength: number;
  strings: Pick<UiStrings, "tagFeedDescription">;
}

/**
 * Every feed of the newsroom: the site's first, then one per tag in the tags' order. Each holds the
 * newest articles that are not drafts (`feedLength` of them in the site's, `tagFeedLength` in a
 * tag's): a draft can be previewed on the site while serving, but never reaches a subscriber. A
 * tag's list is already sorted, so each feed costs a few steps however many articles the tag has.
 */
export function feedSources(newsroom: Newsroom, settings: SourceSettings, home = "/"): FeedSource[] {
  const siteTitle = feedText(settings.title, 200);
  const site = feedSource(
    home,
    siteTitle,
    siteTitle,
    feedText(settings.description, 500) || siteTitle,
    newest(newsroom.articles, settings.feedLength),
  );
  site.atomUrl = `${home}feed.atom`;
  site.jsonUrl = `${home}feed.json`;
  const tags = newsroom.tags.map((tag) => {
    const name = feedText(tag.name, 200);
    const articles = newest(tag.articles, settings.tagFeedLength);
    const feed = feedSource(tag.url, `${siteTitle} — ${name}`, siteTitle, settings.strings.tagFeedDescription(name), articles);
    // A tag without a page of its own keeps its feed beside where its page would be.
    feed.rssUrl = tag.feedUrl;
    feed.summaries = true;
    feed.tag = { name, slug: tag.slug, url: tag.url };
    return feed;
  });
  return [site, ...tags];
}

function feedSource(homeUrl: string, title: string, publisher: string, description: string, articles: ArticleItem[]): FeedSource {
  const newestChange = articles.reduce((time, item) => {
    const { date, updated } = item.data.article;
    return Math.max(time, date.getTime(), updated?.getTime() ?? 0);
  }, 0);
  return {
    title,
    publisher,
    description,
    descriptionHtml: escapeHtml(description),
    homeUrl,
    rssUrl: `${homeUrl}feed.xml`,
    summaries: false,
    articles,
    updated: newestChange > 0 ? new Date(newestChange) : new Date(),
  };
}

function newest(articles: ArticleItem[], count: number): ArticleItem[] {
  const chosen: ArticleItem[] = [];
  for (const item of articles) {
    if (chosen.length === count) break;
    if (!item.data.article.draft) chosen.push(item);
  }
  return chosen;
}

/** `/tags/x/feed.json` → `https://agency.github.io/novosti/tags/x/feed.json`, given the site's absolute root. */
export function onSite(url: string, site: string): string {
  return new URL(url.replace(/^\//, ""), site).toString();
}

/** A feed as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function jsonFeed(feed: FeedSource, entries: FeedEntry[], site: string, language: string): string {
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: onSite(feed.homeUrl, site),
    feed_url: onSite(feed.jsonUrl ?? `${feed.homeUrl}feed.json`, site),
    description: feed.description,
    language,
    authors: [{ name: feed.publisher, url: site }],
    items: entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      content_html: entry.html,
      summary: entry.summary || undefined,
      image: entry.image?.url,
      date_published: rfc3339(entry.published),
      date_modified: entry.edited ? rfc3339(entry.updated) : undefined,
      authors: entry.author ? [{ name: entry.author }] : undefined,
      tags: entry.tags.length > 0 ? entry.tags : undefined,
      language: entry.language,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** RFC 3339 in UTC without milliseconds, as the RSS plugin's `dateToRfc3339` writes Atom dates. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

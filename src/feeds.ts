/**
 * The newsroom's feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of whole articles for the whole site
 * (`/feed.xml`, `/feed.atom`, `/feed.json`), an RSS 2.0 feed of summaries for every tag
 * (`/tags/<slug>/feed.xml`), and an OPML list of them all (`/feeds.opml`). A tag feed is one
 * format, the one every reader and aggregator takes, and carries leads, not whole articles: an
 * agency's archive has a tag for every name in the news (8,000 at 10,000 articles), and three
 * formats of twenty whole articles per tag were 392 of the site's 628 MB. For the same reason the
 * RSS is written unindented (5 % of a tag feed) and a tag feed leaves out the generator.
 *
 * Written here rather than taken from `@11ty/eleventy-plugin-rss`'s virtual template, which (in
 * 3.0.0) uses `content:encoded` without declaring its namespace, reverses the collection it is
 * given, writes no per-article author and makes one feed only. Its date formats are used as
 * `vestnikRfc3339Date` and `vestnikRfc822Date`, which format each moment once (the plugin itself is
 * not added: its unprefixed filters are the site's to add), and Eleventy's `htmlBaseUrl` for
 * absolute links. The base given to `htmlBaseUrl`
 * is the bare origin: Eleventy adds the path prefix itself, so a base that ended in the prefix would
 * double it. Article HTML is made absolute, sanitized and cached once per build by `FeedEntries`.
 */
import type { ArticleItem, Newsroom } from "./articles/newsroom.ts";
import { type EntrySettings, FeedEntries, type FeedEntry } from "./feeds/entries.ts";
import { type FeedSource, feedSources, jsonFeed } from "./feeds/sources.ts";
import type { ResolvedOptions } from "./options.ts";

export type { FeedEntry } from "./feeds/entries.ts";
export type { FeedSource } from "./feeds/sources.ts";

/** The site's absolute root with the path prefix: `https://agency.github.io/novosti/`. */
const siteRoot = `{%- set site = "/" | htmlBaseUrl(vestnik.origin) %}`;

export const rssTemplate = `<?xml version="1.0" encoding="utf-8"?>
${siteRoot}
{#- A namespace only where it is used: most of thousands of tag feeds have no edited article. #}
{%- set entries = feed.articles | vestnikFeedEntries(site) %}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"{% if not feed.summaries %} xmlns:content="http://purl.org/rss/1.0/modules/content/"{% endif %} xmlns:dc="http://purl.org/dc/elements/1.1/"{% if not feed.summaries or (entries | selectattr("edited") | length) %} xmlns:dcterms="http://purl.org/dc/terms/"{% endif %}>
<channel>
<title>{{ feed.title }}</title>
<link>{{ feed.homeUrl | htmlBaseUrl(vestnik.origin) }}</link>
<atom:link href="{{ feed.rssUrl | htmlBaseUrl(vestnik.origin) }}" rel="self" type="application/rss+xml"/>
<description>{{ feed.descriptionHtml }}</description>
<language>{{ vestnik.language }}</language>
<lastBuildDate>{{ feed.updated | vestnikRfc822Date }}</lastBuildDate>
{%- if not feed.summaries %}
<generator>Vestnik (Eleventy {{ eleventy.version }})</generator>
{%- endif %}
{%- for entry in entries %}
<item>
<title>{{ entry.title }}</title>
<link>{{ entry.url }}</link>
<guid isPermaLink="false">{{ entry.id }}</guid>
<pubDate>{{ entry.published | vestnikRfc822Date }}</pubDate>
{%- if entry.edited %}
<dcterms:modified>{{ entry.updated | vestnikRfc3339Date }}</dcterms:modified>
{%- endif %}
{%- if entry.author %}
<dc:creator>{{ entry.author }}</dc:creator>
{%- endif %}
{%- if entry.language %}
<dc:language>{{ entry.language }}</dc:language>
{%- endif %}
{%- if not feed.summaries %}
{%- for tag in entry.tags %}
<category>{{ tag }}</category>
{%- endfor %}
{%- endif %}
{%- if entry.summaryHtml %}
<description>{{ entry.summaryHtml }}</description>
{%- endif %}
{%- if not feed.summaries %}
<content:encoded>{{ entry.html }}</content:encoded>
{%- endif %}
{%- if entry.image and entry.image.length and entry.image.type %}
<enclosure url="{{ entry.image.url }}" length="{{ entry.image.length }}" type="{{ entry.image.type }}"/>
{%- endif %}
</item>
{%- endfor %}
</channel>
</rss>
`;

export const atomTemplate = `<?xml version="1.0" encoding="utf-8"?>
${siteRoot}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ vestnik.language }}">
  <title>{{ feed.title }}</title>
  <subtitle>{{ feed.description }}</subtitle>
  <link href="{{ feed.atomUrl | htmlBaseUrl(vestnik.origin) }}" rel="self" type="application/atom+xml"/>
  <link href="{{ feed.homeUrl | htmlBaseUrl(vestnik.origin) }}" rel="alternate" type="text/html"/>
  <id>{{ feed.atomUrl | htmlBaseUrl(vestnik.origin) }}</id>
  <updated>{{ feed.updated | vestnikRfc3339Date }}</updated>
  <author>
    <name>{{ feed.publisher }}</name>
    <uri>{{ site }}</uri>
  </author>
  <generator uri="https://www.11ty.dev/" version="{{ eleventy.version }}">Vestnik</generator>
  {%- for entry in feed.articles | vestnikFeedEntries(site) %}
  <entry{% if entry.language %} xml:lang="{{ entry.language }}"{% endif %}>
    <title>{{ entry.title }}</title>
    <link href="{{ entry.url }}" rel="alternate" type="text/html"/>
    <id>{{ entry.id }}</id>
    <published>{{ entry.published | vestnikRfc3339Date }}</published>
    <updated>{{ entry.updated | vestnikRfc3339Date }}</updated>
    {%- if entry.author %}
    <author>
      <name>{{ entry.author }}</name>
    </author>
    {%- endif %}
    {%- for tag in entry.tags %}
    <category term="{{ tag }}"/>
    {%- endfor %}
    {%- if entry.summary %}
    <summary type="text">{{ entry.summary }}</summary>
    {%- endif %}
    <content type="html">{{ entry.html }}</content>
    {%- if entry.image %}
    <link rel="enclosure" href="{{ entry.image.url }}"{% if entry.image.type %} type="{{ entry.image.type }}"{% endif %}{% if entry.image.length %} length="{{ entry.image.length }}"{% endif %}/>
    {%- endif %}
  </entry>
  {%- endfor %}
</feed>
`;

export const jsonTemplate = `${siteRoot}{{ feed | vestnikJsonFeed(site) | safe }}`;

/** OPML 2.0 (http://opml.org/spec2.opml): the site's feed, then every tag's, for importing into a reader at once. */
export const opmlTemplate = `<?xml version="1.0" encoding="utf-8"?>
${siteRoot}
{%- set siteFeed = collections.vestnikFeeds[0] %}
<opml version="2.0">
  <head>
    <title>{{ siteFeed.title }}: {{ vestnik.strings.opmlTitle }}</title>
    <dateCreated>{{ siteFeed.updated | vestnikRfc822Date }}</dateCreated>
    <docs>http://opml.org/spec2.opml</docs>
  </head>
  <body>
    <outline type="rss" version="RSS2" text="{{ siteFeed.title }}" title="{{ siteFeed.title }}" xmlUrl="{{ siteFeed.rssUrl | htmlBaseUrl(vestnik.origin) }}" htmlUrl="{{ siteFeed.homeUrl | htmlBaseUrl(vestnik.origin) }}" language="{{ vestnik.language }}"/>
    <outline text="{{ vestnik.strings.opmlTags }}" title="{{ vestnik.strings.opmlTags }}">
      {#- One line per tag, thousands of them: OPML 2.0's required type, text and xmlUrl, and the page
          (version, title and language are optional and said once above), 75 bytes a tag less. #}
      {%- for feed in collections.vestnikFeeds %}{% if feed.tag and not feed.language %}
<outline type="rss" text="{{ feed.tag.name }}" xmlUrl="{{ feed.rssUrl | htmlBaseUrl(vestnik.origin) }}" htmlUrl="{{ feed.homeUrl | htmlBaseUrl(vestnik.origin) }}"/>
      {%- endif %}{% endfor %}
    </outline>
  </body>
</opml>
`;

/** One feed page per feed source that has this format: RSS for the site and each tag, Atom and JSON Feed for the site. */
const everyFeed = (format: "rssUrl" | "atomUrl" | "jsonUrl") => ({
  pagination: {
    data: "collections.vestnikFeedsToRender",
    size: 1,
    alias: "feed",
    addAllPagesToCollections: false,
    before: (feeds: FeedSource[]) => (format === "rssUrl" ? feeds : feeds.filter((feed) => feed[format] !== undefined)),
  },
  permalink: `{{ feed.${format} }}`,
  // Feeds show whole articles, so they must render after them: Eleventy orders by declared imports.
  eleventyImport: { collections: ["vestnikArticles"] },
});

/** The feed templates, as `[virtual path, content, data]` for `eleventyConfig.addTemplate`. */
export const feedTemplates: [string, string, Record<string, unknown>][] = [
  ["feed-rss.njk", rssTemplate, everyFeed("rssUrl")],
  ["feed-atom.njk", atomTemplate, everyFeed("atomUrl")],
  ["feed-json.njk", jsonTemplate, everyFeed("jsonUrl")],
  ["feeds-opml.njk", opmlTemplate, { permalink: "/feeds.opml" }],
];

/**
 * What templates need from the feeds during one build: the list of feeds (a collection) and each
 * article's feed entry, made once and cached until `reset()` (call it when a build starts).
 */
export class NewsroomFeeds {
  private readonly entries: FeedEntries;

  constructor(
    private readonly options: ResolvedOptions,
    directories: EntrySettings["directories"],
  ) {
    this.entries = new FeedEntries({
      host: new URL(options.origin).hostname,
      timeZone: options.timeZone,
      articlesDir: options.articlesDir,
      directories,
      // «Photo:» in an English article's entry: an article is in its own edition's feeds only.
      photoCredit: (language) => (language ? options.stringsByLanguage[language] : undefined)?.photoCredit ?? options.strings.photoCredit,
    });
  }

  reset(): void {
    this.entries.reset();
  }

  /** Every feed: the site's, then each tag's; an edition's (`/kk/feed.xml`, …) with its options and language. */
  sources(newsroom: Newsroom, edition?: { options: ResolvedOptions; prefix: string; language: string }): FeedSource[] {
    if (!edition?.prefix) return feedSources(newsroom, this.options);
    return feedSources(newsroom, edition.options, `${edition.prefix}/`).map((feed) => ({ ...feed, language: edition.language }));
  }

  /** The feed entries of these articles; `site` is the site's absolute root. */
  entriesOf(articles: ArticleItem[], site: string): FeedEntry[] {
    return articles.map((item) => this.entries.of(item, site));
  }

  json(feed: FeedSource, site: string): string {
    return jsonFeed(feed, this.entriesOf(feed.articles, site), site, feed.language ?? this.options.language);
  }
}

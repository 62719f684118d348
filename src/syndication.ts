/**
 * What news aggregators read besides the site's own feeds:
 *
 * - `/feeds/yandex.xml`, for Yandex News / Dzen («Свежие и важные новости» in Yandex Webmaster).
 *   Followed: Yandex Webmaster, «Latest and most important news»
 *   (https://yandex.com/support/webmaster/en/search-appearance/fresh-content): RSS 2.0 in UTF-8
 *   with the namespace `http://news.yandex.ru`, each item with title, link, pubDate and
 *   `yandex:full-text`, the whole text without HTML or advertising; Dzen's markup notes
 *   (https://yandex.com/support/zen/website/rss-modify.html): a photo as `enclosure`, recent items
 *   only (Dzen says two to three days). The rest follows the element names of Yandex News's feed
 *   format (https://yandex.ru/support/news/feed.html, not stored here to check): `yandex:genre`
 *   («message» is a news item), `author`, `category`, `description` for the lead. The window is
 *   the `yandexFeedDays` option, 8 days by default.
 * - `/news-sitemap.xml`, for Google News. Followed: Google Search Central, «News sitemaps»
 *   (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap): the
 *   namespace `http://www.google.com/schemas/sitemap-news/0.9`, only articles of the last two days,
 *   at most 1,000 `news:news` entries, each with `news:publication` (`news:name`, `news:language`
 *   as an ISO 639 code), `news:publication_date` in W3C format and `news:title`. robots.txt names it
 *   (src/publishing.ts).
 *
 * Both count days back from the build's clock (`SOURCE_DATE_EPOCH` or now, src/dates.ts), so they
 * are as fresh as the last build: the GitHub Pages workflow rebuilds every 15 minutes.
 */
import sanitizeHtml from "sanitize-html";
import type { ArticleItem } from "./articles/newsroom.ts";
import type { EleventyConfig } from "./eleventy.ts";
import type { ResolvedOptions } from "./options.ts";
import { withoutControlCharacters } from "./text.ts";

/** Google News reads entries of the last two days, and at most 1,000 of them. */
export const newsSitemapDays = 2;
export const newsSitemapLimit = 1000;
/** Yandex News asks for no more than its window; this keeps a busy day's feed within its size limit too. */
const yandexFeedLimit = 1000;
/** Yandex's genre for a news item (the others are «article» and «interview»). */
export const yandexGenre = "message";

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The newest articles published in the `days` before `now`, at most `limit`, drafts left out.
 * `articles` must be newest first (as the newsroom sorts them), so the walk stops at the first one
 * that is too old. An article dated after `now` is under embargo (only `npm start` has one): left out.
 */
export function recentArticles(articles: ArticleItem[], { now, days, limit }: { now: Date; days: number; limit: number }): ArticleItem[] {
  const since = now.getTime() - days * dayMs;
  const chosen: ArticleItem[] = [];
  for (const item of articles) {
    if (chosen.length >= limit) break;
    const { date, draft } = item.data.article;
    if (date.getTime() > now.getTime() || draft) continue;
    if (date.getTime() < since) break;
    chosen.push(item);
  }
  return chosen;
}

/** Tags after which a paragraph ends, and after which a line ends. */
const paragraphEnd = /<\/(p|h[1-6]|li|blockquote|div|figure|pre|table|tr|ul|ol|dd|dt)\s*>/gi;
const lineBreak = /<br\s*\/?>/gi;

/**
 * An article's HTML as plain text, paragraphs separated by a blank line: what Yandex wants in
 * `yandex:full-text`. sanitize-html parses the markup (a regular expression cannot be trusted with
 * tags); the marks put in first only say where paragraphs and lines ended. Photo captions, scripts
 * and styles are not the article's text.
 */
export function plainText(html: string): string {
  const marked = html.replace(paragraphEnd, "$&\u2029").replace(lineBreak, "$&\u2028");
  const escaped = sanitizeHtml(marked, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "figcaption", "template"],
  });
  // The sanitizer escapes the text it returns as HTML; the template escapes it once, as XML.
  const text = escaped.replace(/&(lt|gt|quot|amp);/g, (_, name: string) => ({ lt: "<", gt: ">", quot: '"', amp: "&" })[name] ?? "");
  return withoutControlCharacters(text)
    .split("\u2029")
    .map((paragraph) =>
      paragraph
        .split("\u2028")
        .map((line) => line.replace(/[ \t\r\n\f]+/g, " ").trim())
        .filter((line) => line !== "")
        .join("\n"),
    )
    .filter((paragraph) => paragraph !== "")
    .join("\n\n");
}

/** The whole text of an article for Yandex: its lead, then its body. */
export function fullText(item: ArticleItem): string {
  const lead = withoutControlCharacters(item.data.article.lead ?? "")
    .replace(/[ \t\r\n\f]+/g, " ")
    .trim();
  return [lead, plainText(item.content ?? "")].filter((part) => part !== "").join("\n\n");
}

/** `ru`, `kk`: Google wants an ISO 639 code, so a BCP 47 tag such as `ru-KZ` gives its language only. */
export function newsLanguage(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? tag).toLowerCase();
}

/** Leaves generated files out of `collections.all`, so they never list themselves. */
const generated = { eleventyExcludeFromCollections: true };

export const yandexFeedTemplate = `<?xml version="1.0" encoding="utf-8"?>
{%- set site = "/" | htmlBaseUrl(vestnik.origin) %}
{%- set items = collections.vestnikArticles | vestnikYandexArticles %}
<rss version="2.0" xmlns:yandex="http://news.yandex.ru">
  <channel>
    <title>{{ vestnik.title }}</title>
    <link>{{ site }}</link>
    <description>{{ vestnik.description or vestnik.title }}</description>
    <language>{{ vestnik.language }}</language>
    {%- for entry in items | vestnikFeedEntries(site) %}
    {%- set item = items[loop.index0] %}
    <item>
      <title>{{ entry.title }}</title>
      <link>{{ entry.url }}</link>
      <pubDate>{{ entry.published | vestnikRfc822Date }}</pubDate>
      {%- if entry.author %}
      <author>{{ entry.author }}</author>
      {%- endif %}
      {%- for tag in entry.tags %}
      <category>{{ tag }}</category>
      {%- endfor %}
      {%- if entry.image and entry.image.type %}
      <enclosure url="{{ entry.image.url }}" type="{{ entry.image.type }}"{% if entry.image.length %} length="{{ entry.image.length }}"{% endif %}/>
      {%- endif %}
      {%- if entry.summary %}
      <description>{{ entry.summary }}</description>
      {%- endif %}
      <yandex:genre>${yandexGenre}</yandex:genre>
      <yandex:full-text>{{ item | vestnikFullText }}</yandex:full-text>
    </item>
    {%- endfor %}
  </channel>
</rss>
`;

export const newsSitemapTemplate = `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  {%- for item in collections.vestnikArticles | vestnikNewsSitemapArticles %}
  <url>
    <loc>{{ item.url | vestnikSiteUrl }}</loc>
    <news:news>
      <news:publication>
        <news:name>{{ vestnik.title }}</news:name>
        <news:language>{{ (item.data.article.lang or vestnik.language) | vestnikNewsLanguage }}</news:language>
      </news:publication>
      <news:publication_date>{{ item.data.article.date | vestnikMachineDate }}</news:publication_date>
      <news:title>{{ item.data.article.title }}</news:title>
    </news:news>
  </url>
  {%- endfor %}
</urlset>
`;

/**
 * Adds `/feeds/yandex.xml` and `/news-sitemap.xml`. `now` is the build's clock (the embargoes'
 * one, so an article is in these files exactly when it is published). Gives the articles whose
 * whole text the Yandex feed carries: a sharded build hands their bodies on (shard-role.ts).
 */
export function addSyndication(
  eleventyConfig: EleventyConfig,
  options: ResolvedOptions,
  now: () => Date,
): { wholeTexts: (articles: ArticleItem[]) => ArticleItem[] } {
  const yandexArticles = (articles: ArticleItem[] = []) =>
    recentArticles(articles, { now: now(), days: options.yandexFeedDays, limit: yandexFeedLimit });
  eleventyConfig.addFilter("vestnikYandexArticles", yandexArticles);
  eleventyConfig.addFilter("vestnikNewsSitemapArticles", (articles: ArticleItem[] = []) =>
    recentArticles(articles, { now: now(), days: newsSitemapDays, limit: newsSitemapLimit }),
  );
  eleventyConfig.addFilter("vestnikFullText", (item: ArticleItem) => fullText(item));
  eleventyConfig.addFilter("vestnikNewsLanguage", (tag: string) => newsLanguage(tag));
  eleventyConfig.addTemplate("vestnik/yandex-feed.njk", yandexFeedTemplate, {
    ...generated,
    permalink: "/feeds/yandex.xml",
    // The whole text of each article: render after the articles, as the site's feeds do.
    eleventyImport: { collections: ["vestnikArticles"] },
  });
  eleventyConfig.addTemplate("vestnik/news-sitemap.njk", newsSitemapTemplate, { ...generated, permalink: "/news-sitemap.xml" });
  return { wholeTexts: yandexArticles };
}

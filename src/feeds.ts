/**
 * The site's RSS 2.0 feed at `/feed.xml`. Written here rather than taken from
 * `@11ty/eleventy-plugin-rss`'s virtual template, which (in 3.0.0) uses `content:encoded` without
 * declaring its namespace, reverses the collection it is given and writes no per-article author.
 * Its filters are used: `htmlBaseUrl` for absolute links and `renderTransforms` for absolute URLs
 * inside article HTML. The base given to both is the bare origin: Eleventy adds the path prefix
 * itself, so a base that ended in the prefix would double it.
 */
export const rssTemplate = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>{{ vestnik.title }}</title>
    <link>{{ "/" | htmlBaseUrl(vestnik.origin) }}</link>
    <atom:link href="{{ permalink | htmlBaseUrl(vestnik.origin) }}" rel="self" type="application/rss+xml"/>
    <description>{{ vestnik.description or vestnik.title }}</description>
    <language>{{ vestnik.language }}</language>
    {%- set feedArticles = collections.articles | vestnikFeedArticles %}
    {%- if feedArticles.length %}
    <lastBuildDate>{{ feedArticles | vestnikNewestChange | dateToRfc822(vestnik.timeZone) }}</lastBuildDate>
    {%- endif %}
    <generator>Vestnik (Eleventy {{ eleventy.version }})</generator>
    {%- for item in feedArticles %}
    {%- set article = item.data.article %}
    {%- set articleUrl = item.url | htmlBaseUrl(vestnik.origin) %}
    <item>
      <title>{{ article.title }}</title>
      <link>{{ articleUrl }}</link>
      <guid isPermaLink="true">{{ articleUrl }}</guid>
      <pubDate>{{ article.date | dateToRfc822(vestnik.timeZone) }}</pubDate>
      {%- if article.author %}
      <dc:creator>{{ article.author }}</dc:creator>
      {%- endif %}
      {%- for tag in article.tags %}
      <category>{{ tag }}</category>
      {%- endfor %}
      <description>{{ article.lead or article.title }}</description>
      <content:encoded>{{ item | vestnikArticleHtml | renderTransforms(item.data.page, vestnik.origin) }}</content:encoded>
    </item>
    {%- endfor %}
  </channel>
</rss>
`;

import path from "node:path";
import { addEditorsDesk } from "./admin.ts";
import { articleFileOf, checkArticleText } from "./articles/checks.ts";
import { addEmbargoes } from "./articles/embargo.ts";
import { createFrontMatterReader } from "./articles/front-matter.ts";
import { type ArticleItem, listPageFacts, type Newsroom } from "./articles/newsroom.ts";
import { Newsrooms } from "./articles/newsrooms.ts";
import { ArticleProblems } from "./articles/problems.ts";
import { countWrittenPages } from "./build/page-count.ts";
import { NewsroomCalendar } from "./dates.ts";
import { DefaultImage } from "./default-image.ts";
import { EditedLists } from "./edited-lists.ts";
import { type Edition, editionOfUrl, editionsOf, layoutData } from "./editions.ts";
import { type CollectionApi, type EleventyConfig, eleventyVersions } from "./eleventy.ts";
import { applyEleventyPatches } from "./eleventy-patches/index.ts";
import { type FeedSource, NewsroomFeeds } from "./feeds.ts";
import { NewsroomImages } from "./images.ts";
import { handOverIndexJob, indexJobOf, runIndexJob } from "./indexing.ts";
import { createMarkdown, renderArticlesWith } from "./markdown.ts";
import { addOfflineReading } from "./offline.ts";
import { resolveOptions, type VestnikOptions } from "./options.ts";
import { addEditionPages, addNewsroomPages } from "./pages.ts";
import { addPublishingFiles } from "./publishing.ts";
import { CatchUp, IndexProcess } from "./search/catch-up.ts";
import { type ListKind, ShardRole } from "./shard-role.ts";
import { addSyndication } from "./syndication.ts";
import { addTheme } from "./theme/index.ts";
import { Typography } from "./typography.ts";

export type { Article } from "./articles/front-matter.ts";
export type { NewsroomPages, SiteCredit, VestnikOptions } from "./options.ts";
export { themeLayouts } from "./theme/layouts.ts";
export type { UiStrings } from "./theme/strings.ts";

/** Articles in each part of the search index while serving (`npm start`): one part re-indexes in about two seconds. */
const watchPartSize = 2_000;

/**
 * Vestnik: publishes a news agency's Markdown articles as article pages, a paginated front page,
 * tag pages, an RSS feed and a Russian search index. Add it in `.eleventy.ts`:
 * `eleventyConfig.addPlugin(vestnik, { title: "Вестник", baseUrl: "https://agency.github.io/novosti/" })`.
 */
export default function vestnik(eleventyConfig: EleventyConfig, given: VestnikOptions): void {
  eleventyConfig.versionCheck(eleventyVersions);
  const options = resolveOptions(given);
  // The site's own language, then each of its `editions` (editions.ts); one for most newsrooms.
  const editions = editionsOf(options);
  const problems = new ArticleProblems();
  const calendar = new NewsroomCalendar(options.language, options.timeZone);
  let runMode = process.env.ELEVENTY_RUN_MODE ?? "build";
  // One process of a sharded build (shards.ts): its own articles, the others' from the catalogue.
  const shard = ShardRole.of(eleventyConfig);
  // Each article's feed HTML is made once per build and shared by the site's and every tag's feeds.
  const feeds = new NewsroomFeeds(options, () => eleventyConfig.directories);
  const newsrooms = new Newsrooms(options, editions, problems, feeds);
  const newsroomOf = (api: CollectionApi): Newsroom =>
    newsrooms.collect(() => {
      const own = api.getAll().filter((item): item is typeof item & ArticleItem => item.data.article !== undefined && item.url !== false);
      return shard ? shard.items(own) : own;
    });
  /** The newsroom of the edition an address belongs to (the site's own for most pages). */
  const built = (url?: string): Newsroom => newsrooms.of(url);

  eleventyConfig.on("eleventy.before", (event) => {
    runMode = event.runMode;
    newsrooms.reset();
    feeds.reset();
  });

  // Eleventy's own path-prefix plugin (`htmlBaseUrl`, prefixed links in HTML), from the Eleventy that
  // runs; it is added once however many plugins ask. The RSS plugin is not added: Vestnik writes its
  // own feeds, and the RSS plugin's unprefixed filters are the site's to add.
  eleventyConfig.addPlugin(eleventyConfig.resolvePlugin("@11ty/eleventy/html-base-plugin"));
  const typography = new Typography(options.language, options.typography, options.cacheDir);
  // The cache folder sits in the project: its files are not pages, and writing them is not an edit.
  eleventyConfig.ignores?.add(`${options.cacheDir}/**`);
  eleventyConfig.watchIgnores?.add(`${options.cacheDir}/**`);
  // Eleventy waits until a saved file has kept its size for 150 ms before it rebuilds; a saved
  // Markdown article is written at once, so 50 ms is enough, and the edit shows 0.1 s sooner.
  // An agency's own watcher options win.
  eleventyConfig.setChokidarConfig?.({
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 },
    ...eleventyConfig.chokidarConfig,
  });
  const inputDir = () => eleventyConfig.directories?.input ?? ".";
  // Vestnik's Markdown and front matter are for the articles folder; the site's other pages keep its own.
  renderArticlesWith(
    eleventyConfig,
    createMarkdown(typography),
    (file) => file.endsWith(".md") && articleFileOf(file, inputDir(), options.articlesDir) !== undefined,
  );
  const siteFrontMatter = eleventyConfig.frontMatterParsingOptions?.engines?.yaml;
  // Articles dated after the build's clock wait, as drafts do (embargo.ts).
  const embargoes = addEmbargoes(eleventyConfig, options);
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: createFrontMatterReader({
        options,
        problems,
        includeDrafts: () => options.drafts ?? runMode !== "build",
        embargoes,
        inputDir: () => eleventyConfig.directories?.input ?? ".",
        typography,
        // Straight to stderr: Eleventy's --quiet must not hide a warning about an editor's article.
        warn: (message) => console.warn(`[vestnik] ${message}`),
        otherFiles: typeof siteFrontMatter === "function" ? (siteFrontMatter as (input: string, options?: unknown) => unknown) : undefined,
      }),
    },
  });
  const vestnikData = (edition: Edition) => layoutData(edition, editions);
  eleventyConfig.addGlobalData("vestnik", vestnikData(editions[0] as Edition));
  if (editions.length > 1) {
    // Each page sees `vestnik` in its edition's language: its strings, `<html lang>`, its pages
    // under `/kk/`. Only a site with editions pays for computing it per page.
    const dataOf = new Map(editions.map((edition) => [edition.language, vestnikData(edition)]));
    eleventyConfig.addGlobalData("eleventyComputed", () => ({
      vestnik: (data: { page?: { url?: string | false } }) =>
        dataOf.get(editionOfUrl(editions, typeof data.page?.url === "string" ? data.page.url : undefined).language),
    }));
  }
  // Photos kept beside their articles are published at the same path.
  eleventyConfig.addPassthroughCopy(`${options.articlesDir}/**/*.{jpg,jpeg,png,gif,webp,avif,svg}`);
  eleventyConfig.addPreprocessor("vestnik-article-text", "md", (data: { page: { inputPath: string } }, body: string) => {
    checkArticleText(data.page.inputPath, body, eleventyConfig.directories?.input ?? ".", options.articlesDir, problems);
  });

  eleventyConfig.addCollection("vestnikArticles", (api) => newsroomOf(api).articles);
  eleventyConfig.addCollection("vestnikTags", (api) => newsroomOf(api).tags);
  // The articles of the editions in other languages (`/kk/…`, `/en/…`): the sitemap lists them too.
  eleventyConfig.addCollection("vestnikEditionArticles", (api) => {
    newsroomOf(api);
    return newsrooms.editionArticles();
  });
  // The lists of one build, made once: pagination and the sitemap read them.
  const feedsOf = (api: CollectionApi) => {
    newsroomOf(api);
    return newsrooms.feedSources();
  };
  const listPagesOf = (api: CollectionApi) => {
    newsroomOf(api);
    return newsrooms.listPages();
  };
  eleventyConfig.addCollection("vestnikFeeds", feedsOf);
  eleventyConfig.addCollection("vestnikListPages", listPagesOf);
  const sitemapOf = (api: CollectionApi) => {
    newsroomOf(api);
    return newsrooms.sitemap();
  };
  // A process of a sharded build renders the lists and sitemap files its spec names (shard-role.ts).
  const listsHere = <T extends { url?: string; rssUrl?: string }>(kind: ListKind, lists: T[]) =>
    shard ? shard.listsToRender(kind, lists) : lists;
  eleventyConfig.addCollection("vestnikSitemapFiles", (api) => listsHere("sitemap", sitemapOf(api).files));
  eleventyConfig.addCollection("vestnikSitemapIndex", (api) => {
    const { files, index } = sitemapOf(api);
    return index ? [{ files }] : [];
  });
  // What pagination renders: every list, but in npm start after an article edit only those it changed.
  const edited = new EditedLists(
    eleventyConfig,
    (file) => file.endsWith(".md") && articleFileOf(file, eleventyConfig.directories?.input ?? ".", options.articlesDir) !== undefined,
  );
  eleventyConfig.addCollection("vestnikListPagesToRender", (api) =>
    edited.toRender("list", listsHere("list", listPagesOf(api)), listPageFacts),
  );
  eleventyConfig.addCollection("vestnikFeedsToRender", (api) =>
    edited.toRender("feed", listsHere("feed", feedsOf(api)), (feed) => [feed.title, feed.description, feed.updated.getTime()].join(" ")),
  );

  const images = new NewsroomImages(
    () => eleventyConfig.directories?.input ?? ".",
    () => eleventyConfig.directories?.output ?? "_site",
  );
  // An article without a photo shares the site's default image (default-image.ts); a missing file stops the build at once.
  const defaultImage = new DefaultImage(options.defaultImage, images, () => eleventyConfig.directories?.input ?? ".");
  eleventyConfig.on("eleventy.before", async () => {
    defaultImage.check();
    await defaultImage.make();
  });
  addTheme(eleventyConfig, {
    options,
    calendar,
    newsroom: built,
    images,
    defaultImage,
    strings: options.strings,
    edition: (url) => editionOfUrl(editions, url),
  });
  // A story's editions in every language, the page's own among them: its switcher and hreflang links.
  eleventyConfig.addFilter("vestnikStoryEditions", (story: string | undefined, url: string) => newsrooms.storyEditions(story, url));
  eleventyConfig.addFilter("vestnikEditionTags", (url: string) => built(url).tags);
  eleventyConfig.addFilter("vestnikLatestArticles", (url: string, count: number) => built(url).articles.slice(0, count));
  eleventyConfig.addFilter("vestnikFeedEntries", (articles: ArticleItem[], site: string) => feeds.entriesOf(articles, site));
  eleventyConfig.addFilter("vestnikJsonFeed", (feed: FeedSource, site: string) => feeds.json(feed, site));

  addNewsroomPages(eleventyConfig, options);
  for (const edition of editions.slice(1)) addEditionPages(eleventyConfig, edition);
  addPublishingFiles(eleventyConfig, options);
  const syndication = addSyndication(eleventyConfig, options, () => embargoes.now);
  addEditorsDesk(eleventyConfig, options);
  const offline = addOfflineReading(eleventyConfig, options, editions);

  // Eleventy 3's quadratic and repeated work at newsroom scale, each patch under a guard
  // (eleventy-patches/README.md). After the other transforms: one patch adds the last.
  applyEleventyPatches(eleventyConfig);
  // npm run build shows «pages n/N» instead of a line per page (build/page-count.ts).
  countWrittenPages(eleventyConfig);

  // npm start: the first build indexes as the production build does. After an edit, Pagefind has to
  // read every article of the edited part again (it cannot update one page), which takes longer than
  // rebuilding the pages; so the rebuilt pages are served at once and the index catches up in the
  // background, in a process of its own at a lower priority (catch-up.ts), off Eleventy's thread.
  const indexProcess = new IndexProcess();
  const catchUp = new CatchUp((message) => console.warn(`[vestnik] ${message}`));
  let indexedOnce = false;
  // The catch-up starts once Eleventy has finished the rebuild and told the browser to reload: its
  // first steps (reading which pages changed on disk) hold the event loop for a moment.
  let toIndex: (() => Promise<string>) | undefined;
  eleventyConfig.on("eleventy.afterwatch", () => {
    if (toIndex) catchUp.run(toIndex);
    toIndex = undefined;
  });
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode, runMode }) => {
    // Only a build that wrote files has something to index (not `--to=json`, not tests in memory).
    if (outputMode !== undefined && outputMode !== "fs") return;
    if (runMode === "build") typography.cache?.save();
    // npm start re-indexes the part of an edited article: smaller parts than a published site's,
    // whose readers pay for each part with a download.
    const partSize = runMode === "build" ? options.searchPartSize : Math.min(options.searchPartSize, watchPartSize);
    const articles = newsrooms.site?.articles ?? [];
    const job = () =>
      indexJobOf(newsrooms, path.resolve(directories.output), {
        partSize,
        newestPartSize: Math.min(options.searchNewestPartSize, partSize),
        // A production build keeps the lexicon's words for the next one (search/lexicon-cache.ts).
        cache: runMode === "build" ? path.resolve(options.cacheDir, "search") : undefined,
        worker: offline?.worker(),
      });
    if (runMode === "build") {
      // The lists process of a sharded build needs the bodies the feeds and the Yandex feed show.
      shard?.finish(path.resolve(directories.output), articles, [
        ...(newsrooms.site ? newsrooms.feedSources() : []),
        { articles: syndication.wholeTexts(articles) },
      ]);
      // `npm run build` makes the index in a process of its own, once Eleventy's has ended (indexing.ts).
      const built = job();
      if (!handOverIndexJob(built)) await runIndexJob(built);
    } else if (!indexedOnce) {
      await indexProcess.run(job());
      indexedOnce = true;
    } else {
      toIndex = () => indexProcess.run(job(), { background: true });
    }
  });
}

import path from "node:path";
import { fileURLToPath } from "node:url";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import pubDateRfc822 from "@11ty/eleventy-plugin-rss/src/dateRfc822.js";
import { addEditorsDesk } from "./admin.ts";
import { articleFileOf, checkArticleText } from "./articles/checks.ts";
import { addEmbargoes } from "./articles/embargo.ts";
import { type Article, createFrontMatterReader } from "./articles/front-matter.ts";
import { type ArticleItem, type ListPage, Newsroom } from "./articles/newsroom.ts";
import { ArticleProblems } from "./articles/problems.ts";
import { countWrittenPages } from "./build/page-count.ts";
import { compileTemplatesOnce } from "./compiled-templates.ts";
import { NewsroomCalendar } from "./dates.ts";
import { EditedLists } from "./edited-lists.ts";
import type { CollectionApi, EleventyConfig } from "./eleventy.ts";
import { deduplicateDependencyEdges, indexEleventyTemplateMap, rememberLocalDataPaths, rememberNormalizedPaths } from "./eleventy-map.ts";
import { type FeedSource, NewsroomFeeds } from "./feeds.ts";
import { NewsroomImages } from "./images.ts";
import { handOverIndexJob, type IndexJob, runIndexJob } from "./indexing.ts";
import { createMarkdown } from "./markdown.ts";
import { addOfflineReading } from "./offline.ts";
import { resolveOptions, type VestnikOptions } from "./options.ts";
import { addNewsroomPages } from "./pages.ts";
import { bodyWithPhotos, photoFigure, photoPositions } from "./photos.ts";
import { addPublishingFiles } from "./publishing.ts";
import { CatchUp, IndexProcess } from "./search/catch-up.ts";
import { planIndexParts } from "./search/parts.ts";
import { ShardRole } from "./shard-role.ts";
import { type NewsArticleContext, newsArticleJsonLd, readingTime } from "./sharing.ts";
import { addSyndication } from "./syndication.ts";
import { Typography } from "./typography.ts";
import { skipUnchangedWrites } from "./unchanged-pages.ts";
import { releaseWrittenPages } from "./written-pages.ts";

export type { Article } from "./articles/front-matter.ts";
export type { VestnikOptions } from "./options.ts";

const themeCss = fileURLToPath(new URL("./theme/vestnik.css", import.meta.url));
const themeLogo = fileURLToPath(new URL("./theme/logo.png", import.meta.url));
const articlesPlural = new Intl.PluralRules("ru");
const articleWord: Record<string, string> = { one: "статья", few: "статьи", many: "статей", other: "статьи" };

/** A date formatter that formats each moment once. */
function remembered<T>(format: (date: Date) => T): (date: Date) => T {
  const done = new Map<number, T>();
  return (date) => {
    if (!(date instanceof Date)) return format(date);
    const time = date.getTime();
    let text = done.get(time);
    if (text === undefined) {
      text = format(date);
      done.set(time, text);
    }
    return text;
  };
}

/** Articles in each part of the search index while serving (`npm start`): one part re-indexes in about two seconds. */
const watchPartSize = 2_000;

/**
 * Vestnik: publishes a news agency's Markdown articles as article pages, a paginated front page,
 * tag pages, an RSS feed and a Russian search index. Add it in `.eleventy.ts`:
 * `eleventyConfig.addPlugin(vestnik, { title: "Вестник", baseUrl: "https://agency.github.io/novosti/" })`.
 */
export default function vestnik(eleventyConfig: EleventyConfig, given: VestnikOptions): void {
  eleventyConfig.versionCheck(">=3.0.0");
  const options = resolveOptions(given);
  const problems = new ArticleProblems();
  const calendar = new NewsroomCalendar(options.language, options.timeZone);
  let runMode = process.env.ELEVENTY_RUN_MODE ?? "build";
  let newsroom: Newsroom | undefined;
  // The lists of one build, made once: pagination and the sitemap read them.
  let feedSources: FeedSource[] | undefined;
  let listPages: ListPage[] | undefined;
  // One process of a sharded build (shards.ts): its own articles, the others' from the catalogue.
  const shard = ShardRole.of(eleventyConfig);
  const newsroomOf = (api: CollectionApi): Newsroom => {
    if (newsroom) return newsroom;
    const own = api.getAll().filter((item): item is typeof item & ArticleItem => item.data.article !== undefined && item.url !== false);
    newsroom = new Newsroom(shard ? shard.items(own) : own, problems);
    return newsroom;
  };
  // Each article's feed HTML is made once per build and shared by the site's and every tag's feeds.
  const feeds = new NewsroomFeeds(options, () => eleventyConfig.directories);
  const built = (): Newsroom => {
    if (!newsroom) throw new Error("Vestnik: the articles are not collected yet; use this filter in templates only");
    return newsroom;
  };

  // Eleventy 3 scans its whole template map for every template and collection item, and repeats
  // work for every template on each rebuild of npm start (eleventy-map.ts). What it remembers for
  // the rebuilds would only cost a production build memory (60 MB at 10,000 articles).
  eleventyConfig.on("eleventy.before", async ({ runMode }) => {
    const rebuilds = runMode === "build" ? [] : [rememberNormalizedPaths(), rememberLocalDataPaths()];
    await Promise.all([indexEleventyTemplateMap(), deduplicateDependencyEdges(), ...rebuilds]);
  });
  // Eleventy 3.1 compiles a Nunjucks layout for every page it wraps (compiled-templates.ts).
  compileTemplatesOnce(eleventyConfig);
  eleventyConfig.on("eleventy.before", (event) => {
    runMode = event.runMode;
    newsroom = undefined;
    feedSources = undefined;
    listPages = undefined;
    feeds.reset();
  });

  eleventyConfig.addPlugin(rssPlugin);
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
  eleventyConfig.setLibrary("md", createMarkdown(typography));
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
      }),
    },
  });
  eleventyConfig.addGlobalData("vestnik", {
    title: options.title,
    description: options.description,
    origin: options.origin,
    language: options.language,
    timeZone: options.timeZone,
    search: options.search,
    contentSecurityPolicy: options.contentSecurityPolicy,
  });
  eleventyConfig.addPassthroughCopy({
    [path.relative(process.cwd(), themeCss)]: "assets/vestnik.css",
    [path.relative(process.cwd(), themeLogo)]: "assets/logo.png",
  });
  // Photos kept beside their articles are published at the same path.
  eleventyConfig.addPassthroughCopy(`${options.articlesDir}/**/*.{jpg,jpeg,png,gif,webp,avif,svg}`);
  eleventyConfig.addPreprocessor("vestnik-article-text", "md", (data: { page: { inputPath: string } }, body: string) => {
    checkArticleText(data.page.inputPath, body, eleventyConfig.directories?.input ?? ".", options.articlesDir, problems);
  });

  eleventyConfig.addCollection("articles", (api) => newsroomOf(api).articles);
  eleventyConfig.addCollection("vestnikTags", (api) => newsroomOf(api).tags);
  const feedsOf = (api: CollectionApi) => {
    feedSources ??= feeds.sources(newsroomOf(api));
    return feedSources;
  };
  const listPagesOf = (api: CollectionApi) => {
    const all = newsroomOf(api);
    listPages ??= [...all.frontPages(options.articlesPerPage, options.olderArticlesPerPage), ...all.tagPages(options.tagArticlesPerPage)];
    return listPages;
  };
  eleventyConfig.addCollection("vestnikFeeds", feedsOf);
  eleventyConfig.addCollection("vestnikListPages", listPagesOf);
  // What pagination renders: every list, but in npm start after an article edit only those it changed.
  const edited = new EditedLists(
    eleventyConfig,
    (file) => file.endsWith(".md") && articleFileOf(file, eleventyConfig.directories?.input ?? ".", options.articlesDir) !== undefined,
  );
  // A process of a sharded build renders the lists its spec names (shard-role.ts).
  const listsHere = <T extends { url?: string; rssUrl?: string }>(kind: "list" | "feed", lists: T[]) =>
    shard ? shard.listsToRender(kind, lists) : lists;
  eleventyConfig.addCollection("vestnikListPagesToRender", (api) =>
    edited.toRender("list", listsHere("list", listPagesOf(api)), (page) =>
      [page.pageNumber, page.pageCount, page.tag?.name, page.tag?.articles.length, page.newerUrl, page.olderUrl].join(" "),
    ),
  );
  eleventyConfig.addCollection("vestnikFeedsToRender", (api) =>
    edited.toRender("feed", listsHere("feed", feedsOf(api)), (feed) => [feed.title, feed.description, feed.updated.getTime()].join(" ")),
  );

  // An article's date is shown on its page, the front page, its tag pages, others' related lists
  // and several feeds: a dozen formattings of the same moment. Remember them.
  const dateFilters: Record<string, (date: Date) => string | number> = {
    readableDate: (date) => calendar.readable(date),
    readableDateTime: (date) => calendar.readableWithTime(date),
    machineDate: (date) => calendar.machine(date),
    year: (date) => calendar.year(date),
    // The RSS plugin's `dateToRfc822` in the site's zone: an article is in the site's feed and its tags' feeds.
    rfc822Date: (date) => pubDateRfc822(date, options.timeZone),
  };
  for (const [name, format] of Object.entries(dateFilters)) eleventyConfig.addFilter(name, remembered(format));
  eleventyConfig.addFilter("tagUrl", (name: string) => built().tag(name)?.url ?? "/tags/");
  eleventyConfig.addFilter("articleNeighbours", (url: string) => built().neighbours(url));
  eleventyConfig.addFilter("relatedArticles", (url: string) => built().related(url, options.relatedCount));
  const images = new NewsroomImages(
    () => eleventyConfig.directories?.input ?? ".",
    () => eleventyConfig.directories?.output ?? "_site",
  );
  eleventyConfig.addAsyncFilter("withPhotos", async (bodyHtml: string, photos: Article["photos"] = []) => {
    // The photo nearest the top loads at once; the others wait until the reader scrolls to them.
    const positions = photoPositions(bodyHtml ?? "", photos);
    const top = positions.indexOf(Math.min(...positions));
    const figures = await Promise.all(
      photos.map(async (photo, index) =>
        photoFigure(photo, images.isLocal(photo) ? await images.picture(photo, index === top) : undefined),
      ),
    );
    return bodyWithPhotos(bodyHtml ?? "", photos, figures);
  });
  eleventyConfig.addFilter("newsArticleJsonLd", (context: NewsArticleContext) => newsArticleJsonLd(context));
  eleventyConfig.addFilter("readingTime", (html: string) => readingTime(html ?? ""));
  // The article's first photo, for social cards and search results.
  eleventyConfig.addFilter("socialImage", (photos: Article["photos"] = []) => {
    const photo = photos.find((candidate) => candidate.src !== undefined);
    if (!photo) return undefined;
    return images.isLocal(photo) ? images.socialImage(photo) : { url: photo.src };
  });
  eleventyConfig.addFilter("countArticles", (count: number) => `${count} ${articleWord[articlesPlural.select(count)] ?? "статей"}`);
  eleventyConfig.addFilter("vestnikFeedEntries", (articles: ArticleItem[], site: string) => feeds.entriesOf(articles, site));
  eleventyConfig.addFilter("vestnikJsonFeed", (feed: FeedSource, site: string) => feeds.json(feed, site));

  addNewsroomPages(eleventyConfig, options);
  addPublishingFiles(eleventyConfig, options);
  const syndication = addSyndication(eleventyConfig, options, () => embargoes.now);
  addEditorsDesk(eleventyConfig, options);
  const offline = addOfflineReading(eleventyConfig, options);

  // Last of the transforms: a production build keeps pages as bytes and lets go of each once it is written (written-pages.ts).
  releaseWrittenPages(eleventyConfig);
  // npm start rewrites only the pages an edit changed (unchanged-pages.ts).
  skipUnchangedWrites(eleventyConfig);
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
    const articles = newsroom?.articles ?? [];
    const job = (): IndexJob => ({
      output: path.resolve(directories.output),
      parts: planIndexParts(
        articles.map((article) => article.url),
        partSize,
      ),
      search: options.search,
      worker: offline?.worker(),
    });
    if (runMode === "build") {
      // The lists process of a sharded build needs the bodies the feeds and the Yandex feed show.
      shard?.finish(path.resolve(directories.output), articles, [...(feedSources ?? []), { articles: syndication.wholeTexts(articles) }]);
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

import { type UiStrings, uiStrings } from "./theme/strings.ts";
import type { TypographyRules } from "./typography.ts";

/** What a newsroom configures when it adds the Vestnik plugin. Only `title` and `baseUrl` are required. */
export interface VestnikOptions {
  /** The agency's name, shown in every page header, the `<title>` and the feed. Required. */
  title: string;
  /**
   * Where the site is published, e.g. `https://agency.github.io/novosti/`. Required: feeds and
   * canonical links need absolute URLs. A path here is ignored; the path prefix is Eleventy's own
   * `--pathprefix` (or `PATH_PREFIX`), so a base URL that already ends in the prefix never doubles it.
   */
  baseUrl: string;
  /** One sentence about the agency, for the front page and the feed. Default: "". */
  description?: string;
  /** Language of the articles, a BCP 47 tag: `<html lang>`, dates, search (Russian forms, or Kazakh ones for `kk`), the feed. Default: `ru`. */
  language?: string;
  /**
   * The newsroom's other languages, e.g. `["kk", "en"]`: an article whose front matter says `lang: kk`
   * is published under `/kk/`, with that edition's own front page, tag pages, feeds, search and 404
   * page; the editions of one story share `story: <key>` and link each other. The site's `language`
   * stays at the root. Default: `[]`, one language.
   */
  editions?: string[];
  /** IANA time zone for article dates: a date without a time is that day here. Default: `Asia/Almaty`. */
  timeZone?: string;
  /** Folder, relative to the project, that holds the articles as Markdown. Default: `articles`. */
  articlesDir?: string;
  /** Items in the front page's time-stamped feed of the latest news, under its main story. Default: 10 (1–1000). */
  articlesPerPage?: number;
  /**
   * The front page's blocks, one per section, each with its newest four articles: a name is the
   * `section` an article is filed under or one of its tags, e.g. `["Экономика", "Политика"]`.
   * Default: none.
   */
  frontPageSections?: string[];
  /** Articles on each older page of the front page (`/page/1/`, the oldest, on), as headlines and dates. Default: 50 (1–1000). */
  olderArticlesPerPage?: number;
  /** Articles on each page of a tag page, as headlines and dates. Default: 50 (1–1000). */
  tagArticlesPerPage?: number;
  /**
   * How many articles give a tag a page of its own; a tag on fewer is a section (its articles and
   * its feed) of a shared page, `/tags/few/<first two letters of its slug>/`. Default: 3, so tags on
   * one or two articles share pages (a page of two headlines is thin for readers and search engines);
   * 1 gives every tag its own page (1–1000).
   */
  tagPageFrom?: number;
  /** Whole articles in each of the site's feeds (RSS, Atom and JSON Feed), newest first. Default: 20 (1–1000). */
  feedLength?: number;
  /**
   * Addresses in one sitemap file. A site with more has `/sitemap.xml` as an index of files under
   * `/sitemaps/`: the list pages, then the articles of each year (of each month, in a year of more).
   * Default and most: 50,000, the sitemaps.org limit, past which search engines refuse the file (1–50000).
   */
  sitemapSize?: number;
  /**
   * Articles in each tag's RSS feed, newest first, as summaries (title, link, date, author, lead).
   * Default: 10 (1–1000).
   */
  tagFeedLength?: number;
  /** Related articles (by shared tags) shown under an article. Default: 3 (0–20). */
  relatedCount?: number;
  /**
   * Whether articles with `draft: true` are published. Default: `true` while serving or watching
   * (`npm start`), `false` in a production build (`npm run build`).
   */
  drafts?: boolean;
  /** Build the Pagefind search index and the `/search/` page. Default: `true`. */
  search?: boolean;
  /**
   * Articles in each part of the search index, by date folders (src/search/parts.ts). Pagefind holds
   * a part's whole index in memory while it writes it (about 170 KB an article), and an edit in
   * `npm start` re-indexes only its part; each part costs a reader's first search one more small
   * download. Default: 10000 (1–1000000).
   */
  searchPartSize?: number;
  /**
   * Articles in the newest part of the search index, where whole days allow (src/search/parts.ts).
   * Pagefind cannot update one page, so a new article re-indexes its whole part: a small newest part
   * keeps a build since the last one quick (`--since-last`, breaking news); the older parts stay
   * `searchPartSize`. Default: 200 (1–1000000; `searchPartSize` or more: no smaller newest part).
   */
  searchNewestPartSize?: number;
  /** Layout used for articles: the theme's, or one in the site's includes folder. Default: `vestnik/article.njk`. */
  articleLayout?: string;
  /**
   * An article dated after the build's clock (now, or `SOURCE_DATE_EPOCH`) is under embargo: a
   * production build leaves it out until a build runs after that time. Dated more than 30 days ahead
   * it is usually a typo in the year: `"warn"` holds it and prints a warning, `"error"` stops the
   * build. Default: `"warn"`.
   */
  futureDates?: "warn" | "error";
  /**
   * Days of articles in the Yandex News / Dzen feed `/feeds/yandex.xml`, counted back from the
   * build's clock. Default: 8 (1–30).
   */
  yandexFeedDays?: number;
  /**
   * The Content-Security-Policy every page declares in a `<meta>` tag, or `false` for none. The
   * default allows the site's own scripts and styles, Pagefind's WebAssembly and worker, images and
   * embedded frames over https, and nothing inline.
   */
  contentSecurityPolicy?: string | false;
  /**
   * Typography (Typograf) on headlines, leads, captions and bodies at build time, by each article's
   * language: Russian rules for `ru` and `kk` («ёлочки», non-breaking spaces, dashes, number ranges),
   * English for `en` (“curly quotes”). `false` leaves the text as written; an object names Typograf
   * rules to switch on or off. Default: `true` (Typograf's default rules).
   */
  typography?: boolean | TypographyRules;
  /** Folder for work kept between builds (typography of long bodies). Default: `.cache/vestnik`. */
  cacheDir?: string;
  /**
   * Offline reading: a service worker, a web app manifest and an offline page, so that after one
   * visit the front page, pages already read and search work without a connection (README,
   * «Офлайн»). Only in a production build, never while serving with `npm start`. Default: `true`.
   */
  offline?: boolean;
  /**
   * How many of the newest articles «Сохранить для чтения офлайн» downloads, with their search
   * fragments; the worker keeps twice as many pages and fragments, plus 100, as read. Default: 50 (1–500).
   */
  offlineArticles?: number;
  /**
   * The editor's desk at `/admin/` (Sveltia CMS, README «Editing in the browser»): the GitHub
   * repository and branch the site is published from, e.g. `{ repo: "agency/novosti" }`. Editors
   * sign in with a GitHub token and their articles are committed there. Default: `false` (no desk).
   */
  cms?: CmsRepository | false;
  /**
   * The picture an article without a photo of its own shares in Open Graph, the Twitter card and
   * its NewsArticle JSON-LD (Google's article checks want one): a file in the site, from the input
   * folder (at least 1200 px wide, e.g. `"images/share.jpg"`), an absolute `https://` URL, or `false`
   * for none. Default: the theme's 1200×675 card with the Vestnik mark.
   */
  defaultImage?: string | false;
  /**
   * Where the plugin's own pages are published, each a path such as `/novosti/` (or `/404.html`), or
   * `false` for a page the site does without: its links and its sitemap entry go with it, e.g.
   * `{ front: "/news/", feeds: false }`. Default: every page at the address shown on its field.
   */
  pages?: NewsroomPages;
  /**
   * Words the theme shows readers, over the tables Vestnik ships (src/theme/strings.ts lists every
   * name): the site's `language` by name, an edition's under its code, e.g.
   * `{ readAlso: "Ещё по теме", kk: { readAlso: "Осы тақырыпта" } }`. Default: each table as it is.
   */
  strings?: SiteStrings;
  /**
   * What the footer credits on pages that do not name an article's own source: material the site
   * republishes, e.g. `[{ text: "Архивные новости —", source: "Викиновости", url: "https://ru.wikinews.org", license: "CC BY 4.0" }]`.
   * A line with `lang` is written in that language and shown only on its edition's pages (material
   * that edition republishes); a line without it is on every page, in the site's language. Default: `[]`.
   */
  credits?: SiteCredit[];
}

/**
 * A site's own words: names from src/theme/strings.ts for the site's `language`, and under a
 * language code (`ru`, `kk`, `en`: the site's own or one of its `editions`) that language's words.
 */
export type SiteStrings = Partial<UiStrings> & {
  [language: string]: Partial<UiStrings> | UiStrings[keyof UiStrings] | undefined;
};

/**
 * The plugin's pages, by what they are: each a path, or `false` for none. The offline page stays at
 * `/offline/`, where the service worker falls back to it; `offline: false` leaves it out.
 */
export interface NewsroomPages {
  /** The front page, its older pages at `<path>page/1/` on. Default: `/`. */
  front?: string | false;
  /** The list of every tag (the tags' own pages stay at `/tags/<slug>/`). Default: `/tags/`. */
  tags?: string | false;
  /** The search page; `false` also takes the search boxes off every page. Without `search` there is none. Default: `/search/`. */
  search?: string | false;
  /** The page that lists the site's feeds (the feeds themselves stay where they are). Default: `/feeds/`. */
  feeds?: string | false;
  /** The page for unknown addresses: GitHub Pages and most hosts serve `/404.html`. Default: `/404.html`. */
  notFound?: string | false;
}

/** One line of the footer's credits: «{text} [{source}]({url}), {license}». */
export interface SiteCredit {
  text: string;
  source: string;
  url: string;
  license: string;
  /** The edition whose pages carry the line, in its language (`kk`); without it every page, in the site's language. */
  lang?: string;
}

/** Where the editor's desk commits articles: a GitHub repository. */
export interface CmsRepository {
  /** `owner/name` of the GitHub repository that holds the site, e.g. `agency/novosti`. Required. */
  repo: string;
  /** The branch the site is published from. Default: `main`. */
  branch?: string;
}

/**
 * Pagefind compiles WebAssembly (`wasm-unsafe-eval`) and may start a worker from a blob. Styles and
 * connections fall back to `default-src 'self'`, so they are not named again: the policy is in the
 * head of every page.
 */
export const defaultContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "img-src 'self' https: data:",
  "frame-src https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

/** Options after defaults are applied: every field is present. */
export type ResolvedOptions = Omit<Required<VestnikOptions>, "drafts" | "typography" | "pages" | "strings"> & {
  typography: TypographyRules | false;
  /** Every page's path, or `false` when the site does without it. */
  pages: Required<NewsroomPages>;
  /** The language's table with the site's own strings over it. */
  strings: UiStrings;
  /** Each of the site's languages (its own and its editions') with the site's strings for it over its table. */
  stringsByLanguage: Record<string, UiStrings>;
  /** Undefined: decided by Eleventy's run mode (drafts while serving, none in a build). */
  drafts: boolean | undefined;
  /** The origin of `baseUrl`, without a path: `https://agency.github.io`. */
  origin: string;
};

/** `defaultImage`'s default: the theme's own card (default-image.ts). */
export const themeShareImage = "vestnik:share.png";

export const defaults = {
  description: "",
  language: "ru",
  editions: [] as string[],
  timeZone: "Asia/Almaty",
  articlesDir: "articles",
  articlesPerPage: 10,
  olderArticlesPerPage: 50,
  tagArticlesPerPage: 50,
  tagPageFrom: 3,
  feedLength: 20,
  sitemapSize: 50_000,
  tagFeedLength: 10,
  relatedCount: 3,
  search: true,
  searchPartSize: 10000,
  searchNewestPartSize: 200,
  articleLayout: "vestnik/article.njk",
  futureDates: "warn",
  yandexFeedDays: 8,
  contentSecurityPolicy: defaultContentSecurityPolicy,
  typography: true,
  cacheDir: ".cache/vestnik",
  offline: true,
  offlineArticles: 50,
  cms: false,
  defaultImage: themeShareImage,
  frontPageSections: [],
  pages: {},
  strings: {},
  credits: [],
} satisfies Omit<Required<VestnikOptions>, "title" | "baseUrl" | "drafts">;

const defaultPages: Required<NewsroomPages> = {
  front: "/",
  tags: "/tags/",
  search: "/search/",
  feeds: "/feeds/",
  notFound: "/404.html",
};

const optionNames = [...Object.keys(defaults), "title", "baseUrl", "drafts"] as const;

const plugin = "the Vestnik plugin (addPlugin(vestnik, { … }) in .eleventy.ts)";

function fail(message: string): never {
  throw new Error(`${message} — in the options of ${plugin}.`);
}

function requireText(value: unknown, name: string, example: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    fail(`Missing \`${name}\` option: give a non-empty string, e.g. ${name}: ${JSON.stringify(example)}`);
  }
  return value;
}

function requireCount(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(`Option \`${name}\` must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function typographyRules(value: unknown): TypographyRules | false {
  if (value === false) return false;
  if (value === true) return {};
  const isList = (list: unknown) => list === undefined || (Array.isArray(list) && list.every((item) => typeof item === "string"));
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const rules = value as Record<string, unknown>;
    const unknown = Object.keys(rules).filter((key) => key !== "enableRules" && key !== "disableRules");
    if (unknown.length === 0 && isList(rules.enableRules) && isList(rules.disableRules)) return rules as TypographyRules;
  }
  fail(
    'Option `typography` must be true, false or { enableRules?: string[], disableRules?: string[] } with Typograf rule names such as "ru/nbsp/*"',
  );
}

function cmsRepository(value: unknown): CmsRepository | false {
  if (value === false) return false;
  const cms = (value ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(cms).filter((key) => key !== "repo" && key !== "branch");
  if (typeof value !== "object" || unknown.length > 0 || typeof cms.repo !== "string" || !/^[\w.-]+\/[\w.-]+$/.test(cms.repo)) {
    fail(
      `Option \`cms\` must be false or { repo: "owner/name", branch?: "main" } naming the site's GitHub repository, got ${JSON.stringify(value)}`,
    );
  }
  if (cms.branch !== undefined && (typeof cms.branch !== "string" || cms.branch.trim() === "")) {
    fail(`Option \`cms.branch\` must be a branch name such as "main", got ${JSON.stringify(cms.branch)}`);
  }
  return { repo: cms.repo, branch: (cms.branch as string | undefined) ?? "main" };
}

function sectionNames(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((name) => typeof name === "string" && name.trim() !== "")) {
    fail(
      `Option \`frontPageSections\` must be a list of section or tag names such as ["Экономика", "Политика"], got ${JSON.stringify(value)}`,
    );
  }
  return value.map((name: string) => name.trim());
}

function newsroomPages(value: unknown, search: boolean): Required<NewsroomPages> {
  const given = (value ?? {}) as Record<string, unknown>;
  if (typeof given !== "object" || Array.isArray(given))
    fail(`Option \`pages\` must be an object such as { feeds: false }, got ${JSON.stringify(value)}`);
  const names = Object.keys(defaultPages);
  const pages: Record<string, string | false> = { ...defaultPages };
  for (const [name, path] of Object.entries(given)) {
    if (!names.includes(name)) fail(`Unknown page \`pages.${name}\`; the pages are: ${names.join(", ")}`);
    if (path === undefined) continue;
    const page = name === "notFound" ? 'a path such as "/404.html"' : `a folder path such as "/${name}/"`;
    const folder = typeof path === "string" && path.endsWith("/");
    const ok =
      path === false ||
      (typeof path === "string" &&
        path.startsWith("/") &&
        !path.split("/").includes("..") &&
        (folder || (name === "notFound" && path.endsWith(".html"))));
    if (!ok) fail(`Option \`pages.${name}\` must be ${page}, or false for no such page; got ${JSON.stringify(path)}`);
    pages[name] = path as string | false;
  }
  if (!search) pages.search = false;
  return pages as Required<NewsroomPages>;
}

function editionLanguages(value: unknown, language: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`Option \`editions\` must be a list of languages such as ["kk", "en"], got ${JSON.stringify(value)}`);
  const languages = value.map((item) => {
    if (typeof item !== "string" || !/^[a-z]{2,3}$/.test(item))
      fail(`Option \`editions\` must list two- or three-letter language codes such as "kk" or "en", got ${JSON.stringify(item)}`);
    if (item === language) fail(`Option \`editions\` lists "${item}", the site's own \`language\`: list only the other languages`);
    return item;
  });
  if (new Set(languages).size !== languages.length) fail(`Option \`editions\` lists a language twice: ${JSON.stringify(value)}`);
  return languages;
}

/** Checks a site's words for one language against that language's table. */
function checkedStrings(value: unknown, language: string, where: string): Partial<UiStrings> {
  const table = uiStrings(language);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(
      `Option \`${where}\` must be an object of the theme's words, e.g. { readAlso: "${table.readAlso}" }, got ${JSON.stringify(value)}`,
    );
  }
  for (const [name, text] of Object.entries(value)) {
    if (!(name in table))
      fail(`Unknown string \`${where}.${name}\`; the names are listed in src/theme/strings.ts: ${Object.keys(table).join(", ")}`);
    const kind = typeof table[name as keyof UiStrings];
    if (typeof text !== kind)
      fail(
        `Option \`${where}.${name}\` must be a ${kind === "function" ? "function, as in the Russian table" : "string"}, got ${JSON.stringify(text)}`,
      );
  }
  return value as Partial<UiStrings>;
}

/**
 * The words of each of the site's languages: its tables, with the site's own words over them. A
 * key that is a language code holds that language's words; the other keys are the site language's.
 */
function ownStrings(value: unknown, language: string, editions: string[]): Record<string, UiStrings> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(`Option \`strings\` must be an object of the theme's words, e.g. { readAlso: "Ещё по теме" }, got ${JSON.stringify(value)}`);
  }
  const languages = [language, ...editions];
  const byLanguage: Record<string, Record<string, unknown>> = Object.fromEntries(languages.map((code) => [code, {}]));
  const own = byLanguage[language] as Record<string, unknown>;
  for (const [name, text] of Object.entries(value)) {
    if (languages.includes(name)) Object.assign(byLanguage[name] as object, checkedStrings(text, name, `strings.${name}`));
    else if (/^[a-z]{2,3}$/.test(name) && !(name in uiStrings(language)))
      fail(
        `Option \`strings.${name}\` is for a language the site does not publish; its languages are ${languages.join(", ")} (add "${name}" to \`editions\`, or remove these words)`,
      );
    else own[name] = text;
  }
  checkedStrings(own, language, "strings");
  return Object.fromEntries(languages.map((code) => [code, uiStrings(code, byLanguage[code] as Partial<UiStrings>)]));
}

function siteCredits(value: unknown, languages: string[]): SiteCredit[] {
  const fields = ["text", "source", "url", "license"];
  const isCredit = (credit: unknown) =>
    credit !== null &&
    typeof credit === "object" &&
    fields.every((field) => typeof (credit as Record<string, unknown>)[field] === "string");
  if (!Array.isArray(value) || !value.every(isCredit)) {
    fail(`Option \`credits\` must be a list of { text, source, url, license } strings, got ${JSON.stringify(value)}`);
  }
  for (const credit of value as SiteCredit[]) {
    if (credit.lang !== undefined && !languages.includes(credit.lang)) {
      fail(
        `Option \`credits\`: the line for ${credit.source} has \`lang: ${JSON.stringify(credit.lang)}\`, a language the site does not publish; use one of ${languages.join(", ")}, or leave \`lang\` out to show it on every page`,
      );
    }
  }
  return value as SiteCredit[];
}

/** Applies the defaults and checks every option; a wrong one fails with its name and the fix. */
export function resolveOptions(given: Partial<VestnikOptions> | undefined): ResolvedOptions {
  const options = given ?? {};
  for (const name of Object.keys(options)) {
    if (!(optionNames as readonly string[]).includes(name)) {
      fail(`Unknown option \`${name}\`; the options are: ${optionNames.join(", ")}`);
    }
  }
  const title = requireText(options.title, "title", "Вестник");
  const baseUrl = requireText(options.baseUrl, "baseUrl", "https://agency.github.io/novosti/");
  let origin: string;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("not http");
    origin = url.origin;
  } catch {
    fail(`Option \`baseUrl\` must be an absolute http(s) URL such as "https://agency.github.io/novosti/", got ${JSON.stringify(baseUrl)}`);
  }
  const merged = { ...defaults, ...options };
  const timeZone = requireText(merged.timeZone, "timeZone", "Asia/Almaty");
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    fail(`Option \`timeZone\` must be an IANA time zone such as "Asia/Almaty", got ${JSON.stringify(timeZone)}`);
  }
  const language = requireText(merged.language, "language", "ru");
  try {
    new Intl.Locale(language);
  } catch {
    fail(`Option \`language\` must be a BCP 47 language tag such as "ru" or "kk", got ${JSON.stringify(language)}`);
  }
  for (const name of ["drafts", "search", "offline"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "boolean") {
      fail(`Option \`${name}\` must be true or false, got ${JSON.stringify(options[name])}`);
    }
  }
  if (typeof merged.description !== "string") fail("Option `description` must be a string");
  if (merged.futureDates !== "warn" && merged.futureDates !== "error") {
    fail(`Option \`futureDates\` must be "warn" or "error", got ${JSON.stringify(merged.futureDates)}`);
  }
  if (merged.defaultImage !== false && (typeof merged.defaultImage !== "string" || merged.defaultImage.trim() === "")) {
    fail(
      `Option \`defaultImage\` must be a file such as "images/share.jpg", an https URL, or false, got ${JSON.stringify(merged.defaultImage)}`,
    );
  }
  if (merged.contentSecurityPolicy !== false && typeof merged.contentSecurityPolicy !== "string") {
    fail("Option `contentSecurityPolicy` must be a policy string or false");
  }
  const editions = editionLanguages(merged.editions, language);
  const stringsByLanguage = ownStrings(merged.strings, language, editions);
  return {
    cms: cmsRepository(merged.cms),
    defaultImage: merged.defaultImage,
    frontPageSections: sectionNames(merged.frontPageSections),
    title,
    baseUrl,
    origin,
    description: merged.description,
    language,
    editions,
    timeZone,
    articlesDir: requireText(merged.articlesDir, "articlesDir", "articles").replace(/^\.\/|\/+$/g, ""),
    articlesPerPage: requireCount(merged.articlesPerPage, "articlesPerPage", 1, 1000),
    olderArticlesPerPage: requireCount(merged.olderArticlesPerPage, "olderArticlesPerPage", 1, 1000),
    tagArticlesPerPage: requireCount(merged.tagArticlesPerPage, "tagArticlesPerPage", 1, 1000),
    tagPageFrom: requireCount(merged.tagPageFrom, "tagPageFrom", 1, 1000),
    feedLength: requireCount(merged.feedLength, "feedLength", 1, 1000),
    sitemapSize: requireCount(merged.sitemapSize, "sitemapSize", 1, 50_000),
    tagFeedLength: requireCount(merged.tagFeedLength, "tagFeedLength", 1, 1000),
    relatedCount: requireCount(merged.relatedCount, "relatedCount", 0, 20),
    drafts: options.drafts,
    search: merged.search,
    searchPartSize: requireCount(merged.searchPartSize, "searchPartSize", 1, 1_000_000),
    searchNewestPartSize: requireCount(merged.searchNewestPartSize, "searchNewestPartSize", 1, 1_000_000),
    articleLayout: requireText(merged.articleLayout, "articleLayout", "vestnik/article.njk"),
    futureDates: merged.futureDates,
    yandexFeedDays: requireCount(merged.yandexFeedDays, "yandexFeedDays", 1, 30),
    typography: typographyRules(merged.typography),
    cacheDir: requireText(merged.cacheDir, "cacheDir", ".cache/vestnik"),
    contentSecurityPolicy: merged.contentSecurityPolicy,
    offline: merged.offline,
    offlineArticles: requireCount(merged.offlineArticles, "offlineArticles", 1, 500),
    pages: newsroomPages(merged.pages, merged.search),
    strings: stringsByLanguage[language] as UiStrings,
    stringsByLanguage,
    credits: siteCredits(merged.credits, [language, ...editions]),
  };
}

import { existsSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { NewsroomCalendar, parseArticleDate } from "../dates.ts";
import type { ResolvedOptions } from "../options.ts";
import { slugOf } from "../slug.ts";
import { cleanStrings } from "../text.ts";
import type { Typography } from "../typography.ts";
import { inputRelativePath } from "./checks.ts";
import { Embargoes, farFutureDays } from "./embargo.ts";
import type { ArticleProblems } from "./problems.ts";
import { articleKeys, articleSchema, eleventyKeys, type Photo } from "./schema.ts";

/** An article as templates see it (`article` in the data cascade). */
export interface Article {
  /** The headline as readers see it, typeset. */
  title: string;
  /** The headline exactly as the editor wrote it: what search results show and match. */
  headline: string;
  /** Publication time. */
  date: Date;
  /** True when the front matter gave a day without a time: show the day only. */
  dateOnly: boolean;
  updated?: Date;
  lead?: string;
  tags: string[];
  author?: string;
  photos: Photo[];
  draft: boolean;
  /** The newsroom's main story (front page). */
  featured?: boolean;
  /** The section it is filed under, e.g. «Экономика». */
  section?: string;
  /**
   * True when the article's date is after the build's clock: it is under embargo. Only `npm start`
   * (or `drafts: true`) shows such an article, and its page says so.
   */
  embargoed?: boolean;
  lang?: string;
  /** The story's key, shared by its editions in other languages. */
  story?: string;
  source?: string;
  sourceUrl?: string;
  license?: string;
  synthetic?: boolean;
  /** The Markdown file, relative to the project: `articles/2025/11/….md`. */
  file: string;
}

export interface FrontMatterContext {
  options: ResolvedOptions;
  problems: ArticleProblems;
  /**
   * Whether drafts and articles under embargo are shown. Read when a file is parsed, after Eleventy
   * has told us its run mode.
   */
  includeDrafts: () => boolean;
  /** The build's clock and the articles it holds back (embargo.ts); a reader of its own without it. */
  embargoes?: Embargoes;
  /** Eleventy's input folder, read when a file is parsed (Eleventy sets it after plugins load). */
  inputDir: () => string;
  /** Russian typography for headlines, leads and captions. */
  typography?: Typography;
  /** Unknown keys are a warning (typo protection), not an error. */
  warn: (message: string) => void;
  /**
   * The reader the site had before Vestnik's, for every file outside the articles folder: a site's
   * own pages keep Eleventy's YAML (dates as dates) or whatever reader the site set. Default: YAML
   * without implicit timestamps, as for articles.
   */
  otherFiles?: (input: string, engineOptions?: unknown) => unknown;
}

/** Data that keeps a broken article out of every page, feed and index while its problems are reported. */
const leftOut = { permalink: false, eleventyExcludeFromCollections: true };

/**
 * The YAML front-matter reader for the articles folder; every other file goes to the site's own
 * reader (`otherFiles`). It reads YAML without implicit timestamps, so a date stays exactly as written (js-yaml would silently turn 2025-02-30 into 2 March, in UTC). For an
 * article it validates the front matter, turns the date into that moment in the site's time zone,
 * and gives Eleventy the article's permalink and layout. Tags are kept out of Eleventy's own `tags`
 * key on purpose: Eleventy builds and re-sorts one collection per tag, which does not scale to an
 * agency's archive; Vestnik groups articles by tag once per build instead.
 */
export function createFrontMatterReader(context: FrontMatterContext) {
  const { options, problems } = context;
  const calendar = new NewsroomCalendar(options.language, options.timeZone);
  const articlesPrefix = `${options.articlesDir}/`;
  const embargoes = context.embargoes ?? new Embargoes();

  return function readFrontMatter(input: string, engineOptions?: { filePath?: string }): Record<string, unknown> {
    const file = inputRelativePath(engineOptions?.filePath ?? "", context.inputDir());
    const isArticle = file.startsWith(articlesPrefix) && file.endsWith(".md");
    if (!isArticle) {
      const data = context.otherFiles ? context.otherFiles(input, engineOptions) : yaml.load(input, { schema: yaml.CORE_SCHEMA });
      return (data as Record<string, unknown>) ?? {};
    }

    problems.clear(file);
    embargoes.note(file);
    let raw: unknown;
    try {
      raw = yaml.load(input, { schema: yaml.CORE_SCHEMA, filename: file });
    } catch (error) {
      const reason = error instanceof yaml.YAMLException ? `${error.reason} at line ${error.mark.line + 2}` : String(error);
      problems.add(file, "front matter", `is not valid YAML (${reason}); check quotes and indentation`);
      return leftOut;
    }
    if (raw === null || raw === undefined) raw = {};
    if (typeof raw !== "object" || Array.isArray(raw)) {
      problems.add(file, "front matter", "must be a set of `key: value` lines between the two --- lines");
      return leftOut;
    }
    // Control characters (a stray byte from an old archive) would break feeds and pages alike.
    const data = cleanStrings(raw as Record<string, unknown>);
    for (const key of Object.keys(data)) {
      if (!articleKeys.has(key) && !eleventyKeys.has(key)) {
        context.warn(`${file}: ${key}: unknown front matter key, ignored; the keys are ${[...articleKeys].join(", ")}`);
      }
    }

    const parsed = articleSchema.safeParse(data);
    let ok = parsed.success;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? issue.path.join(".") : "front matter";
        const message =
          valueAt(data, issue.path) === undefined ? `is missing; add it to the front matter, e.g. ${example(field)}` : issue.message;
        problems.add(file, field, message);
      }
    }
    const date = parseArticleDate(data.date, options.timeZone);
    if (!date.ok) {
      ok = false;
      problems.add(
        file,
        "date",
        data.date === undefined ? `is missing; add it to the front matter, e.g. ${example("date")}` : date.problem,
      );
    }
    let updated: Date | undefined;
    if (data.updated !== undefined) {
      const parsedUpdate = parseArticleDate(data.updated, options.timeZone);
      if (parsedUpdate.ok) updated = parsedUpdate.date;
      else {
        ok = false;
        problems.add(file, "updated", parsedUpdate.problem);
      }
    }
    if (!ok || !parsed.success || !date.ok) return leftOut;

    const front = parsed.data;
    const photos = front.photos.map((photo, index) => {
      if (photo.src === undefined || /^https?:\/\//.test(photo.src)) return photo;
      // A photo path is from the site root (/img/a.jpg) or from the article's folder (aktau.jpg).
      const url = photo.src.startsWith("/") ? photo.src : path.posix.join("/", path.posix.dirname(file), photo.src);
      if (!existsSync(path.join(context.inputDir(), url))) {
        problems.add(
          file,
          `photos.${index}.src`,
          `the image ${url} does not exist; add the file there or remove src (caption and credit stay)`,
        );
      }
      return { ...photo, src: url };
    });
    // A date in the future is an embargo: the article waits for a build after that time. Far ahead
    // it is more likely a mistyped year, which would hold the article back for good.
    const embargoed = embargoes.holds(date.date);
    if (date.date.getTime() > embargoes.now.getTime() + farFutureDays * 24 * 60 * 60 * 1000) {
      const message = `${calendar.at(date.date).toISODate()} is more than ${farFutureDays} days ahead, so the article stays under embargo until then; check the year`;
      if (options.futureDates === "error") problems.add(file, "date", `${message}, or set futureDates: "warn" to allow it`);
      else context.warn(`${file}: date: ${message}`);
    }
    // With editions, `lang` says which one publishes the article: `/kk/…` for Kazakh.
    let editionPrefix = "";
    if (options.editions.length > 0 && front.lang !== undefined && front.lang.toLowerCase() !== options.language) {
      if (options.editions.includes(front.lang.toLowerCase())) editionPrefix = `/${front.lang.toLowerCase()}`;
      else
        problems.add(
          file,
          "lang",
          `"${front.lang}" is not one of the site's languages (${[options.language, ...options.editions].join(", ")}); write one of them, or add it to the \`editions\` option`,
        );
    }
    if (problems.has(file)) return leftOut;
    const shown = context.includeDrafts();
    if (embargoed && !front.draft && !shown) embargoes.note(file, date.date);
    else if (embargoed && !front.draft) {
      const until = `${calendar.minute(date.date)} (${options.timeZone})`;
      context.warn(
        `${file}: date: under embargo until ${until}; shown while serving, as drafts are; npm run build publishes it after that time`,
      );
    }
    if ((front.draft || embargoed) && !shown) return leftOut;

    const typography = context.typography?.forLanguage(front.lang);
    const typeset = (text: string | undefined) => (text === undefined || !typography ? text : typography.text(text));
    const article: Article = {
      // The slug above comes from the title as written; readers see it typeset.
      title: typeset(front.title) ?? front.title,
      headline: front.title,
      date: date.date,
      dateOnly: date.dateOnly,
      updated,
      lead: typeset(front.lead),
      tags: [...new Set(front.tags)],
      author: front.author,
      photos: photos.map((photo) => ({ ...photo, caption: typeset(photo.caption) })),
      draft: front.draft,
      featured: front.featured,
      section: front.section,
      embargoed,
      lang: front.lang,
      story: front.story,
      source: front.source,
      sourceUrl: front.sourceUrl,
      license: front.license,
      synthetic: front.synthetic,
      file,
    };
    return {
      layout: data.layout ?? options.articleLayout,
      permalink: data.permalink ?? `${editionPrefix}/${calendar.urlPath(article.date)}/${slugOf(front.title)}/`,
      // A URL made here is final: without this Eleventy compiles each article's permalink as a
      // Nunjucks template of its own (0.5 ms an article, half a minute at 50,000 articles).
      ...(data.permalink === undefined ? { dynamicPermalink: false } : {}),
      title: article.title,
      date: article.date,
      // Article bodies are Markdown only: `{{` and `{%` in real news text must stay text.
      templateEngineOverride: "md",
      article,
    };
  };
}

function valueAt(data: Record<string, unknown>, keys: PropertyKey[]): unknown {
  let value: unknown = data;
  for (const key of keys) value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

const examples: Record<string, string> = {
  title: "title: Касым-Жомарт Токаев прибыл в Ташкент",
  date: "date: 2025-11-15",
};

function example(field: string): string {
  return examples[field] ?? `${field}: …`;
}

import pubDateRfc822 from "@11ty/eleventy-plugin-rss/src/dateRfc822.js";
import dateRfc3339 from "@11ty/eleventy-plugin-rss/src/dateRfc3339.js";
import type { Article } from "../articles/front-matter.ts";
import type { ArticleItem, Newsroom } from "../articles/newsroom.ts";
import { NewsroomCalendar, remembered } from "../dates.ts";
import type { DefaultImage } from "../default-image.ts";
import type { EleventyConfig } from "../eleventy.ts";
import { type FrontPage, frontPageOf } from "../front-page.ts";
import type { NewsroomImages } from "../images.ts";
import type { ResolvedOptions } from "../options.ts";
import { attributeText } from "../pages.ts";
import { bodyWithPhotos, photoFigure } from "../photos.ts";
import { type NewsArticleContext, newsArticleJsonLd, readingMinutes } from "../sharing.ts";
import { shortDescription } from "../text.ts";
import type { UiStrings } from "./strings.ts";

/** What the theme's filters read: the site's options and calendar, the build's articles, its photos, its words. */
export interface ThemeSources {
  options: ResolvedOptions;
  calendar: NewsroomCalendar;
  /** The articles of the build being rendered, of the edition `url` belongs to; throws before they are collected. */
  newsroom: (url?: string) => Newsroom;
  images: NewsroomImages;
  /** What an article without a photo shares (the `defaultImage` option). */
  defaultImage: DefaultImage;
  strings: UiStrings;
  /** The edition (editions.ts) a page's address belongs to, for its words and dates; default: the site's own. */
  edition?: (url: string | undefined) => { language: string; options: { strings: UiStrings } };
}

/** What Eleventy gives a filter as `this`: the page being rendered. */
interface FilterContext {
  page?: { url?: string | false };
}

/**
 * The filters the layouts use, every one named `vestnik…` so that a site's own filters (or another
 * plugin's, such as eleventy-base-blog's `readableDate`) keep their names.
 */
export function addThemeFilters(eleventyConfig: EleventyConfig, sources: ThemeSources): void {
  const { options, newsroom, images, defaultImage } = sources;
  const urlOf = (context: FilterContext | undefined) => (typeof context?.page?.url === "string" ? context.page.url : undefined);
  const stringsOf = (context: FilterContext | undefined): UiStrings => sources.edition?.(urlOf(context)).options.strings ?? sources.strings;
  // Dates in each edition's language: «15 қараша 2025 ж.» on a Kazakh page.
  const languageOf = (context: FilterContext | undefined) => sources.edition?.(urlOf(context)).language ?? options.language;
  const calendars = new Map<string, NewsroomCalendar>([[options.language, sources.calendar]]);
  const calendarOf = (context: FilterContext | undefined): NewsroomCalendar => {
    const language = languageOf(context);
    let calendar = calendars.get(language);
    if (!calendar) {
      calendar = new NewsroomCalendar(language, options.timeZone);
      calendars.set(language, calendar);
    }
    return calendar;
  };
  const dateFiltersOf = (calendar: NewsroomCalendar): Record<string, (date: Date) => string | number> => ({
    vestnikReadableDate: (date) => calendar.readable(date),
    vestnikReadableDateTime: (date) => calendar.readableWithTime(date),
    vestnikMachineDate: (date) => calendar.machine(date),
    vestnikMachineDay: (date) => calendar.machineDay(date),
    vestnikYear: (date) => calendar.year(date),
    // «14:35» in the front page's latest news.
    vestnikTime: (date) => calendar.time(date),
    // The RSS plugin's `dateToRfc822` in the site's zone: an article is in the site's feed and its tags' feeds.
    vestnikRfc822Date: (date) => pubDateRfc822(date, options.timeZone),
    // Atom's and JSON Feed's dates, as the RSS plugin's `dateToRfc3339` writes them (UTC).
    vestnikRfc3339Date: (date) => dateRfc3339(date),
  });
  // Each format remembered per language: a date is formatted once per edition it is shown in.
  const formatsByLanguage = new Map<string, Record<string, (date: Date) => string | number>>();
  const formatsOf = (context: FilterContext | undefined) => {
    const language = languageOf(context);
    let formats = formatsByLanguage.get(language);
    if (!formats) {
      formats = Object.fromEntries(Object.entries(dateFiltersOf(calendarOf(context))).map(([name, format]) => [name, remembered(format)]));
      formatsByLanguage.set(language, formats);
    }
    return formats;
  };
  for (const name of Object.keys(dateFiltersOf(sources.calendar))) {
    eleventyConfig.addFilter(name, function (this: FilterContext, date: Date) {
      return formatsOf(this)[name]?.(date);
    });
  }
  eleventyConfig.addFilter("vestnikTagUrl", function (this: FilterContext, name: string) {
    const edition = newsroom(urlOf(this));
    return edition.tag(name)?.url ?? "/tags/";
  });
  eleventyConfig.addFilter("vestnikArticleNeighbours", (url: string) => newsroom(url).neighbours(url));
  eleventyConfig.addFilter("vestnikRelatedArticles", (url: string) => newsroom(url).related(url, options.relatedCount));
  eleventyConfig.addAsyncFilter(
    "vestnikWithPhotos",
    async function (this: FilterContext, bodyHtml: string, photos: Article["photos"] = []) {
      const credit = stringsOf(this).photoCredit;
      return bodyWithPhotos(bodyHtml ?? "", photos, await images.figures(bodyHtml ?? "", photos, credit));
    },
  );
  eleventyConfig.addFilter("vestnikNewsArticleJsonLd", (context: NewsArticleContext) => newsArticleJsonLd(context));
  eleventyConfig.addFilter("vestnikReadingTime", function (this: FilterContext, html: string) {
    return stringsOf(this).readingTime(readingMinutes(html ?? ""));
  });
  eleventyConfig.addFilter("vestnikSocialImage", (photos: Article["photos"] = []) => images.socialCard(photos) ?? defaultImage.card());
  // The front page's main story, latest news and section blocks (front-page.ts), made once a build.
  const frontPages = new Map<string, FrontPage>();
  eleventyConfig.on("eleventy.before", () => {
    frontPages.clear();
  });
  eleventyConfig.addFilter("vestnikFrontPage", function (this: FilterContext, latest: ArticleItem[]) {
    const language = languageOf(this);
    let frontPage = frontPages.get(language);
    if (!frontPage) {
      frontPage = frontPageOf(newsroom(urlOf(this)), latest, options.frontPageSections, calendarOf(this));
      frontPages.set(language, frontPage);
    }
    return frontPage;
  });
  eleventyConfig.addAsyncFilter("vestnikLeadPhoto", async function (this: FilterContext, photos: Article["photos"] = []) {
    const photo = photos.find((candidate) => candidate.src !== undefined);
    const credit = stringsOf(this).photoCredit;
    return photo ? photoFigure(photo, images.isLocal(photo) ? await images.picture(photo, true) : undefined, credit) : "";
  });
  eleventyConfig.addFilter("vestnikCountArticles", function (this: FilterContext, count: number) {
    return stringsOf(this).articleCount(count);
  });
  eleventyConfig.addFilter("vestnikAttributeText", attributeText);
  eleventyConfig.addFilter("vestnikDescription", (text: string) => shortDescription(text));
}

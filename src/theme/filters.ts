import pubDateRfc822 from "@11ty/eleventy-plugin-rss/src/dateRfc822.js";
import dateRfc3339 from "@11ty/eleventy-plugin-rss/src/dateRfc3339.js";
import type { Article } from "../articles/front-matter.ts";
import type { Newsroom } from "../articles/newsroom.ts";
import { type NewsroomCalendar, remembered } from "../dates.ts";
import type { EleventyConfig } from "../eleventy.ts";
import type { NewsroomImages } from "../images.ts";
import type { ResolvedOptions } from "../options.ts";
import { attributeText } from "../pages.ts";
import { bodyWithPhotos } from "../photos.ts";
import { type NewsArticleContext, newsArticleJsonLd, readingMinutes } from "../sharing.ts";
import type { UiStrings } from "./strings.ts";

/** What the theme's filters read: the site's options and calendar, the build's articles, its photos, its words. */
export interface ThemeSources {
  options: ResolvedOptions;
  calendar: NewsroomCalendar;
  /** The articles of the build being rendered; throws before they are collected. */
  newsroom: () => Newsroom;
  images: NewsroomImages;
  strings: UiStrings;
}

/**
 * The filters the layouts use, every one named `vestnik…` so that a site's own filters (or another
 * plugin's, such as eleventy-base-blog's `readableDate`) keep their names.
 */
export function addThemeFilters(eleventyConfig: EleventyConfig, sources: ThemeSources): void {
  const { options, calendar, newsroom, images, strings } = sources;
  const dateFilters: Record<string, (date: Date) => string | number> = {
    vestnikReadableDate: (date) => calendar.readable(date),
    vestnikReadableDateTime: (date) => calendar.readableWithTime(date),
    vestnikMachineDate: (date) => calendar.machine(date),
    vestnikYear: (date) => calendar.year(date),
    // The RSS plugin's `dateToRfc822` in the site's zone: an article is in the site's feed and its tags' feeds.
    vestnikRfc822Date: (date) => pubDateRfc822(date, options.timeZone),
    // Atom's and JSON Feed's dates, as the RSS plugin's `dateToRfc3339` writes them (UTC).
    vestnikRfc3339Date: (date) => dateRfc3339(date),
  };
  for (const [name, format] of Object.entries(dateFilters)) eleventyConfig.addFilter(name, remembered(format));
  eleventyConfig.addFilter("vestnikTagUrl", (name: string) => newsroom().tag(name)?.url ?? "/tags/");
  eleventyConfig.addFilter("vestnikArticleNeighbours", (url: string) => newsroom().neighbours(url));
  eleventyConfig.addFilter("vestnikRelatedArticles", (url: string) => newsroom().related(url, options.relatedCount));
  eleventyConfig.addAsyncFilter("vestnikWithPhotos", async (bodyHtml: string, photos: Article["photos"] = []) =>
    bodyWithPhotos(bodyHtml ?? "", photos, await images.figures(bodyHtml ?? "", photos, strings.photoCredit)),
  );
  eleventyConfig.addFilter("vestnikNewsArticleJsonLd", (context: NewsArticleContext) => newsArticleJsonLd(context));
  eleventyConfig.addFilter("vestnikReadingTime", (html: string) => strings.readingTime(readingMinutes(html ?? "")));
  eleventyConfig.addFilter("vestnikSocialImage", (photos: Article["photos"] = []) => images.socialCard(photos));
  eleventyConfig.addFilter("vestnikCountArticles", (count: number) => strings.articleCount(count));
  eleventyConfig.addFilter("vestnikAttributeText", attributeText);
}

import pubDateRfc822 from "@11ty/eleventy-plugin-rss/src/dateRfc822.js";
import dateRfc3339 from "@11ty/eleventy-plugin-rss/src/dateRfc3339.js";
import type { Article } from "../articles/front-matter.ts";
import type { ArticleItem, Newsroom } from "../articles/newsroom.ts";
import { type NewsroomCalendar, remembered } from "../dates.ts";
import type { DefaultImage } from "../default-image.ts";
import type { EleventyConfig } from "../eleventy.ts";
import { type FrontPage, frontPageOf } from "../front-page.ts";
import type { NewsroomImages } from "../images.ts";
import type { ResolvedOptions } from "../options.ts";
import { attributeText } from "../pages.ts";
import { bodyWithPhotos, photoFigure } from "../photos.ts";
import { type NewsArticleContext, newsArticleJsonLd, readingMinutes } from "../sharing.ts";
import type { UiStrings } from "./strings.ts";

/** What the theme's filters read: the site's options and calendar, the build's articles, its photos, its words. */
export interface ThemeSources {
  options: ResolvedOptions;
  calendar: NewsroomCalendar;
  /** The articles of the build being rendered; throws before they are collected. */
  newsroom: () => Newsroom;
  images: NewsroomImages;
  /** What an article without a photo shares (the `defaultImage` option). */
  defaultImage: DefaultImage;
  strings: UiStrings;
}

/**
 * The filters the layouts use, every one named `vestnik…` so that a site's own filters (or another
 * plugin's, such as eleventy-base-blog's `readableDate`) keep their names.
 */
export function addThemeFilters(eleventyConfig: EleventyConfig, sources: ThemeSources): void {
  const { options, calendar, newsroom, images, defaultImage, strings } = sources;
  const dateFilters: Record<string, (date: Date) => string | number> = {
    vestnikReadableDate: (date) => calendar.readable(date),
    vestnikReadableDateTime: (date) => calendar.readableWithTime(date),
    vestnikMachineDate: (date) => calendar.machine(date),
    vestnikYear: (date) => calendar.year(date),
    // «14:35» in the front page's latest news.
    vestnikTime: (date) => calendar.time(date),
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
  eleventyConfig.addFilter("vestnikSocialImage", (photos: Article["photos"] = []) => images.socialCard(photos) ?? defaultImage.card());
  // The front page's main story, latest news and section blocks (front-page.ts), made once a build.
  let frontPage: FrontPage | undefined;
  eleventyConfig.on("eleventy.before", () => {
    frontPage = undefined;
  });
  eleventyConfig.addFilter("vestnikFrontPage", (latest: ArticleItem[]) => {
    frontPage ??= frontPageOf(newsroom(), latest, options.frontPageSections, calendar);
    return frontPage;
  });
  eleventyConfig.addAsyncFilter("vestnikLeadPhoto", async (photos: Article["photos"] = []) => {
    const photo = photos.find((candidate) => candidate.src !== undefined);
    return photo ? photoFigure(photo, images.isLocal(photo) ? await images.picture(photo, true) : undefined, strings.photoCredit) : "";
  });
  eleventyConfig.addFilter("vestnikCountArticles", (count: number) => strings.articleCount(count));
  eleventyConfig.addFilter("vestnikAttributeText", attributeText);
}

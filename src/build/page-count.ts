import type { EleventyConfig } from "../eleventy.ts";
import { reportProgress } from "./progress.ts";

/**
 * Reports Eleventy's pages to the production build as `pages n/N` (src/build/progress.ts), so that
 * `npm run build` can show one progress line instead of Eleventy's line per file. N is known once
 * Eleventy has built its template map: `eleventy.contentMap` lists every page's URL (`false` for a
 * page that is not written). n counts the pages Eleventy has rendered to be written: a linter sees
 * each page's final content just before its write, and unlike a transform it cannot change it.
 * Only a production build that wrote files reports (not `npm start`, not in-memory builds).
 */
export function countWrittenPages(eleventyConfig: EleventyConfig): void {
  let counting = false;
  let total: number | undefined;
  let done = 0;
  eleventyConfig.on("eleventy.before", ({ runMode, outputMode }) => {
    counting = runMode === "build" && (outputMode === undefined || outputMode === "fs");
    total = undefined;
    done = 0;
    if (counting) reportProgress("pages", { note: "reading the articles" });
  });
  eleventyConfig.on("eleventy.contentMap", ({ inputPathToUrl }) => {
    if (!counting) return;
    total = Object.values(inputPathToUrl).reduce((sum, urls) => sum + urls.filter((url) => typeof url === "string").length, 0);
    reportProgress("pages", { done, total, note: "rendering the articles" });
  });
  eleventyConfig.addLinter("vestnik/page-count", (_content, _inputPath, outputPath) => {
    if (!counting || typeof outputPath !== "string") return;
    done++;
    reportProgress("pages", { done, total });
  });
  eleventyConfig.on("eleventy.after", () => {
    // The last count, sent even when it fell short of the map's (a page Eleventy chose not to write).
    if (counting) reportProgress("pages", { done, total: done });
    counting = false;
  });
}

import type { EleventyConfig } from "./eleventy.ts";

const transformName = "vestnik/written-pages-as-bytes";

/**
 * Eleventy keeps every page it wrote in memory until the build ends: its render cache holds each
 * page's final HTML, and so do the results it hands to `eleventy.after`. A page with Russian text is
 * a UTF-16 string on V8's heap, about twice its size on disk: at 50,000 articles some 3 GiB of a heap
 * that stops at 4 GiB, which the garbage collector keeps marking and moving while the build runs.
 * As the last transform of a production build this hands Eleventy each page as its UTF-8 bytes: the
 * same file is written, and what stays in memory is smaller and off V8's heap. Watch and serve mode
 * (the dev server diffs page text) and in-memory builds (`toJSON`) keep strings.
 */
export function keepWrittenPagesAsBytes(eleventyConfig: EleventyConfig): void {
  let productionBuild = false;
  eleventyConfig.on("eleventy.before", (event) => {
    productionBuild = event.runMode === "build" && event.outputMode === "fs";
  });
  eleventyConfig.addTransform(transformName, (content: unknown) => {
    if (!productionBuild || typeof content !== "string") return content;
    // A transform after this one would expect text: then leave the page as it is.
    if (Object.keys(eleventyConfig.transforms ?? {}).at(-1) !== transformName) return content;
    return Buffer.from(content);
  });
}

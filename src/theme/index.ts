import path from "node:path";
import { fileURLToPath } from "node:url";
import { themeCard } from "../default-image.ts";
import type { EleventyConfig } from "../eleventy.ts";
import { addThemeFilters, type ThemeSources } from "./filters.ts";
import { addThemeLayouts } from "./layouts.ts";

const themeCss = fileURLToPath(new URL("./vestnik.css", import.meta.url));
const themeLogo = fileURLToPath(new URL("./logo.png", import.meta.url));

/**
 * The theme: its layouts and partials (overridable by the site), the filters they use, its
 * stylesheet at `/assets/vestnik.css` (restyled by `--vestnik-*` custom properties), the logo and
 * the default social card.
 */
export function addTheme(eleventyConfig: EleventyConfig, sources: ThemeSources): void {
  eleventyConfig.addPassthroughCopy({
    [path.relative(process.cwd(), themeCss)]: "assets/vestnik.css",
    [path.relative(process.cwd(), themeLogo)]: "assets/logo.png",
    [path.relative(process.cwd(), themeCard.file)]: themeCard.url.slice(1),
  });
  addThemeLayouts(eleventyConfig);
  addThemeFilters(eleventyConfig, sources);
}

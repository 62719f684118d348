import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EleventyConfig } from "../eleventy.ts";

/** The theme's Nunjucks layouts and partials, named `vestnik/<file>` as a site's includes folder would hold them. */
const layoutsRoot = fileURLToPath(new URL("./layouts/", import.meta.url));

/** The names a site may override with a file of its own, e.g. `_includes/vestnik/article.njk`. */
export const themeLayouts: readonly string[] = readdirSync(path.join(layoutsRoot, "vestnik"))
  .filter((file) => file.endsWith(".njk"))
  .sort()
  .map((file) => `vestnik/${file}`);

interface NunjucksLibrary {
  FileSystemLoader: new (searchPaths: string) => { cache?: Record<string, unknown> };
}

/**
 * Ships the theme with the plugin, so a site with no `_includes/` of its own gets every page. Each
 * layout is an Eleventy virtual template in the site's layouts folder, unless the site has a file of
 * that name there: Eleventy prefers a virtual layout to a file, so the site's file is checked first.
 * Partials (`{% include %}`) come from a Nunjucks loader on the theme's folder, asked after
 * Eleventy's own (the site's includes folder), so a site's partial of the same name wins too.
 * The `vestnik/` folder keeps the theme's names apart from a site's own `base.njk` and the like.
 */
export function addThemeLayouts(eleventyConfig: EleventyConfig): void {
  const folder = layoutsFolder(eleventyConfig);
  const siteLayouts = path.resolve(eleventyConfig.directories?.input ?? ".", folder);
  for (const name of themeLayouts) {
    if (existsSync(path.join(siteLayouts, name))) continue;
    eleventyConfig.addTemplate(`${folder}${name}`, readFileSync(path.join(layoutsRoot, name), "utf8"));
  }
  eleventyConfig.on("eleventy.engine.njk", ({ nunjucks, environment }) => {
    const library = nunjucks as NunjucksLibrary;
    const env = environment as { loaders?: { cache?: Record<string, unknown> }[] };
    if (!Array.isArray(env.loaders) || typeof library?.FileSystemLoader !== "function") return;
    const loader = new library.FileSystemLoader(layoutsRoot);
    // Nunjucks gives each loader its cache when the environment is made; this one comes later.
    loader.cache = {};
    env.loaders.push(loader);
  });
}

/** Where Eleventy looks for layouts, relative to the input folder: `_includes/`, or `""` when it is the input folder. */
export function layoutsFolder(eleventyConfig: EleventyConfig): string {
  const directories = eleventyConfig.directories;
  const relative = path.relative(directories?.input ?? ".", directories?.layouts ?? directories?.includes ?? "_includes");
  return relative === "" ? "" : `${relative.split(path.sep).join("/")}/`;
}

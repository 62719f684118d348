import path from "node:path";

/**
 * Set for Eleventy by src/build.ts: the file the Vestnik plugin writes its index job to instead of
 * running it (src/indexing.ts). Eleventy's process keeps the memory it took to render every page
 * until it exits (at 50,000 articles about 4 GiB), and Pagefind, started from it, added its own on
 * top (1.25 GiB a part); handed over, the index is made by a fresh process once Eleventy's has ended.
 * A module of its own: the plugin reads it, and build.ts loads the plugin only for a sharded build.
 */
export const indexJobVariable = "VESTNIK_INDEX_JOB";

/**
 * Set for Eleventy by src/build.ts: the published folder (`_site`), which the build replaces but
 * Eleventy does not write to. Eleventy skips only its own output folder, and `.gitignore` where
 * a site has one: without this, a site's input folder holding the last published site would
 * render its pages again, as `_site/_site/…`.
 */
export const publishedFolderVariable = "VESTNIK_PUBLISHED";

/** Sent by src/build.ts to a process it started early (src/build/warm-start.ts): run Eleventy now. */
export const warmStartGo = "vestnik:go";
/** That process's answer as it runs Eleventy: a process that ends before it is replaced by a fresh one. */
export const warmStartRunning = "vestnik:running";

/**
 * Keeps the folder the build replaces out of Eleventy's input, and the build's own working folders
 * beside it (src/build.ts: `.<name>-building-…`, its `.shards` and `-previous`): with the default
 * `_site` they lie in the project, and the process rendering the lists of a build in shards read
 * the joined article pages there as HTML templates and published them again under
 * `_site/._site-building-…/` (a second copy of every article page).
 */
export function ignorePublishedFolder(eleventyConfig: { ignores?: Set<string> }): void {
  const published = process.env[publishedFolderVariable];
  if (!published) return;
  const inProject = (folder: string): string | undefined => {
    const relative = path.relative(process.cwd(), folder).split(path.sep).join("/");
    return relative.startsWith("../") || path.isAbsolute(relative) ? undefined : relative;
  };
  const folder = inProject(published);
  if (folder) eleventyConfig.ignores?.add(`${folder}/**`);
  const parent = inProject(path.dirname(published));
  if (parent !== undefined) eleventyConfig.ignores?.add(`${parent ? `${parent}/` : ""}${workingFolderPrefix(published)}*/**`);
}

/** How the build's working folders beside the published one start (src/build.ts). */
export function workingFolderPrefix(published: string): string {
  return `.${path.basename(published)}-building-`;
}

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
// workbox-build's index also loads generateSW with Rollup and Babel: 0.55 s more in every build process.
import { injectManifest } from "workbox-build/build/inject-manifest.js";
import type { Edition } from "./editions.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { moduleFile } from "./module-files.ts";
import { bytesOf, savingFiles } from "./offline/cost.ts";
import { savingCostFile } from "./offline/shared.ts";
import type { ResolvedOptions } from "./options.ts";
import { addThemePage } from "./pages.ts";
import { pagefindFragments } from "./search/fragments.ts";
import { browserModule, wasmFiles } from "./search/index.ts";
import { type IndexPart, indexDirs, newestPartsFirst, partsFile } from "./search/parts.ts";
import { readerWords } from "./theme/reader-words.ts";

const offlineDir = fileURLToPath(new URL("./offline/", import.meta.url));

/** Leaves generated pages out of `collections.all`, so they never list themselves. */
const generated = { eleventyExcludeFromCollections: true };

/** The browser bar's and the installed app's colour: the theme's accent (src/theme/vestnik.css). */
export const themeColor = "#0b5394";

/**
 * The icons, made from `icon.svg` (the PNGs were rendered from it once, in Chromium, and are
 * committed: a build needs no image tools). Installable apps need 192 and 512 px PNGs; the
 * maskable one has room around the letter for the round or squircle masks of phones.
 */
const icons = [
  { file: "icon.svg", sizes: "any", type: "image/svg+xml" },
  { file: "icon-192.png", sizes: "192x192", type: "image/png" },
  { file: "icon-512.png", sizes: "512x512", type: "image/png" },
  { file: "icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
];

/** How the service worker is set up for one build. */
export interface WorkerSettings {
  /** Eleventy's path prefix, `/` or `/novosti/`: the worker's scope. */
  pathPrefix: string;
  /** How many articles «Сохранить для чтения офлайн» saves: the caches are sized from it. */
  articles: number;
  /** The editions' folders (`kk`, `en`): each has its own offline and search pages in the shell. */
  editions?: string[];
  /** The site's language: the worker's one word to a reader (theme/reader-words.ts) is in it. */
  language: string;
}

/** What a worker generation wrote: files and their bytes as stored, of the shell and of the search index. */
export interface WorkerReport {
  /** Precached when the worker installs. */
  precache: { count: number; size: number };
  /** Downloaded when the reader saves the site for offline reading, and again when out of date. */
  search: { count: number; size: number };
  /** What saving downloads on a device that kept nothing yet, as sent by a host that gzips text. */
  saving: { bytes: number; label: string };
}

/** `/`, `/novosti/`: Eleventy's path prefix with one slash at each end, whatever way it was given. */
export function normalisePathPrefix(prefix: string | undefined): string {
  const inner = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return inner === "" ? "/" : `/${inner}/`;
}

/**
 * Offline reading: the offline page (`/offline/`), the web app manifest (`/manifest.webmanifest`),
 * the icons, the page module that registers the worker (`/offline/reading.js`) and its styles.
 * Only in a production build: while serving (`npm start`) a worker would keep answering with the
 * files it cached instead of the ones being edited. Returns the settings of the service worker
 * that is made once the search index is written (src/indexing.ts), or undefined when offline
 * reading is off.
 */
export function addOfflineReading(
  eleventyConfig: EleventyConfig,
  options: ResolvedOptions,
  editions: readonly Edition[] = [],
): { worker(): WorkerSettings } | undefined {
  const enabled = options.offline && (process.env.ELEVENTY_RUN_MODE ?? "build") === "build";
  // What the layouts need: the theme colour, and how many articles the save control saves (none
  // without search: the list of the newest articles names their Pagefind fragments).
  eleventyConfig.addGlobalData(
    "vestnikOffline",
    enabled ? { themeColor, saveArticles: options.search ? options.offlineArticles : 0 } : false,
  );
  if (!enabled) return undefined;
  // Read when used: Eleventy sets the prefix (its --pathprefix flag or the config) before plugins run.
  const pathPrefix = () => normalisePathPrefix((eleventyConfig as EleventyConfig & { pathPrefix?: string }).pathPrefix);

  eleventyConfig.addTemplateFormats("11ty.js");
  // The site's offline page, and each edition's in its language (`/kk/offline/`): the worker shows it for the edition's addresses.
  const others = editions.filter((edition) => edition.prefix !== "");
  for (const { prefix, options: seen } of [{ prefix: "", options }, ...others]) {
    addThemePage(eleventyConfig, `vestnik${prefix}/offline.njk`, "offline.njk", `${prefix}/offline/index.html`, seen.strings.offlineTitle);
  }
  eleventyConfig.addTemplate(
    "vestnik/offline-reading.11ty.js",
    { render: () => browserModule({ entry: moduleFile("./offline/reading.ts", import.meta.url) }) },
    { ...generated, permalink: "/offline/reading.js" },
  );
  eleventyConfig.addTemplate(
    "vestnik/manifest.11ty.js",
    { render: () => `${JSON.stringify(webAppManifest(options, pathPrefix()), null, 2)}\n` },
    { ...generated, permalink: "/manifest.webmanifest" },
  );
  const copies: Record<string, string> = { [fromProject(path.join(offlineDir, "offline.css"))]: "offline/offline.css" };
  for (const icon of icons) copies[fromProject(path.join(offlineDir, icon.file))] = `assets/${icon.file}`;
  eleventyConfig.addPassthroughCopy(copies);

  return {
    worker: () => ({
      pathPrefix: pathPrefix(),
      articles: options.offlineArticles,
      language: options.language,
      ...(others.length > 0 ? { editions: others.map((edition) => edition.language) } : {}),
    }),
  };
}

/** Passthrough copies are given relative to the project, like the theme's stylesheet. */
function fromProject(file: string): string {
  return path.relative(process.cwd(), file);
}

/** The web app manifest: installable, in the site's language, its start and scope the path prefix. */
export function webAppManifest(options: Pick<ResolvedOptions, "title" | "description" | "language">, pathPrefix: string) {
  return {
    id: pathPrefix,
    name: options.title,
    short_name: options.title,
    ...(options.description ? { description: options.description } : {}),
    lang: options.language,
    dir: "ltr",
    start_url: pathPrefix,
    scope: pathPrefix,
    display: "standalone",
    background_color: "#ffffff",
    theme_color: themeColor,
    icons: icons.map(({ file, ...icon }) => ({ src: `${pathPrefix}assets/${file}`, ...icon })),
  };
}

/**
 * What the worker precaches when it installs, as globs under the output folder: the app shell
 * (the offline and search pages, the styles, scripts, manifest and SVG icon). Small, so that the
 * worker is at work seconds after a first visit, and the same from one content deploy to the next.
 */
const shellGlobs = [
  "offline/index.html",
  "offline/*.{js,css}",
  "assets/*.css",
  "assets/icon.svg",
  "manifest.webmanifest",
  "search/index.html",
  "search/*.js",
];

/** An edition's own pages of the shell, in its folder: its offline page and its search page. */
const editionShellGlobs = ["offline/index.html", "search/index.html", "search/*.js"];

/** The list of search files the worker downloads when the reader saves the site (see src/offline/sw.ts). */
export const searchFilesList = "offline/search-files.json";

/**
 * Of Pagefind's files, what a search needs (its script, entry, metadata, index
 * and filter chunks, and the WebAssembly of the site's languages; not the fragments, which hold
 * whole articles and are kept as read or saved, nor Pagefind's unused UI bundles), plus the search
 * lexicon where the build made one. Paths relative to the output folder, sorted.
 */
async function searchFiles(outputDir: string): Promise<string[]> {
  const [primary, ...older] = indexDirs(outputDir);
  if (primary === undefined) return [];
  const wasm = wasmFiles(path.join(outputDir, primary));
  // Pagefind's code comes from the first part only; each part has its own entry, metadata and chunks.
  const files = ["pagefind.js", ...wasm].map((name) => `${primary}/${name}`);
  if (existsSync(path.join(outputDir, partsFile))) files.push(partsFile);
  for (const dir of [primary, ...older]) {
    files.push(`${dir}/pagefind-entry.json`);
    for (const folder of ["", "index/", "filter/"]) {
      if (!existsSync(path.join(outputDir, dir, folder))) continue;
      for (const name of await fs.readdir(path.join(outputDir, dir, folder))) {
        if (/\.pf_(meta|index|filter)$/.test(name)) files.push(`${dir}/${folder}${name}`);
      }
    }
  }
  if (existsSync(path.join(outputDir, "search/lexicon.json"))) {
    files.push("search/lexicon.json");
    const lexicon = await fs.readdir(path.join(outputDir, "search/lexicon"), { recursive: true, withFileTypes: true });
    for (const file of lexicon) {
      if (file.isFile()) files.push(path.relative(outputDir, path.join(file.parentPath, file.name)).split(path.sep).join("/"));
    }
  }
  return files.sort();
}

/**
 * Writes `offline/search-files.json`: the search files with the path prefix, and a version, a hash
 * of their names and contents, that names the cache the worker keeps them in.
 */
async function writeSearchFilesList(outputDir: string, pathPrefix: string): Promise<{ count: number; size: number }> {
  const files = await searchFiles(outputDir);
  const version = createHash("sha256");
  let size = 0;
  for (const file of files) {
    size += (await fs.stat(path.join(outputDir, file))).size;
    // A file named after its content (Pagefind's chunks, the lexicon's files) counts by its name:
    // reading them all took 1.8 s of a build since the last one at 50,000 articles.
    version.update(`${file}\0`);
    if (!namedByContent(file)) version.update(await fs.readFile(path.join(outputDir, file)));
  }
  const list = { version: version.digest("hex").slice(0, 16), files: files.map((file) => `${pathPrefix}${file}`) };
  await fs.mkdir(path.join(outputDir, path.dirname(searchFilesList)), { recursive: true });
  await fs.writeFile(path.join(outputDir, searchFilesList), `${JSON.stringify(list)}\n`);
  return { count: files.length, size };
}

/** Whether a search file's name changes with its content: Pagefind's chunks (`ru_1a2b3c4.pf_index`), the lexicon's files in its version's folder. */
function namedByContent(file: string): boolean {
  return /_[0-9a-f]{7,}\.pf_(index|filter|meta)$/.test(file) || file.startsWith("search/lexicon/");
}

/** The newest articles the save control keeps (see src/offline/reading.ts). */
const newestList = "offline/newest.json";

/**
 * Writes `offline/newest.json`: the newest articles' pages and their search fragments (what a
 * search result shows), by the date Pagefind keeps for each, as paths with the prefix. Made at
 * build time: a date sort in Pagefind's index would cost every reader's first search its
 * metadata (21 kB at 10,000 articles) for a list only the save button reads. An archive in dated
 * parts is read from its newest part until the count is reached (one part of 200 rather than
 * 50,000 fragments); any other, whole.
 */
function writeNewestList(outputDir: string, pathPrefix: string, count: number, parts: readonly IndexPart[] = []): void {
  const found: { date: string; page: string; fragment: string }[] = [];
  const newestFirst = newestPartsFirst(parts);
  for (const dirs of newestFirst ? newestFirst.map((dir) => [dir]) : [indexDirs(outputDir)]) {
    for (const { file, fragment } of pagefindFragments(outputDir, dirs)) {
      const { url, meta } = fragment as { url: string; meta: { date?: string } };
      found.push({ date: meta.date ?? "", page: `${pathPrefix}${url.replace(/^\//, "")}`, fragment: `${pathPrefix}${file}` });
    }
    if (found.length >= count) break;
  }
  // ISO dates in the site's time zone: as text they sort as moments do. Ties: by address, so builds agree.
  found.sort((a, b) => b.date.localeCompare(a.date) || (a.page < b.page ? -1 : 1));
  const articles = found.slice(0, count).map(({ page, fragment }) => ({ page, fragment }));
  mkdirSync(path.join(outputDir, path.dirname(newestList)), { recursive: true });
  writeFileSync(path.join(outputDir, newestList), `${JSON.stringify({ articles })}\n`);
}

/**
 * Writes `offline/saving.json`: what «Сохранить для чтения офлайн» downloads, counted from the files
 * as a host that gzips text sends them, so the button can say «≈ 9 МБ» before the reader decides.
 * Not precached: it changes with every build, and the worker (and its update notice) should not.
 */
async function writeSavingCost(outputDir: string, pathPrefix: string, language: string): Promise<{ bytes: number; label: string }> {
  const { sent } = await bytesOf(outputDir, await savingFiles(outputDir, pathPrefix));
  // The label in the site's language; a page of an edition writes the size in its own from `bytes`.
  const cost = { bytes: sent, label: readerWords(language).size(sent) };
  await fs.writeFile(path.join(outputDir, savingCostFile), `${JSON.stringify(cost)}\n`);
  return cost;
}

/**
 * Writes `sw.js` into the site just built, after the search index: the worker of
 * `src/offline/sw.ts`, bundled, with Workbox's precache list of the shell (each file with its
 * revision, so a deploy fetches only what changed) injected by `workbox-build`, and the list of
 * search files it downloads next. Every URL in both carries the path prefix.
 */
export async function writeServiceWorker(
  outputDir: string,
  settings: WorkerSettings,
  /** The search index's parts as planned (parts.ts), to read the newest articles from the newest part. */
  parts: readonly IndexPart[] = [],
): Promise<WorkerReport> {
  const caps = {
    // The saved articles, with room for as many again read, and a hundred list and tag pages.
    pages: 2 * settings.articles + 100,
    fragments: 2 * settings.articles + 100,
    images: 100,
    maxAgeDays: 30,
    searchRefreshHours: 24,
    // Search files kept as searches fetched them. A search over an archive in parts fetches each
    // part's entry and metadata and a chunk or more per part and word form: by that count (not
    // measured) 30–60 files at 50,000 articles in 5 parts, some twenty searches; older ones go first.
    searchFiles: 1000,
    // Its fragments are the site's own edition's (the editions' indexes are not kept offline).
    unsavedArticle: readerWords(settings.language).unsavedArticle,
  };
  const source = await browserModule({
    entry: moduleFile("./offline/sw.ts", import.meta.url),
    format: "iife",
    define: { __VESTNIK_OFFLINE__: JSON.stringify(caps), "process.env.NODE_ENV": JSON.stringify("production") },
  });
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), "vestnik-sw-"));
  try {
    const swSrc = path.join(temp, "sw.js");
    await fs.writeFile(swSrc, source);
    const search = await writeSearchFilesList(outputDir, settings.pathPrefix);
    writeNewestList(outputDir, settings.pathPrefix, settings.articles, parts);
    const saving = await writeSavingCost(outputDir, settings.pathPrefix, settings.language);
    const result = await injectManifest({
      swSrc,
      swDest: path.join(outputDir, "sw.js"),
      globDirectory: outputDir,
      globPatterns: [
        ...shellGlobs,
        ...(settings.editions ?? []).flatMap((edition) => editionShellGlobs.map((glob) => `${edition}/${glob}`)),
      ],
      modifyURLPrefix: { "": settings.pathPrefix },
    });
    const problems = result.warnings.filter((warning) => !/glob patterns doesn't match any files/.test(warning));
    for (const warning of problems) console.warn(`[vestnik] Service worker: ${warning}`);
    return { precache: { count: result.count, size: result.size }, search, saving };
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
}

/**
 * What the service worker and the pages share. Cache names carry the worker's scope (the site's
 * address with its path prefix), so two sites on one origin never share a cache, and a version of
 * the caching scheme, raised when what a cache holds changes shape.
 */
export function cacheName(kind: "pages" | "fragments" | "images", scope: string): string {
  return `vestnik-${kind}-v1-${scope}`;
}

/** What «Сохранить для чтения офлайн» downloads, as the build counted it: `{ bytes, label }`. */
export const savingCostFile = "offline/saving.json";

/**
 * Where the search module asks for a search file as the device kept it: `<root>search/kept/` and
 * the file's path from the root (`search/kept/pagefind/index/ru_1a2b.pf_index`). The service worker
 * answers these from its caches only; the files' own addresses it leaves to the network.
 */
export const keptSearchFolder = "search/kept/";

/**
 * The folders, from the site's root or an edition's, that search reads its files from: Pagefind's,
 * with every part of its index, and the lexicon's, with its manifest (`search/lexicon.json`).
 */
export const searchFileFolders = ["pagefind/", "search/lexicon"];

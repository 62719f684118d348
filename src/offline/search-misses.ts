import { askWorker } from "./ask-worker.ts";

/**
 * Whether a search went without some of its files: Pagefind skips an index chunk it cannot fetch
 * and answers with what it has, so offline a search whose chunks were never fetched would seem
 * to find nothing. The service worker counts the search files it could not give (src/offline/sw.ts);
 * the search page compares the count before and after a search.
 */

/** How many search files the service worker could not give since it started; 0 without one. */
export async function searchMisses(): Promise<number> {
  // A worker that does not answer counts as none missed.
  return (await askWorker<{ misses?: number }>({ type: "vestnik-search-misses" }, 1000))?.misses ?? 0;
}

/**
 * Whether a search went without some of its files: Pagefind skips an index chunk it cannot fetch
 * and answers with what it has, so offline a search whose chunks were never fetched would seem
 * to find nothing. The service worker counts the search files it could not give (src/offline/sw.ts);
 * the search page compares the count before and after a search.
 */

/** How many search files the service worker could not give since it started; 0 without one. */
export function searchMisses(): Promise<number> {
  const controller = navigator.serviceWorker?.controller;
  if (!controller) return Promise.resolve(0);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    // A worker that does not answer (an older version, stopped mid-way) counts as none missed.
    const silence = setTimeout(() => resolve(0), 1000);
    channel.port1.onmessage = ({ data }: MessageEvent<{ misses?: number }>) => {
      clearTimeout(silence);
      resolve(data.misses ?? 0);
    };
    controller.postMessage({ type: "vestnik-search-misses" }, [channel.port2]);
  });
}

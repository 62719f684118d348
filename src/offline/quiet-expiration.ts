import { registerQuotaErrorCallback } from "workbox-core";
import { CacheExpiration } from "workbox-expiration";

/** What a worker's event offers to keep the worker alive (the DOM's ExtendableEvent, not in this project's types). */
interface ExtendableEvent {
  waitUntil(promise: Promise<unknown>): void;
}

/** How long a cache's requests stay quiet before its old entries are looked for. */
const quietMs = 2000;

/**
 * Workbox's expiration of a cache (entries past a count or an age go, least recently used first),
 * with its bookkeeping done once a burst of requests is over. Workbox's own plugin writes each
 * entry's time in IndexedDB and then reads every entry's time, after every request: a search
 * fetches a dozen files, and that work held up the worker's next answers (a third of a median
 * query's 50 ms on the Wikinews site, with a thousand files kept).
 */
export class QuietExpiration {
  readonly #expiration: CacheExpiration;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: { done: Promise<void>; finish: () => void } | undefined;
  /** URLs used since the last clean-up: their times are written with it, off the path of the answers. */
  readonly #touched = new Set<string>();

  constructor(cacheName: string, config: { maxEntries?: number; maxAgeSeconds?: number; purgeOnQuotaError?: boolean }) {
    const { purgeOnQuotaError, ...limits } = config;
    this.#expiration = new CacheExpiration(cacheName, limits);
    if (purgeOnQuotaError) registerQuotaErrorCallback(() => this.#expiration.delete());
  }

  /** Marks `url` used now; its time is written, and old entries looked for, once requests have been quiet a while. */
  touch(url: string, event?: ExtendableEvent): void {
    this.#touched.add(url);
    if (!this.#pending) {
      let finish = () => {};
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      this.#pending = { done, finish };
    }
    const pending = this.#pending;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#pending = undefined;
      const touched = [...this.#touched];
      this.#touched.clear();
      void (async () => {
        for (const one of touched) await this.#expiration.updateTimestamp(one);
        await this.#expiration.expireEntries();
      })()
        .catch(() => undefined)
        .finally(pending.finish);
    }, quietMs);
    // The worker stays alive until the clean-up has run (when the event still lets it).
    try {
      event?.waitUntil(pending.done);
    } catch {
      // The event is over: the clean-up runs if the worker lives that long.
    }
  }

  /** The cache and its timestamps, gone. */
  delete(): Promise<void> {
    return this.#expiration.delete();
  }

  /**
   * As a Workbox strategy's plugin, in place of its ExpirationPlugin. A response from the network
   * is marked when it comes (`fetchDidSucceed`), not once cached: a plugin with `cacheDidUpdate`
   * makes Workbox look up the old entry before every write.
   */
  plugin() {
    return {
      cachedResponseWillBeUsed: async ({
        request,
        event,
        cachedResponse,
      }: {
        request: Request;
        event?: ExtendableEvent;
        cachedResponse?: Response;
      }) => {
        if (cachedResponse) this.touch(request.url, event);
        return cachedResponse ?? null;
      },
      fetchDidSucceed: async ({ request, event, response }: { request: Request; event?: ExtendableEvent; response: Response }) => {
        if (response.ok) this.touch(request.url, event);
        return response;
      },
    };
  }
}

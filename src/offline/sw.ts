/**
 * The site's service worker, `/sw.js` at the root of the path prefix (so its scope is the whole
 * site). Bundled by `src/offline.ts`, which also puts the build's precache list where
 * `self.__WB_MANIFEST` stands (Workbox's injectManifest). What it keeps, and for how long:
 *
 * - precache, installed with the worker: the offline page, the search page, CSS, scripts, the
 *   manifest and Pagefind's code, WebAssembly, metadata, index and filter chunks, so that any query
 *   works offline. Entries are keyed by the build's revision of each file: a new deploy downloads
 *   only what changed and, once active, deletes what the build no longer has;
 * - pages (front page, tag pages, articles): network first, the cached copy when offline or when
 *   the network is too slow; kept as read, up to a cap and an age, and dropped as soon as the site
 *   answers 404 or 410 for them (a deleted article);
 * - Pagefind fragments (one article's text for search results): cache first, as their names are
 *   hashes of their content; kept as searched or saved, up to a cap;
 * - images: cache first, as read, up to a cap.
 *
 * A page that is neither cached nor reachable gets the offline page.
 */
import { clientsClaim, setCacheNameDetails } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { cleanupOutdatedCaches, matchPrecache, type PrecacheEntry, precacheAndRoute } from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { CacheFirst, NetworkFirst } from "workbox-strategies";
import { cacheName as sharedCacheName } from "./shared.ts";

/** What the DOM library lacks of a service worker's global scope: only what this file uses. */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerScope {
  registration: ServiceWorkerRegistration;
  __WB_MANIFEST: (PrecacheEntry | string)[];
  skipWaiting(): Promise<void>;
  addEventListener(type: "install", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}
declare const self: WorkerScope;

/** Set by `src/offline.ts` when it bundles this file. */
declare const __VESTNIK_OFFLINE__: {
  /** Pages kept as read or saved. */
  pages: number;
  /** Pagefind fragments kept. */
  fragments: number;
  /** Images kept. */
  images: number;
  /** Days a cached page or image is kept without being read again online. */
  maxAgeDays: number;
};
const settings = __VESTNIK_OFFLINE__;

const scope = new URL(self.registration.scope);
/** The site's own addresses: this origin, under the path prefix. */
const onSite = (url: URL) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
const siteUrl = (path: string) => new URL(path, scope).href;
const offlinePage = siteUrl("offline/index.html");
const searchEntry = siteUrl("pagefind/pagefind-entry.json");

// Cache names carry the scope, so two sites on one origin (two project sites) never share one.
setCacheNameDetails({ prefix: "vestnik" });
const cacheName = (kind: "pages" | "fragments" | "images") => sharedCacheName(kind, scope.href);
const maxAgeSeconds = settings.maxAgeDays * 24 * 60 * 60;

// A new version waits until the reader agrees (the page shows a notice) or closes every tab.
self.addEventListener("message", (event) => {
  if ((event.data as { type?: string } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});
// The first version takes over the open page at once, so the page the reader is on can be kept.
clientsClaim();

// Pagefind's entry file names the index of the current build. Online it comes from the network,
// so a reader whose worker still holds the previous deploy searches the index now published (its
// chunks and fragments are fetched by their new names); offline, or with no answer within three
// seconds, it comes from the precache, consistent with the chunks precached beside it.
registerRoute(
  ({ url }) => url.href.split("?")[0] === searchEntry,
  async ({ request }) => {
    try {
      const response = await Promise.race([fetch(request), timeout(3000)]);
      if (response.ok) return response;
    } catch {
      // Offline or too slow: the precached entry below.
    }
    return (await matchPrecache(searchEntry)) ?? Response.error();
  },
);

precacheAndRoute(self.__WB_MANIFEST, {
  // `ts` is Pagefind's cache buster for its entry file; `q` is the search page's query.
  ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^ts$/, /^q$/],
});
cleanupOutdatedCaches();

/** A page the site no longer has (a deleted or moved article) leaves the cache when the site says so. */
const forgetRemovedPages = {
  fetchDidSucceed: async ({ request, response }: { request: Request; response: Response }) => {
    if (response.status === 404 || response.status === 410) {
      await (await caches.open(cacheName("pages"))).delete(request.url, { ignoreSearch: true });
    }
    return response;
  },
};

const pages = new NetworkFirst({
  cacheName: cacheName("pages"),
  // A train's connection may hang rather than fail: after five seconds the saved copy is shown.
  networkTimeoutSeconds: 5,
  plugins: [
    new ExpirationPlugin({ maxEntries: settings.pages, maxAgeSeconds, purgeOnQuotaError: true }),
    forgetRemovedPages,
    {
      // A page neither cached nor reachable: the offline page, for the reader's navigations only.
      handlerDidError: async ({ request }: { request: Request }) =>
        request.mode === "navigate" ? await matchPrecache(offlinePage) : undefined,
    },
  ],
});
registerRoute(({ url, request }) => onSite(url) && isPage(url) && (request.mode === "navigate" || request.destination === ""), pages);

const fragments = new CacheFirst({
  cacheName: cacheName("fragments"),
  plugins: [new ExpirationPlugin({ maxEntries: settings.fragments, purgeOnQuotaError: true })],
});
registerRoute(
  ({ url }) => onSite(url) && url.pathname.startsWith(`${scope.pathname}pagefind/fragment/`),
  async (options) => {
    try {
      const response = await fragments.handle(options);
      if (response.ok) return response;
    } catch {
      // Offline and never saved: answered below.
    }
    return unsavedFragment();
  },
);

registerRoute(
  ({ url, request }) => onSite(url) && request.destination === "image",
  new CacheFirst({
    cacheName: cacheName("images"),
    plugins: [new ExpirationPlugin({ maxEntries: settings.images, maxAgeSeconds, purgeOnQuotaError: true })],
  }),
);

setCatchHandler(async ({ request }) => (request.mode === "navigate" && (await matchPrecache(offlinePage))) || Response.error());

// The front page and the list of tags are kept from the first visit on, whichever page it was.
self.addEventListener("install", (event) => {
  event.waitUntil(
    Promise.all(["", "tags/"].map((path) => pages.handleAll({ event, request: new Request(siteUrl(path)) })[1].catch(() => undefined))),
  );
});

function isPage(url: URL): boolean {
  return url.pathname.endsWith("/") || url.pathname.endsWith(".html");
}

function timeout(milliseconds: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), milliseconds));
}

/**
 * What Pagefind gets offline for an article it found but whose text was never saved: a fragment in
 * its own format (uncompressed, after its signature) that says so and links to the offline page,
 * rather than an error that would fail the whole search. It is never cached.
 */
function unsavedFragment(): Response {
  const fragment = {
    url: "/offline/",
    content: "",
    word_count: 0,
    filters: {},
    meta: { title: "Новость не сохранена для чтения офлайн" },
    anchors: [],
  };
  return new Response(`pagefind_dcd${JSON.stringify(fragment)}`, { headers: { "Content-Type": "application/octet-stream" } });
}

/**
 * The site's service worker, `/sw.js` at the root of the path prefix (so its scope is the whole
 * site). Bundled by `src/offline.ts`, which also puts the build's precache list where
 * `self.__WB_MANIFEST` stands (Workbox's injectManifest). What it keeps, and for how long:
 *
 * - precache, installed with the worker: the app shell (offline page, search page, styles,
 *   scripts, manifest, icon). Small, so the worker is at work within seconds of a first visit.
 *   Entries are keyed by revision: a deploy that changes the shell fetches only what changed,
 *   waits until the reader agrees to reload, and then deletes what the build no longer has;
 * - what the reader's searches fetched (Pagefind's code, entry, metadata, index and filter chunks,
 *   the search lexicon), as search.js reports it fetched them from the site (past this worker: it
 *   only answers the kept copies, under `search/kept/`), taken from the browser's HTTP cache, so the
 *   same searches work offline. Nothing of the index is fetched unless a search or the reader asks:
 *   a first visit costs the page and the shell, whatever the size of the archive. Kept up to a cap
 *   and an age;
 * - the whole search index, as listed by the build in `offline/search-files.json`, only when the
 *   reader saves the site for offline reading (and, once saved, kept current in the background
 *   where the page allows it: not on Save-Data or a cellular connection): downloaded two files at a
 *   time into a cache named by that build's index version, which replaces the previous one only
 *   once complete. Pagefind rewrites every chunk when one article changes, so it is downloaded again
 *   only when it is a day old, when the worker itself was updated, or when the reader saves again.
 *   Online, search uses the published index; offline, the saved one where there is one;
 * - pages (front page, tag pages, articles): network first, the cached copy when offline or when
 *   the network is too slow; kept as read, up to a cap and an age, and dropped as soon as the site
 *   answers 404 or 410 for them (a deleted article);
 * - Pagefind fragments (one article's text for search results): kept as searched (as above) or
 *   saved, up to a cap;
 * - images: cache first, as read, up to a cap.
 *
 * A page that is neither cached nor reachable gets the offline page.
 */
import { clientsClaim, setCacheNameDetails } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { cleanupOutdatedCaches, matchPrecache, type PrecacheEntry, precacheAndRoute } from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { CacheFirst, NetworkFirst } from "workbox-strategies";
import { QuietExpiration } from "./quiet-expiration.ts";
import { keptSearchFolder, searchFileFolders, cacheName as sharedCacheName } from "./shared.ts";

/** What the DOM library lacks of a service worker's global scope: only what this file uses. */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
/** The install event, with the static routing API of Chromium 123 on (`addRoutes`), which others lack. */
interface InstallEvent extends ExtendableEvent {
  addRoutes?(rules: { condition: { urlPattern: { pathname: string } }; source: "network" | "fetch-event" }[]): Promise<void>;
}
interface ExtendableMessageEvent extends MessageEvent {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerScope {
  registration: ServiceWorkerRegistration;
  __WB_MANIFEST: (PrecacheEntry | string)[];
  skipWaiting(): Promise<void>;
  addEventListener(type: "install", listener: (event: InstallEvent) => void): void;
  addEventListener(type: "message", listener: (event: ExtendableMessageEvent) => void): void;
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
  /** Hours after which the search index is downloaded again when a page asks. */
  searchRefreshHours: number;
  /** Search files kept as the reader's searches fetched them (not the saved index). */
  searchFiles: number;
  /** The title of an unsaved article's stand-in, in the site's language (theme/reader-words.ts). */
  unsavedArticle: string;
};
const settings = __VESTNIK_OFFLINE__;
/** The build's precache list: Workbox's injectManifest writes it here, at its one mention. */
const precacheList = self.__WB_MANIFEST;
// Browsers open six connections to a host over HTTP/1.1: the background download of the search
// index takes two, so the reader's own searches and pages never queue behind it (measured: six
// lanes doubled the median query time while the index was downloading).
const backgroundDownloads = 2;

const scope = new URL(self.registration.scope);
/** The site's own addresses: this origin, under the path prefix. */
const onSite = (url: URL) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
const siteUrl = (path: string) => new URL(path, scope).href;
const offlinePage = siteUrl("offline/index.html");
/** The offline page in the language of the address asked for: an edition's (`kk/offline/`) when it has one. */
async function offlinePageFor(request: Request): Promise<Response | undefined> {
  const folder = new URL(request.url).pathname.slice(scope.pathname.length).split("/")[0];
  const own = folder ? await matchPrecache(siteUrl(`${folder}/offline/index.html`)) : undefined;
  return own ?? (await matchPrecache(offlinePage));
}
const searchList = siteUrl("offline/search-files.json");

// Cache names carry the scope, so two sites on one origin (two project sites) never share one.
setCacheNameDetails({ prefix: "vestnik" });
const cacheName = (kind: "pages" | "fragments" | "images") => sharedCacheName(kind, scope.href);
const maxAgeSeconds = settings.maxAgeDays * 24 * 60 * 60;

// A new version waits until the reader agrees (the page shows a notice) or closes every tab.
self.addEventListener("message", (event) => {
  const message = event.data as { type?: string; force?: boolean; ifSaved?: boolean; urls?: unknown } | null;
  const port = event.ports[0];
  if (message?.type === "SKIP_WAITING") void self.skipWaiting();
  if (message?.type === "vestnik-search") {
    event.waitUntil(
      updateSearch(message.force === true, message.ifSaved === true, (done, total) =>
        port?.postMessage({ state: "progress", done, total }),
      ).then(
        (version) => port?.postMessage(version === undefined ? { state: "none" } : { state: "ready", version }),
        () => port?.postMessage({ state: "failed" }),
      ),
    );
  }
  // A page's search fetched these files online, or the reader saves these articles' fragments.
  if (message?.type === "vestnik-search-keep" && Array.isArray(message.urls)) {
    event.waitUntil(keepSearchFiles(message.urls, event).then((failed) => port?.postMessage({ failed })));
  }
  // The search page asks after each search whether a file it needed could not be had offline.
  if (message?.type === "vestnik-search-misses") port?.postMessage({ misses: searchMisses });
});
// The first version takes over the open page at once, so the page the reader is on can be kept.
clientsClaim();

/** This worker's version: the precache list, which changes whenever the shell does. */
const workerVersion = hash(JSON.stringify(precacheList));
const searchCachePrefix = `vestnik-search-v1-${scope.href}-`;

/** What marks a search cache complete, stored in it last. */
interface SearchMark {
  version: string;
  worker: string;
  savedAt: number;
}

let snapshot: Promise<{ cache: Cache; mark: SearchMark } | undefined> | undefined;

/** The complete search cache, if there is one. */
function searchSnapshot(): Promise<{ cache: Cache; mark: SearchMark } | undefined> {
  snapshot ??= (async () => {
    for (const name of (await caches.keys()).filter((one) => one.startsWith(searchCachePrefix))) {
      const cache = await caches.open(name);
      const mark = await cache.match(searchList);
      if (mark) return { cache, mark: (await mark.json()) as SearchMark };
    }
    return undefined;
  })();
  return snapshot;
}

let downloading: Promise<string> | undefined;
const progressListeners = new Set<(done: number, total: number) => void>();

/**
 * Makes sure the search index is kept, and current enough: downloads the build's list of search
 * files and then the files, unless the kept index is younger than a day and from this worker
 * (`force`: whatever its age, as when the reader saves articles; `ifSaved`: only when the reader
 * saved it before, else undefined). One download at a time.
 */
async function updateSearch(
  force: boolean,
  ifSaved: boolean,
  progress: (done: number, total: number) => void,
): Promise<string | undefined> {
  const kept = await searchSnapshot();
  if (!kept && ifSaved) return undefined;
  const fresh = kept && kept.mark.worker === workerVersion && Date.now() - kept.mark.savedAt < settings.searchRefreshHours * 3600_000;
  if (kept && fresh && !force) return kept.mark.version;
  progressListeners.add(progress);
  downloading ??= downloadSearch(kept).finally(() => {
    downloading = undefined;
    progressListeners.clear();
  });
  return downloading;
}

async function downloadSearch(kept: { cache: Cache; mark: SearchMark } | undefined): Promise<string> {
  const response = await fetch(searchList, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${searchList}: ${response.status}`);
  const list = (await response.json()) as { version: string; files: string[] };
  const name = `${searchCachePrefix}${list.version}`;
  const mark = (): Response => new Response(JSON.stringify({ version: list.version, worker: workerVersion, savedAt: Date.now() }));
  if (kept?.mark.version === list.version) {
    // The same index: only remember that it was checked.
    await kept.cache.put(searchList, mark());
    snapshot = undefined;
    return list.version;
  }
  const cache = await caches.open(name);
  const seen = await caches.open(seenCache);
  let done = 0;
  const queue = [...list.files];
  const report = () => {
    for (const listener of progressListeners) listener(done, list.files.length);
  };
  report();
  await Promise.all(
    Array.from({ length: backgroundDownloads }, async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        if (!(await cache.match(file))) {
          // A file a search already fetched, named by its content, is not downloaded again.
          const got = (isHashed(new URL(file, scope)) && (await seen.match(file))) || (await fetch(file, { cache: "no-cache" }));
          if (!got.ok) throw new Error(`${file}: ${got.status}`);
          await cache.put(file, got);
        }
        done++;
        report();
      }
    }),
  );
  await cache.put(searchList, mark());
  // Complete: the index of an older build, or an unfinished download, goes.
  for (const other of await caches.keys()) {
    if (other.startsWith(searchCachePrefix) && other !== name) await caches.delete(other);
  }
  snapshot = undefined;
  // What searches fetched is in the saved index now, or of an older build.
  await seenExpiration.delete();
  await caches.delete(seenCache);
  return list.version;
}

/** Search files as the reader's searches fetched them, keyed without their query (`?ts=…`). */
const seenCache = `vestnik-search-seen-v1-${scope.href}`;
const seenExpiration = new QuietExpiration(seenCache, { maxEntries: settings.searchFiles, maxAgeSeconds });
/** Search files that could be had neither from the network nor from a cache, since the worker started. */
let searchMisses = 0;

/** Index, filter and metadata chunks and the lexicon's versioned folder: their names are hashes of their content. */
function isHashed(url: URL): boolean {
  return /\.pf_(index|filter|meta)$|\/search\/lexicon\/[^/]+\//.test(url.pathname);
}

/** A search file kept: from the saved index first (complete and consistent), else as a search fetched it. */
async function keptSearchFile(key: string): Promise<Response | undefined> {
  return (await (await searchSnapshot())?.cache.match(key)) ?? (await (await caches.open(seenCache)).match(key));
}

/** Offline and never fetched: counted, so the search page can say that results may be missing. */
function searchMiss(): Response {
  searchMisses++;
  return Response.error();
}

/** Whether a file at a site path is one of search's: Pagefind's (any edition's, any part's) or the lexicon's. */
function isSearchPath(pathname: string): boolean {
  const path = pathname.slice(scope.pathname.length);
  return searchFileFolders.some((folder) => path.startsWith(folder) || path.includes(`/${folder}`));
}

const isFragment = (url: URL) => url.pathname.includes("/fragment/");
const fragmentCache = cacheName("fragments");
const fragmentExpiration = new QuietExpiration(fragmentCache, { maxEntries: settings.fragments, purgeOnQuotaError: true });

/**
 * Keeps search files a page fetched from the site (search.ts tells their addresses once a search
 * has its results; reading.ts the fragments of articles saved): from the browser's HTTP cache, which
 * has them, else the network. Fragments and files named by their content that are kept already are
 * only marked as used. Resolves to how many could not be had.
 */
async function keepSearchFiles(addresses: string[], event: ExtendableEvent): Promise<number> {
  const snapshot = await searchSnapshot();
  let failed = 0;
  await Promise.all(
    addresses.map(async (address) => {
      const url = new URL(address, scope);
      if (!onSite(url) || !isSearchPath(url.pathname)) return;
      const key = `${url.origin}${url.pathname}`;
      const fragment = isFragment(url);
      const cache = await caches.open(fragment ? fragmentCache : seenCache);
      const expiration = fragment ? fragmentExpiration : seenExpiration;
      if ((fragment || isHashed(url)) && ((await cache.match(key)) || (await snapshot?.cache.match(key)))) {
        expiration.touch(key, event);
        return;
      }
      const response = await fetch(url, { cache: "force-cache" }).catch(() => undefined);
      if (response?.status !== 200) {
        failed++;
        return;
      }
      await cache.put(key, response);
      expiration.touch(key, event);
    }),
  );
  return failed;
}

/**
 * Search files as the device kept them, asked for under `search/kept/` (shared.ts): offline, or
 * when the network failed or kept a search waiting. From the saved index, what searches fetched,
 * the kept fragments, or the browser's HTTP cache; never the network. A fragment never kept is
 * answered with a stand-in that says so; any other file is counted as missed.
 */
registerRoute(
  ({ url }) => onSite(url) && url.pathname.includes(`/${keptSearchFolder}`),
  async ({ url }) => {
    const real = new URL(url.pathname.replace(`/${keptSearchFolder}`, "/"), scope);
    if (!isSearchPath(real.pathname)) return Response.error();
    const key = `${real.origin}${real.pathname}`;
    const fragment = isFragment(real);
    const kept =
      (fragment ? await (await caches.open(fragmentCache)).match(key) : undefined) ??
      (await keptSearchFile(key)) ??
      (await fetch(key, { cache: "only-if-cached", mode: "same-origin" }).then(
        (response) => (response.ok ? response : undefined),
        () => undefined,
      ));
    if (kept) return kept;
    return fragment ? unsavedFragment() : searchMiss();
  },
);

precacheAndRoute(precacheList, {
  // `q` is the search page's query.
  ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^q$/],
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
        request.mode === "navigate" ? await offlinePageFor(request) : undefined,
    },
  ],
});
registerRoute(({ url, request }) => onSite(url) && isPage(url) && (request.mode === "navigate" || request.destination === ""), pages);

registerRoute(
  ({ url, request }) => onSite(url) && request.destination === "image",
  new CacheFirst({
    cacheName: cacheName("images"),
    plugins: [new ExpirationPlugin({ maxEntries: settings.images, maxAgeSeconds, purgeOnQuotaError: true })],
  }),
);

setCatchHandler(async ({ request }) => (request.mode === "navigate" && (await offlinePageFor(request))) || Response.error());

// The front page is kept from the first visit on, whichever page it was: one page of the newest,
// whatever the size of the archive (the list of tags grows with it, and is kept when saving).
self.addEventListener("install", (event) => {
  event.waitUntil(pages.handleAll({ event, request: new Request(siteUrl("")) })[1].catch(() => undefined));
  // The site's own search files go to the network without waking the worker, which has nothing to
  // do with them (the kept ones are asked for under `search/kept/`, listed first: the first rule
  // that matches wins). Where the browser has no static routes, the worker's router lets them pass.
  const site = scope.pathname.replace(/[\\:*?+(){}]/g, "\\$&");
  try {
    event
      .addRoutes?.([
        { condition: { urlPattern: { pathname: `${site}*${keptSearchFolder}*` } }, source: "fetch-event" },
        ...searchFileFolders.map((folder) => ({
          condition: { urlPattern: { pathname: `${site}*${folder}*` } },
          source: "network" as const,
        })),
      ])
      .catch(() => undefined);
  } catch {
    // A browser that refuses the rules: its worker's router lets the files pass all the same.
  }
});

function isPage(url: URL): boolean {
  // The editor's desk (admin.ts) is an app of its own that must always be the newest: never kept.
  if (url.pathname.startsWith(`${scope.pathname}admin/`)) return false;
  return url.pathname.endsWith("/") || url.pathname.endsWith(".html");
}

/** A short, stable hash of a text (FNV-1a), to tell one worker version from another. */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193);
  return (value >>> 0).toString(36);
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
    meta: { title: settings.unsavedArticle },
    anchors: [],
  };
  return new Response(`pagefind_dcd${JSON.stringify(fragment)}`, { headers: { "Content-Type": "application/octet-stream" } });
}

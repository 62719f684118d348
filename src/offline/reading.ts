/**
 * Offline reading on the page's side, `/offline/reading.js`, loaded by every page as a module:
 * registers the service worker (`/sw.js` beside the site's root, whatever the path prefix), tells
 * the reader when a new version of the site is ready, runs the «Сохранить для чтения офлайн»
 * control and, on the offline page, lists what this device has saved.
 */
import { Workbox } from "workbox-window";
import { readerWords } from "../theme/reader-words.ts";
import { askWorker } from "./ask-worker.ts";
import { cacheName, savingCostFile } from "./shared.ts";

/** The words this page's reader reads: its `<html lang>`, the Kazakh edition's pages in Kazakh. */
const words = readerWords(document.documentElement.lang);

/** The site's root, path prefix included: this module is served from `<root>offline/`. */
const root = new URL("../", import.meta.url);

// The styles of what this module shows (the save control, the update notice, the saved list), which
// stay hidden until it runs: linked from here rather than from every page, at 46 bytes a page.
const styles = document.createElement("link");
styles.rel = "stylesheet";
styles.href = new URL("offline.css", import.meta.url).href;
document.head.append(styles);

if ("serviceWorker" in navigator) {
  const worker = new Workbox(new URL("sw.js", root).href, { scope: root.pathname });
  let reloadWhenUpdated = false;
  worker.addEventListener("waiting", () =>
    offerUpdate(() => {
      reloadWhenUpdated = true;
      worker.messageSkipWaiting();
    }),
  );
  worker.addEventListener("controlling", (event) => {
    if (reloadWhenUpdated) location.reload();
    // The first time the worker takes over: keep the page the reader came to, too.
    else if (!event.isUpdate) void fetch(location.href, { cache: "force-cache" }).catch(() => undefined);
  });
  void worker.register().catch(() => undefined);
  // A reader who saved the site for offline reading has the saved search index kept current (a
  // new one when it is a day old or the site changed), but not on a connection that costs them:
  // there only when they click again. The page says so on <html data-offline-search="ready">.
  // A reader who never saved downloads nothing of the index but what their searches fetch.
  if (!costlyConnection()) {
    void controlled()
      .then(() => keepSearch({ force: false, ifSaved: true }))
      .then((kept) => {
        if (kept) document.documentElement.dataset.offlineSearch = "ready";
      })
      .catch(() => undefined);
  }
  for (const control of document.querySelectorAll<HTMLElement>("[data-offline-save]")) setUpSaveControl(control);
  for (const list of document.querySelectorAll<HTMLElement>("[data-offline-saved]")) void listSaved(list);
  // The offline page stands in for a page the reader asked for: once online, show that page.
  if (document.querySelector("[data-offline-page]") && !location.pathname.endsWith("/offline/")) {
    // Chromium also fires "online" when nothing answers (navigator.onLine true or false), sometimes
    // over and over, and a reload then cuts short the reader's click on a saved article. So reload
    // only once the page's own address answers from the network (the worker leaves HEAD alone).
    const tryAgain = () =>
      void fetch(location.href, { method: "HEAD", cache: "no-store" }).then(
        (response) => {
          if (response.ok) location.reload();
        },
        () => undefined,
      );
    addEventListener("online", tryAgain);
    // Chromium does not always fire "online" when the connection returns (navigator.onLine may have
    // stayed true all along): ask again every few seconds while this stand-in page is shown.
    setInterval(tryAgain, 5000);
  }
}

/** A small notice at the bottom of the page, with a button that switches to the new version. */
function offerUpdate(update: () => void): void {
  if (document.querySelector("[data-offline-update]")) return;
  const notice = document.createElement("div");
  notice.className = "offline-update";
  notice.dataset.offlineUpdate = "";
  notice.setAttribute("role", "status");
  const text = document.createElement("p");
  text.textContent = words.newVersion;
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = words.update;
  button.addEventListener("click", () => {
    button.disabled = true;
    text.textContent = words.updating;
    update();
    // In another tab the reader may already have switched: the new version is then at work, and
    // will not take over again. A reload shows it all the same.
    setTimeout(() => location.reload(), 3000);
  });
  notice.append(text, button);
  document.body.append(notice);
}

/** Save-Data (the reader asked their browser to spare data) or a mobile network: no downloads unasked. */
function costlyConnection(): boolean {
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean; type?: string } }).connection;
  return connection?.saveData === true || connection?.type === "cellular";
}

/**
 * Asks the worker to keep the search index current (`force`: download it whatever its age;
 * `ifSaved`: only if the reader saved it before, resolving false otherwise). Gives up when the
 * worker has said nothing for a minute (a worker stopped by the browser mid-way).
 */
function keepSearch(
  { force, ifSaved }: { force: boolean; ifSaved: boolean },
  progress?: (done: number, total: number) => void,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    let silence = setTimeout(() => reject(new Error("The service worker stopped answering")), 60_000);
    channel.port1.onmessage = ({ data }: MessageEvent<{ state: string; done?: number; total?: number }>) => {
      clearTimeout(silence);
      if (data.state === "progress") {
        progress?.(data.done ?? 0, data.total ?? 0);
        silence = setTimeout(() => reject(new Error("The service worker stopped answering")), 60_000);
      } else if (data.state === "ready") resolve(true);
      else if (data.state === "none") resolve(false);
      else reject(new Error("The search index could not be kept"));
    };
    const controller = navigator.serviceWorker.controller;
    if (!controller) reject(new Error("No service worker"));
    else controller.postMessage({ type: "vestnik-search", force, ifSaved }, [channel.port2]);
  });
}

/** Resolves once the worker controls this page, so that what the page fetches is kept; fails after 30 s without. */
function controlled(): Promise<void> {
  if (navigator.serviceWorker.controller) return Promise.resolve();
  return new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error("No service worker took over this page")), 30_000);
    navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true });
  });
}

function setUpSaveControl(control: HTMLElement): void {
  const count = Number(control.dataset.offlineSave) || 30;
  const button = control.querySelector("button");
  const progress = control.querySelector("progress");
  const status = control.querySelector<HTMLElement>("[data-offline-status]");
  if (!button || !progress || !status) return;
  control.hidden = false;
  // How much saving downloads, as the build counted it: shown before the reader decides.
  const size = control.querySelector<HTMLElement>("[data-offline-size]");
  if (size) {
    void fetch(new URL(savingCostFile, root).href)
      .then((response): Promise<{ bytes?: number }> | { bytes?: number } => (response.ok ? response.json() : {}))
      .then(({ bytes }) => {
        // From the bytes, in the page's language: the file's own label is in the site's.
        if (typeof bytes === "number") size.textContent = ` (${words.size(bytes)})`;
      })
      .catch(() => undefined);
  }
  button.addEventListener("click", () => {
    if (!navigator.onLine) {
      status.textContent = words.saveNeedsConnection;
      return;
    }
    button.disabled = true;
    control.dataset.state = "saving";
    progress.hidden = false;
    progress.removeAttribute("value");
    status.textContent = words.savePreparing;
    // Ask the browser not to clear saved news when space runs low (Firefox asks the reader).
    void navigator.storage?.persist?.().catch(() => false);
    saveNewest(
      count,
      (done, total) => {
        progress.max = total;
        progress.value = done;
        status.textContent = words.saveSearch(Math.floor((100 * done) / Math.max(total, 1)));
      },
      (done, total) => {
        progress.max = total;
        progress.value = done;
        status.textContent = words.saveArticles(done, total);
      },
    )
      .then(({ saved, total }) => {
        control.dataset.state = saved === total ? "saved" : "partly";
        status.textContent = saved === total ? words.saved(saved) : words.savedPartly(saved, total);
      })
      .catch(() => {
        control.dataset.state = "failed";
        status.textContent = words.saveFailed;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
}

/**
 * Saves the newest `count` articles and their search fragments through the worker, which keeps
 * them, after bringing the kept search index up to date (so that it knows them). The build lists
 * the newest articles with their fragments in `offline/newest.json`. Then the front page and the
 * list of tags are refreshed. Four articles at a time.
 */
async function saveNewest(
  count: number,
  searchProgress: (done: number, total: number) => void,
  progress: (done: number, total: number) => void,
): Promise<{ saved: number; total: number }> {
  await controlled();
  await keepSearch({ force: true, ifSaved: false }, searchProgress);
  document.documentElement.dataset.offlineSearch = "ready";
  const response = await fetch(new URL("offline/newest.json", root).href, { cache: "no-cache" });
  if (!response.ok) throw new Error(`offline/newest.json: ${response.status}`);
  const { articles } = (await response.json()) as { articles: { page: string; fragment: string }[] };
  const newest = articles.slice(0, count);
  const total = newest.length;
  let done = 0;
  let saved = 0;
  progress(0, total);
  const queue = [...newest];
  const saveOne = async (article: { page: string; fragment: string }) => {
    try {
      await Promise.all([fetchOk(new URL(article.page, root.origin).href), keepFragment(new URL(article.fragment, root.origin).href)]);
      saved++;
    } catch {
      // Counted as not saved; the reader is told and may try again.
    }
    progress(++done, total);
  };
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await saveOne(next);
    }),
  );
  await Promise.all(["", "tags/"].map((path) => fetchOk(new URL(path, root).href).catch(() => undefined)));
  return { saved, total };
}

/**
 * Has the worker keep an article's search fragment (the site's own fragment addresses go past it);
 * fails when it could not, or did not answer within a minute.
 */
async function keepFragment(url: string): Promise<void> {
  const answer = await askWorker<{ failed?: number }>({ type: "vestnik-search-keep", urls: [url] }, 60_000);
  if (answer?.failed !== 0) throw new Error(`${url} could not be kept`);
}

async function fetchOk(url: string): Promise<void> {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  await response.arrayBuffer();
}

/** On the offline page: the articles this device has kept, newest kept first, as links. */
async function listSaved(list: HTMLElement): Promise<void> {
  const cache = await caches.open(cacheName("pages", root.href));
  const requests = [...(await cache.keys())].reverse().slice(0, 100);
  const items: HTMLLIElement[] = [];
  for (const request of requests) {
    const url = new URL(request.url);
    if (!/\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(url.pathname)) continue;
    const response = await cache.match(request);
    const html = response ? await response.text() : "";
    const page = new DOMParser().parseFromString(html, "text/html");
    const title = page.querySelector("h1")?.textContent?.trim();
    if (!title) continue;
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = url.href;
    link.textContent = title;
    item.append(link);
    items.push(item);
  }
  const target = list.querySelector("ul, ol") ?? list;
  target.replaceChildren(...items);
  list.hidden = items.length === 0;
}

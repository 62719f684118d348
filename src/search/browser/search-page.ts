/**
 * The `/search/` page: reads `?q=`, shows the hits in the page's language (its `<html lang>`, with
 * that language's plurals), keeps the address in step with the query so a search can be shared as
 * a link. All searching is done by `search.js`.
 */
import { searchMisses } from "../../offline/search-misses.ts";
import { readerWords } from "../../theme/reader-words.ts";
import { type Hit, prepareSearch, searchResults } from "./search.ts";

const words = readerWords(document.documentElement.lang);
// The site's time zone is on the search page only (its form), not on every page's <html>.
const timeZone = document.querySelector<HTMLElement>("[data-time-zone]")?.dataset.timeZone;

function hitItem(hit: Hit): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "search-hit";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = hit.url;
  link.textContent = hit.title;
  heading.append(link);
  item.append(heading);
  if (hit.date) {
    const time = document.createElement("time");
    time.dateTime = hit.date;
    time.textContent = words.date(new Date(hit.date), timeZone);
    item.append(time);
  }
  const excerpt = document.createElement("p");
  // Pagefind's excerpt is text it escaped itself, with <mark> around the matched words.
  excerpt.innerHTML = hit.excerpt;
  item.append(excerpt);
  return item;
}

/** Hits a screen: each hit is a download of its own, so the rest come when the reader asks. */
const pageSize = 10;

async function show(form: HTMLFormElement, query: string): Promise<void> {
  const status = form.querySelector<HTMLElement>("[data-search-status]");
  const list = document.querySelector<HTMLElement>("[data-search-results]");
  const more = document.querySelector<HTMLButtonElement>("[data-search-more]");
  if (!status || !list) return;
  list.replaceChildren();
  if (more) more.hidden = true;
  delete status.dataset.state;
  if (query.trim() === "") {
    status.textContent = "";
    return;
  }
  status.textContent = words.searching;
  // Offline, a search needs what earlier searches or «Сохранить для чтения офлайн» kept (src/offline/sw.ts).
  const missesBefore = await searchMisses();
  const found = await searchResults(query, { limit: pageSize }).catch(() => undefined);
  // Files the worker could not give mean no connection, whatever navigator.onLine says (Chromium
  // can report it online while the network is gone).
  const missed = (await searchMisses()) > missesBefore;
  const incomplete = !found || missed;
  if (incomplete && (!navigator.onLine || !found || found.total === 0)) {
    status.textContent = navigator.onLine && !missed ? words.searchDidNotLoad : words.searchOffline;
    status.dataset.state = "offline";
    return;
  }
  const { total, hits } = found;
  if (total === 0) {
    status.textContent = words.nothingFound(query);
    status.dataset.state = "empty";
    return;
  }
  status.textContent = words.found(total, query);
  status.dataset.state = "found";
  list.replaceChildren(...hits.map(hitItem));
  if (!more) return;
  more.hidden = total <= hits.length;
  more.onclick = async () => {
    more.disabled = true;
    const next = await searchResults(query, { offset: list.children.length, limit: pageSize });
    list.append(...next.hits.map(hitItem));
    more.disabled = false;
    more.hidden = list.children.length >= total;
  };
}

const form = document.querySelector<HTMLFormElement>("form[data-search]");
if (form) {
  const input = form.querySelector<HTMLInputElement>("input[name=q]");
  const initial = new URLSearchParams(location.search).get("q") ?? "";
  if (input) input.value = initial;
  // What every query needs loads while the reader types the first one (nothing on a visit that only looks).
  input?.addEventListener("input", prepareSearch, { once: true });
  void show(form, initial);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input?.value ?? "";
    const url = new URL(location.href);
    url.searchParams.set("q", query);
    history.replaceState(null, "", url);
    void show(form, query);
  });
}

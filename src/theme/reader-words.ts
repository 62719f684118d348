/**
 * The words the browser's scripts show a reader (the search page, the offline reading control, the
 * update notice, the service worker's stand-in for an unsaved article), one table per language.
 * A script reads the page's `<html lang>` (`readerWords(document.documentElement.lang)`), so a page
 * of the Kazakh edition speaks Kazakh whichever script it runs. The theme's own words, written into
 * the pages at build time, are in strings.ts; these are bundled into the scripts, all three tables
 * (about 3 KB), as a script cannot know at build time which edition's page will load it.
 */
import { kazakhDate } from "../kazakh-months.ts";

export interface ReaderWords {
  /** While the search runs. */
  searching: string;
  /** The search files did not load, though the browser says it is online. */
  searchDidNotLoad: string;
  /** Offline, and this search needs files the device has not kept. */
  searchOffline: string;
  /** «По запросу «…» ничего не найдено». */
  nothingFound: (query: string) => string;
  /** «5 результатов по запросу «…»», with the language's plural forms. */
  found: (count: number, query: string) => string;
  /** «5 результатов»: a count of search results. */
  results: (count: number) => string;
  /** «25 статей»: a count of articles. */
  articles: (count: number) => string;
  /** A search hit's date, in the site's time zone: «15 ноября 2025». */
  date: (date: Date, timeZone?: string) => string;
  /** «≈ 9,4 МБ»: what saving for offline reading downloads (binary units, as phones count). */
  size: (bytes: number) => string;
  /** The notice that a new version of the site is ready, its button, and the button while it works. */
  newVersion: string;
  update: string;
  updating: string;
  /** The «save for offline reading» control, step by step. */
  saveNeedsConnection: string;
  savePreparing: string;
  saveSearch: (percent: number) => string;
  saveArticles: (done: number, total: number) => string;
  saved: (count: number) => string;
  savedPartly: (saved: number, total: number) => string;
  saveFailed: string;
  /** What the search lists offline for an article it found but whose text the device has not kept. */
  unsavedArticle: string;
}

/** «15 ноября 2025» from the browser's Intl, in the site's zone; remembered per zone. */
function intlDate(locale: string): (date: Date, timeZone?: string) => string {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (date, timeZone) => {
    let format = formats.get(timeZone ?? "");
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone });
      formats.set(timeZone ?? "", format);
    }
    return format.format(date);
  };
}

/** «≈ 340 КБ», «≈ 9,4 МБ», «≈ 27 МБ». */
function sizeIn(locale: string, kilobytes: string, megabytes: string): (bytes: number) => string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (bytes) => {
    const kb = bytes / 1024;
    if (kb < 1024) return `≈ ${Math.max(1, Math.round(kb))} ${kilobytes}`;
    const mb = kb / 1024;
    return `≈ ${number.format(mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb))} ${megabytes}`;
  };
}

/** A count with its noun in the form the language's plural rules ask for. */
function counted(locale: string, forms: Record<string, string>, fallback: string): (count: number) => string {
  const rules = new Intl.PluralRules(locale);
  return (count) => `${count} ${forms[rules.select(count)] ?? fallback}`;
}

// Pagefind's own UI says «2 результатов»: the forms are ours.
const ruResults = counted("ru", { one: "результат", few: "результата", many: "результатов", other: "результата" }, "результатов");
const ruArticles = counted("ru", { one: "статья", few: "статьи", many: "статей", other: "статьи" }, "статей");

const ru: ReaderWords = {
  searching: "Ищем…",
  searchDidNotLoad: "Поиск не загрузился. Проверьте соединение и попробуйте ещё раз.",
  searchOffline:
    "Нет соединения, а этот поиск ещё не сохранён на устройстве: без интернета работают запросы, которые вы уже делали, и поиск по сайту, сохранённому для чтения офлайн.",
  nothingFound: (query) => `По запросу «${query}» ничего не найдено`,
  found: (count, query) => `${ruResults(count)} по запросу «${query}»`,
  results: ruResults,
  articles: ruArticles,
  date: intlDate("ru"),
  size: sizeIn("ru", "КБ", "МБ"),
  newVersion: "Доступна новая версия сайта.",
  update: "Обновить",
  updating: "Обновляем…",
  saveNeedsConnection: "Нет соединения: сохранить новости можно, когда появится интернет.",
  savePreparing: "Готовим список новостей…",
  saveSearch: (percent) => `Загружаем поиск для работы без интернета: ${percent}%`,
  saveArticles: (done, total) => `Сохраняем новости: ${done} из ${total}`,
  saved: (count) => `Сохранено для чтения офлайн: ${ruArticles(count)}.`,
  savedPartly: (saved, total) => `Сохранено для чтения офлайн: ${saved} из ${total}. Остальные не загрузились — попробуйте ещё раз.`,
  saveFailed: "Не удалось сохранить новости. Проверьте соединение и попробуйте ещё раз.",
  unsavedArticle: "Новость не сохранена для чтения офлайн",
};

// A Kazakh noun stays singular after a number («5 нәтиже», «12 мақала»), whatever the plural rule says.
const kkResults = counted("kk", { one: "нәтиже", other: "нәтиже" }, "нәтиже");
const kkArticles = counted("kk", { one: "мақала", other: "мақала" }, "мақала");
// Chromium has no Kazakh month names (its Intl writes «11»): the parts come from Intl, the names from us.
const kkDateParts = new Map<string, Intl.DateTimeFormat>();
function kkDate(date: Date, timeZone?: string): string {
  let format = kkDateParts.get(timeZone ?? "");
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { day: "numeric", month: "numeric", year: "numeric", timeZone });
    kkDateParts.set(timeZone ?? "", format);
  }
  const part = (type: string) => Number(format.formatToParts(date).find((candidate) => candidate.type === type)?.value);
  return kazakhDate(part("day"), part("month"), part("year"));
}

const kk: ReaderWords = {
  searching: "Ізделуде…",
  searchDidNotLoad: "Іздеу жүктелмеді. Байланысты тексеріп, қайталап көріңіз.",
  searchOffline:
    "Байланыс жоқ, ал бұл іздеу құрылғыда әлі сақталмаған: интернетсіз бұрын жасаған сұрауларыңыз және офлайн оқу үшін сақталған сайттан іздеу жұмыс істейді.",
  nothingFound: (query) => `«${query}» сұрауы бойынша ештеңе табылмады`,
  found: (count, query) => `«${query}» сұрауы бойынша ${kkResults(count)}`,
  results: kkResults,
  articles: kkArticles,
  date: kkDate,
  size: sizeIn("kk", "КБ", "МБ"),
  newVersion: "Сайттың жаңа нұсқасы бар.",
  update: "Жаңарту",
  updating: "Жаңартылуда…",
  saveNeedsConnection: "Байланыс жоқ: жаңалықтарды интернет қосылғанда сақтауға болады.",
  savePreparing: "Жаңалықтар тізімі дайындалуда…",
  saveSearch: (percent) => `Интернетсіз іздеу жүктелуде: ${percent}%`,
  saveArticles: (done, total) => `Жаңалықтар сақталуда: ${done} / ${total}`,
  saved: (count) => `Офлайн оқу үшін сақталды: ${kkArticles(count)}.`,
  savedPartly: (saved, total) => `Офлайн оқу үшін сақталды: ${total} мақаланың ${saved}. Қалғандары жүктелмеді — қайталап көріңіз.`,
  saveFailed: "Жаңалықтарды сақтау мүмкін болмады. Байланысты тексеріп, қайталап көріңіз.",
  unsavedArticle: "Жаңалық офлайн оқу үшін сақталмаған",
};

const enResults = counted("en", { one: "result", other: "results" }, "results");
const enArticles = counted("en", { one: "article", other: "articles" }, "articles");

const en: ReaderWords = {
  searching: "Searching…",
  searchDidNotLoad: "Search did not load. Check your connection and try again.",
  searchOffline:
    "No connection, and this search is not saved on this device yet: offline, the searches you have made before work, and so does search of a site saved for offline reading.",
  nothingFound: (query) => `Nothing found for “${query}”`,
  found: (count, query) => `${enResults(count)} for “${query}”`,
  results: enResults,
  articles: enArticles,
  // «15 November 2025», day first, as the agency's English service dates its stories.
  date: intlDate("en-GB"),
  size: sizeIn("en", "KB", "MB"),
  newVersion: "A new version of the site is available.",
  update: "Update",
  updating: "Updating…",
  saveNeedsConnection: "No connection: you can save the news once you are back online.",
  savePreparing: "Preparing the list of stories…",
  saveSearch: (percent) => `Downloading search for offline use: ${percent}%`,
  saveArticles: (done, total) => `Saving stories: ${done} of ${total}`,
  saved: (count) => `Saved for offline reading: ${enArticles(count)}.`,
  savedPartly: (saved, total) => `Saved for offline reading: ${saved} of ${total}. The rest did not download — try again.`,
  saveFailed: "Could not save the news. Check your connection and try again.",
  unsavedArticle: "This story is not saved for offline reading",
};

/** The tables, by language (BCP 47 primary subtag). */
export const readerWordTables: Record<string, ReaderWords> = { ru, kk, en };

/** The words for a page's language (`<html lang>`); Russian for a language without a table, as the theme's strings. */
export function readerWords(language: string | undefined | null): ReaderWords {
  return readerWordTables[(language ?? "").toLowerCase().split("-")[0] ?? ""] ?? ru;
}

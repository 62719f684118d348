import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, serveSite } from "./support/browser.ts";
import { article, assertBuilt, buildSite } from "./support/site.ts";

const articles = {
  "2025/11/chains.md": article(
    { title: "Токаев о логистике", date: "2025-11-15", tags: ["Логистика"] },
    "Президент призвал развивать логистика-центры: цепочка поставок через порты Актау и Курык стала короче.",
  ),
  "2025/11/kazakh.md": article(
    { title: "Қазақстан и Узбекистан подписали соглашение", date: "2025-11-16", tags: ["Дипломатия"] },
    "Делегации встретились в Ташкенте. Стороны обсудили торговлю и авиационный транспорт.",
  ),
  "2025/11/weather.md": article(
    { title: "В Алматы выпал снег", date: "2025-11-17", tags: ["Погода"] },
    "А к вечеру снег прекратился, и в городе стало тепло.",
  ),
  "2025/11/prices.md": article(
    { title: "Хлеб стал стоить меньше", date: "2025-11-18", tags: ["Экономика"] },
    "А ракеты на параде были меньшего размера.",
  ),
  "2025/11/film.md": article(
    { title: "Премьера нового фильма", date: "2025-11-19", tags: ["Кино"] },
    "Режиссёр представил фильм, в котором героям запустили ракету. Фильм снял Владимир Меньшов.",
  ),
  "2025/11/toys.md": article(
    { title: "Умер создатель игрушки", date: "2025-11-20", tags: ["Кино"] },
    "Итальянский кондитер придумал «киндер-сюрприза» игрушку много лет назад.",
  ),
};

describe.runIf(browserAvailable())("Russian search on a small site in Chromium", () => {
  let browser: Browser;
  let tab: Page;
  let server: Awaited<ReturnType<typeof serveSite>>;

  beforeAll(async () => {
    const site = assertBuilt(await buildSite({ articles }));
    server = await serveSite(site.output);
    browser = await launchBrowser();
    tab = await browser.newPage();
    await tab.goto(`${server.url}search/`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The site's own search module; a string, not a function, for tsx (see test/search.test.ts). */
  async function titles(query: string, options: object = {}): Promise<string[]> {
    const hits: { title: string }[] = await tab.evaluate(
      `import("${server.url}search/search.js").then((m) => m.search(${JSON.stringify(query)}, ${JSON.stringify(options)}))`,
    );
    // Headlines are typeset (non-breaking spaces after short words): compare them by their words.
    return hits.map((hit) => hit.title.replace(/\s+/gu, " "));
  }

  it("finds another form whose stem differs: «цепочек» finds «цепочка»", async () => {
    expect(await titles("цепочек")).toEqual(["Токаев о логистике"]);
  });

  it("folds Kazakh letters: «Казакстан» finds «Қазақстан», and so does another case", async () => {
    expect(await titles("Казакстан")).toEqual(["Қазақстан и Узбекистан подписали соглашение"]);
    expect(await titles("Казакстане")).toEqual(["Қазақстан и Узбекистан подписали соглашение"]);
  });

  it("corrects a typo: «логистка» finds «логистика»", async () => {
    expect(await titles("логистка")).toContain("Токаев о логистике");
  });

  it("finds a related word: «авиация» finds «авиационный»", async () => {
    expect(await titles("авиация")).toEqual(["Қазақстан и Узбекистан подписали соглашение"]);
  });

  it("returns nothing for nonsense and for one-letter words", async () => {
    expect(await titles("хлогщрк")).toEqual([]);
    expect(await titles("а")).toEqual([]);
    expect(await titles("шя")).toEqual([]);
  });

  it("needs every word of a query, each in any of its forms", async () => {
    expect(await titles("цепочками портов")).toEqual(["Токаев о логистике"]);
    expect(await titles("цепочками снег")).toEqual([]);
  });

  it("puts pages that have the word above pages that only share its Snowball stem: «Меньшове» finds Меньшов before «меньше»", async () => {
    expect((await titles("Меньшове"))[0]).toBe("Премьера нового фильма");
  });

  it("puts pages with the reader's exact form above pages with other forms", async () => {
    expect(await titles("ракеты")).toEqual(["Хлеб стал стоить меньше", "Премьера нового фильма"]);
    expect(await titles("ракету")).toEqual(["Премьера нового фильма", "Хлеб стал стоить меньше"]);
  });

  it("finds a word that a page has only as part of a hyphenated word", async () => {
    expect(await titles("сюрприза")).toEqual(["Умер создатель игрушки"]);
    expect(await titles("создатель сюрприза")).toEqual(["Умер создатель игрушки"]);
  });

  it("keeps tag and year filters", async () => {
    expect(await titles("цепочек", { tags: ["Логистика"] })).toEqual(["Токаев о логистике"]);
    expect(await titles("цепочек", { tags: ["Погода"] })).toEqual([]);
    expect(await titles("цепочек", { year: 2024 })).toEqual([]);
  });

  it("shows the article's own words in excerpts, with the match marked", async () => {
    const [hit]: { excerpt: string }[] = await tab.evaluate(`import("${server.url}search/search.js").then((m) => m.search("цепочек"))`);
    expect(hit?.excerpt).toContain("<mark>цепочка</mark>");
    expect(hit?.excerpt).not.toMatch(/цепочек|логистический/);
  });
});

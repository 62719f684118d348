import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, searchTitles, serveSite } from "./support/browser.ts";
import { assertBuilt, type Build, buildSite, builtFile } from "./support/site.ts";

/** A Kazakh article: KazNERD sentences (CC BY 4.0, github.com/IS2AI/KazNERD), each article with other forms of the words. */
const kazakhArticle = (title: string, date: string, body: string) => `---\ntitle: ${title}\ndate: ${date}\n---\n\n${body}\n`;

const articles = {
  "2024/01/mektep.md": kazakhArticle(
    "Ауылда жаңа мектеп ашылды",
    "2024-01-10",
    "Мектебі үш қабатты. Балалар мектептерімізде білім алады. Жаңа кітабы оқушыларға таратылды.",
  ),
  "2024/01/astana.md": kazakhArticle(
    "Елордада форум өтті",
    "2024-01-11",
    "Форумға Қазақстанның барлық өңірінен қонақтар келді. Халқы қуанышты.",
  ),
  "2024/01/ozen.md": kazakhArticle("Өзен арнасынан асты", "2024-01-12", "Көктемде өзен суы көтерілді. Тұрғындар үйлерін тастап кетті."),
};

describe.runIf(browserAvailable())("Kazakh search in Chromium, on a site whose language is kk", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;
  let site: Build;

  beforeAll(async () => {
    site = assertBuilt(await buildSite({ articles, siteOptions: { language: "kk", title: "Хабаршы" } }));
    server = await serveSite(site.output);
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Calls the site's own search module. */
  function titlesFor(query: string): Promise<string[]> {
    return searchTitles(browser, `${server.url}search/`, query);
  }

  it("marks its pages Kazakh for Pagefind", async () => {
    expect(await builtFile(site, "index.html")).toMatch(/<html lang="kk"/);
  });

  for (const [query, title] of [
    ["Қазақстан", "Елордада форум өтті"],
    ["Қазақстанда", "Елордада форум өтті"],
    ["мектептерде", "Ауылда жаңа мектеп ашылды"],
    ["кітап", "Ауылда жаңа мектеп ашылды"],
    ["халықтың", "Елордада форум өтті"],
    ["өзеннің", "Өзен арнасынан асты"],
  ] as const) {
    it(`finds «${title}» for «${query}», a form the article does not have`, async () => {
      expect(await titlesFor(query)).toContain(title);
    });
  }

  it("finds Kazakh words typed with Russian look-alike letters", async () => {
    expect(await titlesFor("Казакстаннын")).toContain("Елордада форум өтті");
    expect(await titlesFor("озен")).toContain("Өзен арнасынан асты");
  });

  it("finds an article with every word of a query, leaving out its conjunctions", async () => {
    expect(await titlesFor("мектеп пен кітаптар")).toEqual(["Ауылда жаңа мектеп ашылды"]);
  });

  it("finds nothing for a word the site has in no form", async () => {
    expect(await titlesFor("хлогщрк")).toEqual([]);
    expect(await titlesFor("университет")).toEqual([]);
  });
});

import fs from "node:fs/promises";
import path from "node:path";
import axe from "axe-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, serveSite } from "./support/browser.ts";
import { article, assertBuilt, type Build, buildSite, demoSite, page } from "./support/site.ts";

/**
 * Accessibility of every page type of the demo site in headless Chromium: axe-core's WCAG 2.1 A
 * and AA rules in the light and the dark colour scheme, and what axe leaves to people: heading
 * outline, landmarks, labelled search, languages, visible focus, no layout shift.
 * Everything sent to the page is a string: functions passed to page.evaluate break under tsx.
 */

const seedUrl = "/2025/11/15/kasym-zhomart-tokaev-prizval-sozdavat-blagopriyatnye-usloviya-dlya-uchastnikov-logisticheskikh-tsepochek/";
const kazakhSeedUrl = "/kk/2025/11/15/qasym-zhomart-toqaev-logistika-tizbegining-qatysushylaryna-qolayly-zhagday-zhasauga-shaqyrdy/";
const englishSeedUrl = "/en/2025/11/15/kassym-jomart-tokayev-calls-for-good-conditions-for-everyone-in-the-logistics-chain/";
const wcag = { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } as const;
/** axe's best-practice rules about the page outline, which the WCAG tags leave out. */
const outline = {
  type: "rule",
  values: [
    "region",
    "landmark-one-main",
    "landmark-unique",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "page-has-heading-one",
    "heading-order",
    "empty-heading",
  ],
} as const;

/** A Kazakh article and a Russian one quoting English, for `lang` on the page and on passages. */
const kazakhArticle = article(
  { title: "Астанада жаңа көпір ашылды", lead: "Қала тұрғындары жаңа көпірді пайдалана бастады.", lang: "kk", tags: ["Астана"] },
  "Көпір қаланың екі бөлігін байланыстырады.",
);
const kazakhUrl = "/2025/11/15/astanada-zhanga-kopir-ashyldy/";
const quotingArticle = article(
  { title: "Министр ответил журналистам", date: "2025-11-16", tags: ["Астана"] },
  'Министр сказал по-английски: <q lang="en">We are open for business</q>, и добавил, что инвесторов ждут.',
);
const quotingUrl = "/2025/11/16/ministr-otvetil-zhurnalistam/";

const pageTypes = [
  { name: "the front page", url: "/" },
  { name: "an older page of the front list", url: "/page/1/" },
  { name: "the seed article", url: seedUrl },
  { name: "a tag page", url: "/tags/uzbekistan/" },
  { name: "a shared page of tags on one article", url: "/tags/few/lo/" },
  { name: "the tags index", url: "/tags/" },
  // Checked with its results shown: they are made in the browser, by search-page.js.
  { name: "the search page", url: "/search/?q=Токаев", ready: "[data-search-status][data-state=found]" },
  { name: "the 404 page", url: "/404.html" },
  { name: "the offline page", url: "/offline/" },
  { name: "the feeds page", url: "/feeds/" },
  // The demo's Kazakh and English editions: their pages in their own language, the site's footer in Russian.
  { name: "the Kazakh front page", url: "/kk/", lang: "kk" },
  { name: "the seed story's Kazakh edition", url: kazakhSeedUrl, lang: "kk" },
  { name: "the Kazakh search page", url: "/kk/search/?q=Тоқаев", ready: "[data-search-status][data-state=found]", lang: "kk" },
  { name: "the seed story's English edition", url: englishSeedUrl, lang: "en" },
  { name: "an English shared page of rare tags", url: "/en/tags/few/lo/", lang: "en" },
];

/** The site navigation's label in each language: the theme's words, as a reader's screen reader announces them. */
const siteSectionsLabel: Record<string, string> = { ru: "Разделы сайта", kk: "Сайт бөлімдері", en: "Site sections" };

const words = (value: string | null) => (value ?? "").replace(/[\s\u00a0]+/g, " ").trim();

/** Runs axe-core in the page; its violations as readable lines, none when the page passes. */
async function axeViolations(tab: Page, runOnly: { type: "tag" | "rule"; values: readonly string[] }): Promise<string[]> {
  if (!(await tab.evaluate("typeof window.axe !== 'undefined'"))) await tab.evaluate(axe.source);
  const violations = (await tab.evaluate(
    `axe.run(document, { runOnly: ${JSON.stringify(runOnly)}, resultTypes: ["violations"] }).then((result) => result.violations)`,
  )) as axe.Result[];
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id} (${violation.impact}): ${violation.help} — ${node.target.join(" ")}: ${node.failureSummary ?? ""}`,
    ),
  );
}

describe.runIf(browserAvailable())("accessibility in Chromium", () => {
  let browser: Browser;
  // Service workers are blocked: offline reading would precache the whole site on every page.
  let context: BrowserContext;
  let demo: Build;
  let fixture: Build;
  let demoServer: Awaited<ReturnType<typeof serveSite>>;
  let fixtureServer: Awaited<ReturnType<typeof serveSite>>;

  beforeAll(async () => {
    [demo, fixture, browser] = await Promise.all([
      demoSite().then(assertBuilt),
      buildSite({ articles: { "2025/11/kk.md": kazakhArticle, "2025/11/quote.md": quotingArticle } }).then(assertBuilt),
      launchBrowser(),
    ]);
    context = await browser.newContext({ serviceWorkers: "block" });
    [demoServer, fixtureServer] = await Promise.all([serveSite(demo.output), serveSite(fixture.output)]);
  });
  afterAll(async () => {
    await browser?.close();
    await demoServer?.close();
    await fixtureServer?.close();
    if (fixture) await fs.rm(path.dirname(fixture.output), { recursive: true, force: true });
  });

  async function open(url: string, options: { server?: typeof demoServer; ready?: string } = {}): Promise<Page> {
    const tab = await context.newPage();
    await tab.goto(new URL(url.replace(/^\//, ""), (options.server ?? demoServer).url).href);
    if (options.ready) await tab.waitForSelector(options.ready);
    return tab;
  }

  it("checks the tag pages the seed article links to", async () => {
    const doc = await page(demo, seedUrl);
    const links = [...doc.querySelectorAll(".article-tags a")].map((link) => link.getAttribute("href"));
    expect(links).toContain("/tags/uzbekistan/");
    expect(links).toContain("/tags/few/lo/#tag-logistika");
  });

  for (const type of pageTypes) {
    describe(type.name, () => {
      let tab: Page;
      beforeAll(async () => {
        tab = await open(type.url, { ready: type.ready });
      });
      afterAll(async () => {
        await tab?.close();
      });

      it("has no WCAG 2.1 A or AA violations in the light colour scheme", async () => {
        await tab.emulateMedia({ colorScheme: "light" });
        expect(await tab.evaluate("getComputedStyle(document.body).backgroundColor")).toBe("rgb(255, 255, 255)");
        expect(await axeViolations(tab, wcag)).toEqual([]);
      });

      it("has no WCAG 2.1 A or AA violations in the dark colour scheme", async () => {
        await tab.emulateMedia({ colorScheme: "dark" });
        try {
          expect(await tab.evaluate("getComputedStyle(document.body).backgroundColor")).toBe("rgb(20, 20, 20)");
          expect(await axeViolations(tab, wcag)).toEqual([]);
        } finally {
          await tab.emulateMedia({ colorScheme: "light" });
        }
      });

      it("has one h1, headings without skipped levels, and all its content in landmarks", async () => {
        const levels = (await tab.evaluate(
          `[...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((heading) => Number(heading.tagName[1]))`,
        )) as number[];
        expect(levels.filter((level) => level === 1)).toHaveLength(1);
        expect(levels[0]).toBe(1);
        const skips = levels.flatMap((level, index) => (level > (levels[index - 1] ?? 0) + 1 ? [levels.slice(0, index + 1)] : []));
        expect(skips).toEqual([]);
        expect(await axeViolations(tab, outline)).toEqual([]);
      });

      it("has a header, navigation with distinct labels, a main and a footer", async () => {
        const landmarks = (await tab.evaluate(`({
          header: document.querySelectorAll("body > header").length,
          main: document.querySelectorAll("body > main").length,
          footer: document.querySelectorAll("body > footer").length,
          navs: [...document.querySelectorAll("nav")].map((nav) =>
            nav.getAttribute("aria-label") ??
            (nav.getAttribute("aria-labelledby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim()),
        })`)) as { header: number; main: number; footer: number; navs: string[] };
        expect(landmarks).toMatchObject({ header: 1, main: 1, footer: 1 });
        expect(landmarks.navs).toContain(siteSectionsLabel[type.lang ?? "ru"]);
        expect(landmarks.navs.filter((label) => label.trim() === "")).toEqual([]);
        expect(new Set(landmarks.navs).size).toBe(landmarks.navs.length);
      });

      it("names every search field and marks its form as a search landmark", async () => {
        // A label element, or aria-label (the header's field, on every page, spares a hidden label's bytes).
        const fields = (await tab.evaluate(
          `[...document.querySelectorAll("input[type=search]")].map((input) => ({
            label: [...input.labels].map((label) => label.textContent.trim()).join(" ") || (input.getAttribute("aria-label") ?? ""),
            form: input.form?.getAttribute("role"),
          }))`,
        )) as { label: string; form: string | null }[];
        expect(fields.length).toBeGreaterThan(0);
        for (const field of fields) expect(field).toMatchObject({ label: expect.stringMatching(/\S/), form: "search" });
      });

      it(`declares the page ${{ ru: "Russian", kk: "Kazakh", en: "English" }[type.lang ?? "ru"]}`, async () => {
        expect(await tab.evaluate("document.documentElement.lang")).toBe(type.lang ?? "ru");
      });
    });
  }

  it("shows search results on the search page before checking it", async () => {
    const tab = await open("/search/?q=Токаев", { ready: "[data-search-status][data-state=found]" });
    try {
      expect(await tab.locator(".search-hit").count()).toBeGreaterThan(0);
      expect(await tab.locator(".search-hit h2 a").first().textContent()).toMatch(/Токаев/);
    } finally {
      await tab.close();
    }
  });

  // Offline reading shows its controls only once a service worker runs: shown here by hand, filled
  // as they are while saving, they must pass too.
  for (const [name, url] of [
    ["the seed article", seedUrl],
    ["the offline page", "/offline/"],
  ] as const) {
    it(`has no WCAG 2.1 A or AA violations on ${name} with its hidden offline controls shown, in both colour schemes`, async () => {
      const tab = await open(url);
      try {
        await tab.evaluate(`
          for (const element of document.querySelectorAll("[hidden]")) element.hidden = false;
          const status = document.querySelector("[data-offline-status]");
          if (status) status.textContent = "Сохранено 12 новостей из 50";
          const saved = document.querySelector("[data-offline-saved] ul");
          if (saved) saved.innerHTML = '<li><a href="/">Сохранённая новость</a></li>';
        `);
        for (const scheme of ["light", "dark"] as const) {
          await tab.emulateMedia({ colorScheme: scheme });
          expect(await axeViolations(tab, wcag), scheme).toEqual([]);
        }
      } finally {
        await tab.close();
      }
    });
  }

  describe("foreign-language text", () => {
    it("marks a Kazakh article as Kazakh inside the Russian page, with no violations", async () => {
      const tab = await open(kazakhUrl, { server: fixtureServer });
      try {
        expect(await tab.evaluate("document.documentElement.lang")).toBe("ru");
        expect(await tab.locator("article").getAttribute("lang")).toBe("kk");
        expect(words(await tab.locator("article[lang=kk] h1").textContent())).toBe("Астанада жаңа көпір ашылды");
        expect(await axeViolations(tab, wcag)).toEqual([]);
      } finally {
        await tab.close();
      }
    });

    it("marks the site's Russian description and credits as Russian in the footer of a Kazakh page, and credits the Kazakh edition's sources in Kazakh", async () => {
      const doc = await page(demo, "/kk/");
      expect(doc.documentElement.getAttribute("lang")).toBe("kk");
      expect(doc.querySelector("footer > p")?.getAttribute("lang")).toBe("ru");
      const credits = [...doc.querySelectorAll("footer > .credits > li")].map((line) => [
        line.querySelector("a")?.textContent,
        line.getAttribute("lang"),
      ]);
      // Kazinform's story is in every edition; Wikinews is the Russian edition's only, KazNERD the Kazakh one's.
      expect(credits).toEqual([
        ["Kazinform", "ru"],
        ["KazNERD", null],
      ]);
      const russian = [...(await page(demo, "/feeds/")).querySelectorAll("footer > .credits > li")].map((line) => [
        line.querySelector("a")?.textContent,
        line.getAttribute("lang"),
      ]);
      expect(russian).toEqual([
        ["Kazinform", null],
        ["Русские Викиновости", null],
      ]);
      // The edition's own words in the footer stay Kazakh.
      expect(doc.querySelector("[data-offline-save]")?.closest("[lang]")?.getAttribute("lang")).toBe("kk");
    });

    it("keeps the language of an English quotation in a Russian article", async () => {
      const tab = await open(quotingUrl, { server: fixtureServer });
      try {
        expect(await tab.locator("article").getAttribute("lang")).toBeNull();
        expect(words(await tab.locator("article q[lang=en]").textContent())).toBe("We are open for business");
        expect(await axeViolations(tab, wcag)).toEqual([]);
      } finally {
        await tab.close();
      }
    });
  });

  describe("keyboard focus", () => {
    for (const scheme of ["light", "dark"] as const) {
      it(`is visible on every link and control reached with Tab on an article page (${scheme} scheme)`, async () => {
        const tab = await open(seedUrl);
        try {
          await tab.emulateMedia({ colorScheme: scheme });
          const seen: string[] = [];
          for (let step = 0; step < 14; step++) {
            await tab.keyboard.press("Tab");
            const focus = (await tab.evaluate(`(() => {
              const element = document.activeElement;
              const style = getComputedStyle(element);
              const box = element.getBoundingClientRect();
              return {
                element: element.tagName.toLowerCase() + (element.className ? "." + element.className : "") + " " + (element.textContent ?? "").trim().slice(0, 30),
                outline: style.outlineStyle,
                width: parseFloat(style.outlineWidth),
                onScreen: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
              };
            })()`)) as { element: string; outline: string; width: number; onScreen: boolean };
            seen.push(focus.element);
            expect(focus, focus.element).toMatchObject({ outline: expect.not.stringMatching(/^none$/), onScreen: true });
            expect(focus.width, focus.element).toBeGreaterThanOrEqual(2);
          }
          expect(seen[0]).toMatch(/skip-link/);
        } finally {
          await tab.close();
        }
      });
    }

    it("moves to the main content with the skip link", async () => {
      const tab = await open(seedUrl);
      try {
        await tab.keyboard.press("Tab");
        // The first Tab reaches the skip link; under load the URL changes a moment after Enter.
        await tab.locator("a.skip-link:focus").waitFor();
        await tab.keyboard.press("Enter");
        await expect.poll(() => new URL(tab.url()).hash).toBe("#main");
        await tab.keyboard.press("Tab");
        expect(await tab.evaluate("document.querySelector('main').contains(document.activeElement)")).toBe(true);
      } finally {
        await tab.close();
      }
    });
  });

  describe("layout shift", () => {
    const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } };
    for (const [name, url] of [
      ["the front page", "/"],
      ["the seed article", seedUrl],
    ] as const) {
      for (const [device, viewport] of Object.entries(viewports)) {
        it(`stays below 0.01 on ${name} on a ${device}`, async () => {
          const tab = await context.newPage();
          try {
            await tab.setViewportSize(viewport);
            await tab.goto(new URL(url.replace(/^\//, ""), demoServer.url).href, { waitUntil: "load" });
            await tab.evaluate("window.scrollTo(0, document.body.scrollHeight)");
            const shift = (await tab.evaluate(`new Promise((resolve) => {
              let total = 0;
              new PerformanceObserver((list) => {
                for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
              }).observe({ type: "layout-shift", buffered: true });
              setTimeout(() => resolve(total), 500);
            })`)) as number;
            expect(shift).toBeLessThan(0.01);
          } finally {
            await tab.close();
          }
        });
      }
    }
  });
});

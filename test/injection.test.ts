import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { parseHTML } from "linkedom";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, serveSite } from "./support/browser.ts";
import { article, assertBuilt, type Build, buildSite } from "./support/site.ts";

/** What hostile or broken archives put into articles. */
const hostile = [
  "<script>alert('title')</script>",
  '"><img src=x onerror=alert(1)>',
  "</title><script>alert(2)</script>",
  "javascript:alert(3)",
  "]]><evil/>",
  "\u0001\u0002\u000b\u001f",
  "\u202eRTL override\u202c",
];
const joined = hostile.join(" ");

let site: Build;
beforeAll(async () => {
  site = assertBuilt(
    await buildSite({
      articles: {
        "hostile.md": article(
          {
            title: `Злая ${joined}`,
            lead: `Лид ${joined}`,
            author: `Автор ${joined}`,
            // A tag of control characters only would be empty once they are dropped: that is refused (see bad-input tests).
            tags: [...hostile.filter((text) => /\p{L}/u.test(text)), "Обычный тег"],
            photos: [{ caption: `Подпись ${joined}`, credit: `Кредит ${joined}` }],
          },
          [
            `Текст квазиэлектрон ${joined}`,
            '<script>alert("body")</script>',
            '<img src="x" onerror="alert(4)"> <a href="javascript:alert(5)">ссылка</a> <a href="/2025/11/15/drugaya/">относительная</a>',
            '<iframe src="https://www.youtube.com/embed/xyz" onload="alert(6)" title="Видео"></iframe>',
            "Текст с управляющими символами \u0000 \u0007 \u001b конец.",
          ].join("\n\n"),
        ),
        "other.md": article({ title: "Другая" }),
      },
    }),
  );
});

/** Every built file, by its path in the output. */
async function builtFiles(): Promise<string[]> {
  return (await readdir(site.output, { recursive: true })).map(String).filter((file) => !file.startsWith("pagefind"));
}

describe("hostile text in an article", () => {
  it("never becomes a script, an event handler or a javascript: link in any page", async () => {
    for (const file of (await builtFiles()).filter((name) => name.endsWith(".html"))) {
      const { document } = parseHTML(await readFile(path.join(site.output, file), "utf8"));
      for (const script of document.querySelectorAll("script")) {
        // JSON-LD is data, never run; it must stay valid JSON that the hostile headline did not break.
        if (script.getAttribute("type") === "application/ld+json") {
          expect(() => JSON.parse(script.textContent ?? ""), file).not.toThrow();
          continue;
        }
        expect(script.getAttribute("src") ?? "inline script", file).toMatch(/^\/[\w/.-]+\.js$/);
      }
      for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
          expect(attribute.name, `${file}: <${element.tagName}> handler`).not.toMatch(/^on/i);
          if (["href", "src", "action"].includes(attribute.name)) expect(attribute.value, file).not.toMatch(/^\s*javascript:/i);
        }
      }
      expect(document.querySelectorAll("evil"), file).toHaveLength(0);
    }
  });

  it("is shown as text where it was written: headline, byline, caption, tags", async () => {
    const { document } = parseHTML(await readFile(path.join(site.output, "index.html"), "utf8"));
    const link = [...document.querySelectorAll(".article-list a")].find((a) => a.textContent?.startsWith("Злая"));
    expect(link?.textContent).toContain("<script>alert('title')</script>");
    const articlePath = link?.getAttribute("href") ?? "";
    const page = parseHTML(await readFile(path.join(site.output, articlePath, "index.html"), "utf8")).document;
    expect(page.querySelector("title")?.textContent).toContain("</title><script>alert(2)</script>");
    expect(page.querySelector(".byline")?.textContent).toContain('"><img src=x onerror=alert(1)>');
    expect(page.querySelector(".photo-caption")?.textContent).toContain("]]><evil/>");
    expect([...page.querySelectorAll(".article-tags a")].map((a) => a.textContent)).toContain("javascript:alert(3)");
    // Control characters are dropped; the RTL override is text and stays.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters.
    expect(page.querySelector("h1")?.textContent).not.toMatch(/[\u0001\u0002\u000b\u001f]/);
    expect(page.querySelector("h1")?.textContent).toContain("\u202eRTL override");
  });

  it("keeps an editor's https embed but drops its handler", async () => {
    const { document } = parseHTML(await readFile(path.join(site.output, "index.html"), "utf8"));
    const href =
      [...document.querySelectorAll(".article-list a")].find((a) => a.textContent?.startsWith("Злая"))?.getAttribute("href") ?? "";
    const page = parseHTML(await readFile(path.join(site.output, href, "index.html"), "utf8")).document;
    const iframe = page.querySelector(".article-body iframe");
    expect(iframe?.getAttribute("src")).toBe("https://www.youtube.com/embed/xyz");
    expect(iframe?.hasAttribute("onload")).toBe(false);
    expect(page.querySelector('.article-body a[href="/2025/11/15/drugaya/"]')?.textContent).toBe("относительная");
  });

  it("leaves every feed parseable, and no feed's HTML carries a script, a handler or a javascript: link", async () => {
    const files = await builtFiles();
    const feeds = files.filter((name) => /\.(xml|atom|opml)$/.test(name));
    expect(feeds).toContain("feed.xml");
    const htmlFields: [string, string][] = [];
    for (const file of feeds) {
      const xml = await readFile(path.join(site.output, file), "utf8");
      const problems: string[] = [];
      const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(xml, "text/xml");
      expect(problems, file).toEqual([]);
      expect(doc.getElementsByTagName("evil").length, file).toBe(0);
      // The fields feed readers render as HTML: RSS description and content:encoded, Atom html content and summary.
      for (const name of ["description", "content:encoded", "content", "summary"]) {
        for (const element of Array.from(doc.getElementsByTagName(name))) {
          if (name === "content" || name === "summary") {
            if (element.getAttribute("type") !== "html") continue;
          }
          htmlFields.push([`${file} <${name}>`, element.textContent ?? ""]);
        }
      }
    }
    for (const file of files.filter((name) => name.endsWith(".json"))) {
      const json = JSON.parse(await readFile(path.join(site.output, file), "utf8")) as { items?: { content_html?: string }[] };
      for (const item of json.items ?? []) htmlFields.push([`${file} content_html`, item.content_html ?? ""]);
    }
    expect(htmlFields.some(([, html]) => html.includes("квазиэлектрон"))).toBe(true);
    for (const [where, html] of htmlFields) {
      const { document } = parseHTML(`<!doctype html><body>${html}</body>`);
      expect(document.querySelectorAll("script, evil"), where).toHaveLength(0);
      for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
          expect(attribute.name, `${where}: handler on <${element.tagName}>`).not.toMatch(/^on/i);
          if (["href", "src"].includes(attribute.name)) expect(attribute.value, where).not.toMatch(/^\s*javascript:/i);
        }
      }
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters.
      expect(html, where).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    }
  });
});

describe.runIf(browserAvailable())("hostile text found by search", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;
  beforeAll(async () => {
    server = await serveSite(site.output);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("is shown as text in the results, and nothing runs", async () => {
    const tab = await browser.newPage();
    const dialogs: string[] = [];
    tab.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await tab.goto(`${server.url}search/?q=${encodeURIComponent("квазиэлектрон")}`);
    await tab.locator('[data-search-status][data-state="found"]').waitFor();
    const found = await tab.evaluate(`({
      titles: [...document.querySelectorAll("[data-search-results] h2")].map((h) => h.textContent),
      images: document.querySelectorAll("[data-search-results] img").length,
      scripts: document.querySelectorAll("[data-search-results] script").length,
    })`);
    expect(found).toMatchObject({ images: 0, scripts: 0 });
    expect((found as { titles: string[] }).titles.join(" ")).toContain("<script>alert('title')</script>");
    await tab.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    await tab.close();
  });
});

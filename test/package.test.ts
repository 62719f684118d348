import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { extractFromJson, extractFromXml } from "@extractus/feed-extractor";
import { parseHTML } from "linkedom";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, serveSite } from "./support/browser.ts";
import { repoRoot } from "./support/site.ts";
import { testTempDir } from "./support/temp-root.ts";

/**
 * Vestnik as another newsroom gets it: the packed tarball installed in a fresh folder outside this
 * repository, with Eleventy 3, a plain JavaScript config that only adds the plugin, and the seed
 * article. One pack and one install for every case here; the starter shares that install.
 */

const starter = path.join(repoRoot, "examples/starter");
const seedFile =
  "articles/2025/11/kasym-zhomart-tokaev-prizval-sozdavat-blagopriyatnye-usloviya-dlya-uchastnikov-logisticheskikh-tsepochek.md";
const seedUrl = "/2025/11/15/kasym-zhomart-tokaev-prizval-sozdavat-blagopriyatnye-usloviya-dlya-uchastnikov-logisticheskikh-tsepochek/";
const siteConfig = `import vestnik from "vestnik";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(vestnik, { title: "Новости степи", baseUrl: "https://news.example.kz/" });
}
`;

interface Run {
  code: number;
  output: string;
}

/** npm's own variables from a surrounding `npm test` would apply to the test's npm: left out. */
const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_")));

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: environment });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

async function mustRun(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd} (exit ${result.code}):\n${result.output}`);
  return result.output;
}

async function page(output: string, url: string): Promise<Document> {
  const file = path.join(output, url.replace(/^\//, ""), url.endsWith("/") ? "index.html" : "");
  return parseHTML(await fs.readFile(file, "utf8")).document as unknown as Document;
}

const words = (element: Element | null | undefined) => (element?.textContent ?? "").replace(/\s+/g, " ").trim();

let temp: string;
let tarball: string;
let site: string;
/** The site as `npx @11ty/eleventy` and as `npx vestnik build` wrote it. */
const outputs: Record<string, string> = {};
const builds: Record<string, Run> = {};

beforeAll(async () => {
  temp = await fs.mkdtemp(path.join(testTempDir(), "vestnik-package-"));
  await mustRun("npm", ["pack", "--pack-destination", temp], repoRoot);
  tarball = path.join(temp, readdirSync(temp).find((name) => name.endsWith(".tgz")) ?? "no tarball");
  site = path.join(temp, "site");
  await fs.mkdir(path.join(site, path.dirname(seedFile)), { recursive: true });
  await mustRun("npm", ["init", "-y"], site);
  await mustRun("npm", ["pkg", "set", "type=module"], site);
  await mustRun("npm", ["install", tarball, "@11ty/eleventy@3", "--prefer-offline", "--no-audit", "--no-fund"], site);
  await fs.writeFile(path.join(site, "eleventy.config.js"), siteConfig);
  await fs.copyFile(path.join(starter, seedFile), path.join(site, seedFile));

  builds.eleventy = await run("npx", ["@11ty/eleventy", "--quiet"], site);
  outputs.eleventy = path.join(temp, "eleventy-output");
  if (builds.eleventy.code === 0) await fs.rename(path.join(site, "_site"), outputs.eleventy);
  builds.vestnik = await run("npx", ["vestnik", "build"], site);
  outputs.vestnik = path.join(site, "_site");
}, 1_800_000);

afterAll(async () => {
  if (temp) await fs.rm(temp, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("holds the compiled plugin, its declarations, the command and the licence, and no tests, benchmarks or articles", async () => {
    const listing = await mustRun("tar", ["tzf", tarball], temp);
    const files = listing.trim().split("\n");
    for (const file of [
      "package/dist/index.js",
      "package/dist/index.d.ts",
      "package/dist/cli.js",
      "package/bin/vestnik.js",
      "package/LICENSE",
    ]) {
      expect(files).toContain(file);
    }
    expect(files).toContain("package/dist/theme/vestnik.css");
    expect(files.filter((file) => /^package\/(src|test|bench|articles|_site|\.cache|examples)\//.test(file))).toEqual([]);
    expect(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
  });

  it("names Eleventy as a peer, in the range Eleventy's own compatibility check reads", async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(site, "node_modules/vestnik/package.json"), "utf8"));
    expect(manifest.private).toBeUndefined();
    expect(manifest.dependencies["@11ty/eleventy"]).toBeUndefined();
    expect(manifest.peerDependencies["@11ty/eleventy"]).toMatch(/^\^3\./);
    expect(manifest["11ty"].compatibility).toMatch(/^>=3\.\S+ <4$/);
    expect(existsSync(path.join(site, "node_modules/vestnik/node_modules/@11ty/eleventy"))).toBe(false);
  });
});

describe.each(["eleventy", "vestnik"] as const)("a plain JavaScript site with only addPlugin, built by %s", (tool) => {
  const output = () => outputs[tool] ?? "";

  it("builds, with no _includes/ or _data/ of its own", () => {
    expect(builds[tool]?.code, builds[tool]?.output).toBe(0);
    expect(existsSync(path.join(site, "_includes"))).toBe(false);
    expect(existsSync(path.join(site, "_data"))).toBe(false);
  });

  it("shows the seed article's photos with their captions and credits", async () => {
    const doc = await page(output(), seedUrl);
    expect(words(doc.querySelector("h1"))).toBe(
      "Касым-Жомарт Токаев призвал создавать благоприятные условия для участников логистических цепочек",
    );
    expect([...doc.querySelectorAll("article figure figcaption")].map(words)).toEqual([
      "порт Актау Фото: portaktau.kz",
      "Касым-Жомарт Токаев призвал создавать благоприятные условия для участников логистических цепочек Фото: Акорда",
    ]);
  });

  it("links each of the article's tags to a page that lists it: the tag's own, or its section of the shared page", async () => {
    const links = [...(await page(output(), seedUrl)).querySelectorAll("article .article-tags a")].map((a) => a.getAttribute("href") ?? "");
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const href of links) {
      const [address = "", anchor] = href.split("#");
      const tagPage = await page(output(), address);
      const where = anchor ? tagPage.querySelector(`[id="${anchor}"]`) : tagPage;
      expect(
        [...(where?.querySelectorAll("a") ?? [])].map((link) => link.getAttribute("href")),
        href,
      ).toContain(seedUrl);
    }
  });

  it("writes feeds that a feed reader parses, with the article in them", async () => {
    const rss = extractFromXml(await fs.readFile(path.join(output(), "feed.xml"), "utf8"));
    const atom = extractFromXml(await fs.readFile(path.join(output(), "feed.atom"), "utf8"));
    const json = extractFromJson(JSON.parse(await fs.readFile(path.join(output(), "feed.json"), "utf8")) as Record<string, unknown>);
    for (const feed of [rss, atom, json]) {
      expect(feed.entries?.map((entry) => entry.link)).toContain(`https://news.example.kz${seedUrl}`);
    }
    const tagFeed = extractFromXml(await fs.readFile(path.join(output(), "tags/shavkat-mirziyoev/feed.xml"), "utf8"));
    expect(tagFeed.entries?.map((entry) => entry.title)).toContain(
      "Касым-Жомарт Токаев призвал создавать благоприятные условия для участников логистических цепочек",
    );
  });

  describe.runIf(browserAvailable())("in Chromium", () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof serveSite>>;
    beforeAll(async () => {
      server = await serveSite(output());
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("finds the seed article for «Мирзиёев» with /search/search.js", async () => {
      const tab = await browser.newPage();
      try {
        await tab.goto(`${server.url}search/`);
        // A string, not a function: see the note on tsx in test/search.test.ts.
        const hits = (await tab.evaluate(`import("${server.url}search/search.js").then((m) => m.search("Мирзиёев"))`)) as { url: string }[];
        expect(hits.map((hit) => new URL(hit.url, server.url).pathname)).toContain(seedUrl);
      } finally {
        await tab.close();
      }
    });
  });
});

describe("the starter site in examples/starter", () => {
  let build: Run;
  let output: string;
  beforeAll(async () => {
    const project = path.join(temp, "starter");
    await fs.cp(starter, project, { recursive: true, filter: (from) => !/[/\\](node_modules|_site|\.cache)$/.test(from) });
    // The install above, as `npm install` in a copy of the starter would make it.
    await fs.symlink(path.join(site, "node_modules"), path.join(project, "node_modules"));
    build = await run("npx", ["vestnik", "build"], project);
    output = path.join(project, "_site");
  }, 900_000);

  it("builds from the tarball with its plain JavaScript config", () => {
    expect(build.code, build.output).toBe(0);
  });

  it("publishes its three articles, the archive ones crediting Wikinews and its licence", async () => {
    const articles = ["/2025/11/15/", "/2013/01/29/", "/2015/02/11/"].map((day) => readdirSync(path.join(output, day)));
    expect(articles.map((slugs) => slugs.length)).toEqual([1, 1, 1]);
    const archive = await page(output, `/2013/01/29/${articles[1]?.[0]}/`);
    expect(words(archive.querySelector("article"))).toContain("лицензия CC BY 2.5 / CC BY 4.0");
    expect(archive.querySelector('a[href^="https://ru.wikinews.org/"]')).not.toBeNull();
  });

  it("serves its own 404 page, from the layout it overrides, inside Vestnik's theme", async () => {
    const doc = await page(output, "/404.html");
    expect(words(doc.querySelector("h1"))).toBe("Такой новости у нас нет");
    // The rest of the page is still the theme's: its stylesheet and the site's name.
    expect(doc.querySelector('link[rel="stylesheet"]')).not.toBeNull();
    expect(words(doc.querySelector("header"))).toContain("Степной вестник");
  });
});

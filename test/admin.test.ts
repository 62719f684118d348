import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import yaml from "js-yaml";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminContentSecurityPolicy, type CmsField, cmsConfig } from "../src/admin.ts";
import { articleSchema, photoSchema } from "../src/articles/schema.ts";
import { resolveOptions } from "../src/options.ts";
import { browserAvailable, launchBrowser, serveSite } from "./support/browser.ts";
import { buildInMemory } from "./support/memory-build.ts";
import { article, assertBuilt, type Build, buildSite, builtFile, exists, page } from "./support/site.ts";

/** Front matter keys an editor does not set at the desk: the importer's, the benchmark's, and `lang` until editions exist. */
const notAtTheDesk = ["lang", "source", "sourceUrl", "license", "synthetic"];

const withDesk = { cms: { repo: "agency/novosti" } };

/** Whether the schema lets the front matter leave a field out. */
function schemaOptional(field: unknown): boolean {
  return (field as { safeParse(value: unknown): { success: boolean } }).safeParse(undefined).success;
}

function collectionFields(config: unknown): CmsField[] {
  const collections = (config as { collections: { name: string; fields: CmsField[] }[] }).collections;
  const articles = collections.find((collection) => collection.name === "articles");
  if (!articles) throw new Error("the desk's config has no articles collection");
  return articles.fields;
}

describe("the editor's desk configuration", () => {
  const options = resolveOptions({ title: "Вестник", baseUrl: "https://agency.github.io/novosti/", ...withDesk });
  const fields = collectionFields(cmsConfig(options, { repo: "agency/novosti", branch: "main" }, ["Логистика", "Узбекистан"]));

  it("has a field for every front matter key an editor sets, the body, and nothing the schema does not know", () => {
    const schemaKeys = Object.keys(articleSchema.shape).filter((key) => !notAtTheDesk.includes(key));
    expect(fields.map((field) => field.name).sort()).toEqual([...schemaKeys, "body"].sort());
  });

  it("requires exactly the fields the schema requires", () => {
    for (const field of fields.filter((field) => field.name !== "body")) {
      const key = field.name as keyof typeof articleSchema.shape;
      // The date is required although its schema is `unknown` (dates.ts reads it).
      const optional = key === "date" ? false : schemaOptional(articleSchema.shape[key]);
      expect({ field: key, required: field.required }).toEqual({ field: key, required: !optional });
    }
  });

  it("gives each photo every field of the photo schema: file, caption, credit, alt text and position", () => {
    const photos = fields.find((field) => field.name === "photos") as CmsField & { fields: CmsField[] };
    expect(photos.widget).toBe("list");
    expect(photos.fields.map((field) => field.name).sort()).toEqual(Object.keys(photoSchema.shape).sort());
    expect(photos.fields.find((field) => field.name === "src")?.widget).toBe("image");
    expect(photos.fields.every((field) => field.required === false)).toBe(true);
  });

  it("is a configuration Sveltia CMS accepts, by the JSON schema its package ships, with tags and without", () => {
    const schema = JSON.parse(
      readFileSync(fileURLToPath(new URL("../schema/sveltia-cms.json", import.meta.resolve("@sveltia/cms"))), "utf8"),
    );
    const validate = new Ajv({ allErrors: true, strict: false, logger: false }).compile(schema);
    for (const tags of [["Логистика", "Узбекистан"], []]) {
      validate(cmsConfig(options, { repo: "agency/novosti", branch: "main" }, tags));
      expect(validate.errors ?? []).toEqual([]);
    }
  });

  it("offers the site's tags to pick from", () => {
    expect(fields.find((field) => field.name === "tags")).toMatchObject({
      widget: "select",
      multiple: true,
      options: ["Логистика", "Узбекистан"],
    });
  });

  it("commits to the repository and branch the newsroom names, main unless told", () => {
    expect(resolveOptions({ title: "В", baseUrl: "https://a.example/", cms: { repo: "agency/novosti" } }).cms).toEqual({
      repo: "agency/novosti",
      branch: "main",
    });
    expect(resolveOptions({ title: "В", baseUrl: "https://a.example/" }).cms).toBe(false);
    expect(() => resolveOptions({ title: "В", baseUrl: "https://a.example/", cms: { repo: "novosti" } })).toThrow(
      /Option `cms` must be false or \{ repo: "owner\/name"/,
    );
  });
});

/** Text as a reader sees it, whatever spaces typography put in (non-breaking ones before short words). */
function plain(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** Every file under a folder, relative to it. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe("a site built with the desk", () => {
  let build: Build;
  beforeAll(async () => {
    build = assertBuilt(
      await buildSite({
        articles: {
          "2025/11/logistika.md": article({ title: "Первая новость", tags: ["Логистика", "Узбекистан"] }),
          "2025/11/tokaev.md": article({ title: "Вторая новость", tags: ["Касым-Жомарт Токаев"] }),
        },
        siteOptions: withDesk,
      }),
    );
  });

  it("serves the CMS from its own copy of the npm package, not a CDN", async () => {
    const sveltia = fileURLToPath(new URL("../dist/sveltia-cms.js", import.meta.resolve("@sveltia/cms")));
    expect(await builtFile(build, "admin/sveltia-cms.js")).toBe(readFileSync(sveltia, "utf8"));
    const deskPage = await page(build, "/admin/");
    expect([...deskPage.querySelectorAll("script")].map((script) => script.getAttribute("src"))).toEqual(["sveltia-cms.js"]);
  });

  it("keeps the desk out of search engines, with a policy of its own", async () => {
    const deskPage = await page(build, "/admin/");
    expect(deskPage.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex, nofollow");
    expect(deskPage.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content")).toBe(adminContentSecurityPolicy);
    expect(await builtFile(build, "sitemap.xml")).not.toContain("admin");
  });

  it("writes config.yml with the schema's fields and every tag of the site", async () => {
    const config = yaml.load(await builtFile(build, "admin/config.yml"));
    expect(config).toMatchObject({ backend: { name: "github", repo: "agency/novosti", branch: "main" } });
    const fields = collectionFields(config);
    expect(fields.map((field) => field.name)).toContain("photos");
    expect(fields.find((field) => field.name === "tags")?.options).toEqual(["Касым-Жомарт Токаев", "Логистика", "Узбекистан"]);
  });

  it("links the desk from no reader's page, and the service worker does not precache it", async () => {
    const pages = filesUnder(build.output).filter(
      (file) => !file.startsWith("admin/") && file !== "sw.js" && /\.(html|js|json|xml|webmanifest)$/.test(file),
    );
    expect(pages.length).toBeGreaterThan(5);
    const mentions = pages.filter((file) => /\badmin\//.test(readFileSync(path.join(build.output, file), "utf8")));
    expect(mentions).toEqual([]);
    // The worker names the desk once: to keep it out of the pages it caches for offline reading.
    expect(readFileSync(path.join(build.output, "sw.js"), "utf8").match(/admin\//g)).toHaveLength(1);
  });

  it("is not there when the newsroom names no repository", async () => {
    const pages = await buildInMemory({ "2025/11/a.md": article() });
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.filter((built) => built.url !== false && built.url.startsWith("/admin/"))).toEqual([]);
  });
});

/** The folder the stubbed directory picker hands the CMS: a repository in the browser's private file system. */
const pickRepository = `
window.showDirectoryPicker = async () => {
  const root = await navigator.storage.getDirectory();
  const repo = await root.getDirectoryHandle("repo", { create: true });
  await repo.getDirectoryHandle(".git", { create: true });
  await repo.getDirectoryHandle("articles", { create: true });
  return repo;
};`;

/** Every file the CMS wrote into that repository: text as it is, images in base64. */
const readRepository = `(async () => {
  const files = {};
  const walk = async (folder, prefix) => {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === "directory") await walk(handle, prefix + name + "/");
      else if (/\\.md$/.test(name)) files[prefix + name] = await (await handle.getFile()).text();
      else {
        const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
        let binary = "";
        for (const byte of bytes) binary += String.fromCharCode(byte);
        files[prefix + name] = "base64:" + btoa(binary);
      }
    }
  };
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle("repo"), "");
  return files;
})()`;

// The CMS is a 2 MB script that reads every article on sign-in: on a busy 2-core machine a step takes
// tens of seconds, so each step waits up to two minutes (none is timed).
describe.runIf(browserAvailable())("an editor at the desk in Chromium", { timeout: 240_000 }, () => {
  let build: Build;
  let server: Awaited<ReturnType<typeof serveSite>>;
  let browser: Browser;
  let desk: Page;
  const errors: string[] = [];
  let written: Record<string, string> = {};

  beforeAll(async () => {
    build = assertBuilt(
      await buildSite({
        articles: { "2025/11/logistika.md": article({ title: "Первая новость", tags: ["Логистика", "Узбекистан"] }) },
        siteOptions: withDesk,
      }),
    );
    server = await serveSite(build.output);
    browser = await launchBrowser();
    // English labels: the CMS's Russian strings would come from a CDN. A tall window: the CMS draws
    // the fields of a long form only as they scroll into view, and the article form has fifteen.
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 2400 } });
    desk = await context.newPage();
    desk.setDefaultTimeout(120_000);
    desk.on("pageerror", (error) => errors.push(error.message));
    // Sveltia's local repository mode asks for the project folder with the File System Access API.
    await desk.addInitScript(pickRepository);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens the local repository and shows the article form with the schema's fields", async () => {
    await desk.goto(`${server.url}admin/`, { waitUntil: "domcontentloaded" });
    await desk.getByRole("button", { name: "Work with Local Repository" }).click();
    await desk.getByRole("button", { name: /New/ }).first().waitFor();
    await desk.goto(`${server.url}admin/#/collections/articles/new`, { waitUntil: "domcontentloaded" });
    for (const label of ["Заголовок", "Лид", "Дата и время", "Автор", "Теги", "Фото", "Черновик", "Обновлено", "Текст"]) {
      await desk.locator(`section[aria-label*="${label}"]`).first().waitFor({ state: "visible" });
    }
    // The icons' font comes from the desk itself (the CDN the CMS names is refused by the policy).
    const iconFont = `[...document.fonts].some((font) => font.family.includes("Material Symbols") && font.status === "loaded")`;
    await expect.poll(() => desk.evaluate(iconFont)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("saves a new article with a photo and tags as Markdown beside the other articles", async () => {
    const field = (label: string) => desk.locator(`section[aria-label*="${label}"]`).first();
    await field("Заголовок").getByRole("textbox").fill("Порт Актау принял первый контейнерный поезд");
    await field("Лид").getByRole("textbox").fill("Поезд из Китая прошёл по Транскаспийскому маршруту.");
    await field("Дата и время").locator('input[type="datetime-local"]').fill("2025-11-20T14:35");
    await field("Автор").getByRole("textbox").fill("Айгерим Сейткали");
    await field("Теги").getByRole("checkbox", { name: "Логистика" }).click();
    await field("Теги").getByRole("checkbox", { name: "Узбекистан" }).click();
    await field("Фото").getByRole("button", { name: /Add/ }).click();
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#3366aa" } })
      .jpeg()
      .toBuffer();
    await field("Файл")
      .locator('input[type="file"]')
      .first()
      .setInputFiles({ name: "port-aktau.jpg", mimeType: "image/jpeg", buffer: jpeg });
    await field("Подпись").getByRole("textbox").fill("Контейнерный поезд в порту Актау");
    await field("Автор снимка").getByRole("textbox").fill("portaktau.kz");
    await field("Описание для незрячих").getByRole("textbox").fill("Платформы с контейнерами у причала");
    await field("Текст").locator("[contenteditable]").click();
    await desk.keyboard.type("Первый абзац новости.");
    await desk.keyboard.press("Enter");
    await desk.keyboard.type("Второй абзац новости.");
    await desk.getByRole("button", { name: "Save" }).click();
    // Chromium writes each file through a swap file it renames when done: wait for the photo and the
    // whole article by name, not for a count of files (a photo and a swap file were two, once, under load).
    const saved = async () => {
      const files = (await desk.evaluate(readRepository)) as Record<string, string>;
      const text = Object.entries(files).find(([file]) => file.endsWith(".md"))?.[1] ?? "";
      return Object.keys(files).some((file) => file.endsWith(".jpg")) && text.includes("Второй абзац новости.");
    };
    await expect.poll(saved, { timeout: 120_000 }).toBe(true);
    written = (await desk.evaluate(readRepository)) as Record<string, string>;
    expect(Object.keys(written)).toHaveLength(2);
    const markdown = Object.keys(written).find((file) => file.endsWith(".md"));
    expect(markdown).toMatch(/^articles\/\d{4}\/\d{2}\/port-aktau-prinyal-perviy-konteynerniy-poezd\.md$/);
    const text = written[markdown as string] as string;
    expect(text).toContain("title: Порт Актау принял первый контейнерный поезд");
    expect(text).toMatch(/src: port-aktau-prinyal-perviy-konteynerniy-poezd\/port-aktau\.jpg/);
    expect(text).not.toMatch(/: null|: ''/);
    expect(errors).toEqual([]);
  });

  it("is published by the next build: its page, its photo with caption and credit, its tags", async () => {
    expect(Object.keys(written)).toHaveLength(2);
    const articles: Record<string, string | Buffer> = { "2025/11/logistika.md": article({ title: "Первая новость", tags: ["Логистика"] }) };
    for (const [file, content] of Object.entries(written)) {
      const name = file.replace(/^articles\//, "");
      articles[name] = content.startsWith("base64:") ? Buffer.from(content.slice("base64:".length), "base64") : content;
    }
    const site = assertBuilt(await buildSite({ articles, siteOptions: withDesk }));
    const pageFile = filesUnder(site.output).find(
      (file) => file.endsWith("index.html") && file.includes("port-aktau-prinyal-perviy-konteynerniy-poezd"),
    );
    expect(pageFile).toBeDefined();
    const published = await page(site, `/${path.dirname(pageFile as string)}/`);
    expect(plain(published.querySelector("h1")?.textContent)).toBe("Порт Актау принял первый контейнерный поезд");
    // The CMS writes the time as typed, without a zone: the newsroom's time (Asia/Almaty).
    const times = [...published.querySelectorAll("time")].map((time) => time.getAttribute("datetime"));
    expect(times).toContain("2025-11-20T14:35:00+05:00");
    const figure = published.querySelector("figure.photo");
    expect(figure?.querySelector("img")?.getAttribute("alt")).toBe("Платформы с контейнерами у причала");
    const image = figure?.querySelector("img")?.getAttribute("src") ?? "";
    expect(exists(site, image.replace(/^\//, ""))).toBe(true);
    expect(plain(figure?.querySelector(".photo-caption")?.textContent)).toBe("Контейнерный поезд в порту Актау");
    expect(plain(figure?.querySelector(".photo-credit")?.textContent)).toBe("Фото: portaktau.kz");
    expect(plain(published.body.textContent)).toContain("Второй абзац новости.");
    const tagLinks = [...published.querySelectorAll('a[href^="/tags/"]')].map((link) => plain(link.textContent));
    expect(tagLinks).toEqual(expect.arrayContaining(["Логистика", "Узбекистан"]));
    const tagPage = await page(site, "/tags/uzbekistan/");
    expect(plain(tagPage.body.textContent)).toContain("Порт Актау принял первый контейнерный поезд");
  });
});

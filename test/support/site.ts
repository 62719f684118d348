import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import type { SiteCredit, VestnikOptions } from "../../src/options.ts";
import { testTempDir } from "./temp-root.ts";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const sharedDir = path.resolve(repoRoot, "../shared");

const eleventyCli = path.join(repoRoot, "node_modules/@11ty/eleventy/cmd.cjs");

/** What a build left behind: its exit, its words, and the folder it wrote. */
export interface Build {
  code: number;
  stdout: string;
  stderr: string;
  /** The project folder the build ran in. */
  project: string;
  /** The folder the site was written to. */
  output: string;
}

export interface BuildOptions {
  /** Articles of a fixture site, by path under `articles/`; without them the demo site itself is built. */
  articles?: Record<string, string | Buffer>;
  /** More arguments for Eleventy, e.g. `--pathprefix=/novosti/`. */
  args?: string[];
  env?: Record<string, string>;
  /** Run as `npm start` does (Eleventy's watch mode), stop after the first build. */
  watch?: boolean;
  /** Run the production build script (`npm run build`: all or nothing) instead of Eleventy itself. */
  atomic?: boolean;
  /** Build again in the project and output of an earlier build. */
  again?: Build;
  /** Plugin options a fixture site sets besides the demo site's, e.g. `{ searchPartSize: 3 }`; `editions` default `[]`. */
  siteOptions?: Partial<VestnikOptions>;
  /** The folder to build in (it must exist) instead of a new temporary one. */
  into?: string;
}

/**
 * Builds a site the way `npm run build` does, in a child process, into a fresh temporary folder.
 * A fixture site is a temporary project that shares this repository's plugin, layouts and packages.
 */
export async function buildSite(options: BuildOptions = {}): Promise<Build> {
  const temp =
    options.into ?? (options.again ? path.dirname(options.again.output) : await fs.mkdtemp(path.join(testTempDir(), "vestnik-test-")));
  let project = options.again?.project ?? repoRoot;
  if (options.again && options.articles) {
    for (const [name, content] of Object.entries(options.articles)) await fs.writeFile(path.join(project, "articles", name), content);
  } else if (options.articles) {
    project = path.join(temp, "project");
    await fs.mkdir(path.join(project, "articles"), { recursive: true });
    // The demo site's own folders, where it has them: the theme itself ships with src/.
    for (const name of ["node_modules", "src", "_includes", "_data"]) {
      if (existsSync(path.join(repoRoot, name))) await fs.symlink(path.join(repoRoot, name), path.join(project, name));
    }
    for (const name of [".eleventy.ts", ".eleventyignore", "package.json"]) {
      await fs.copyFile(path.join(repoRoot, name), path.join(project, name));
    }
    await setSiteOptions(project, options.siteOptions ?? {});
    for (const [name, content] of Object.entries(options.articles)) {
      const file = path.join(project, "articles", name);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content);
    }
  }
  // A build told where to write (`--output=…`, the last one counts, as in build.ts) reports that folder.
  const asked = [...(options.args ?? [])]
    .reverse()
    .find((arg) => arg.startsWith("--output="))
    ?.slice("--output=".length);
  const output = asked ? path.resolve(project, asked) : path.join(temp, "_site");
  const mode = options.watch ? ["--watch"] : ["--quiet"];
  const command = options.atomic ? [path.join(repoRoot, "src/build.ts")] : [eleventyCli, "--config=.eleventy.ts"];
  // tsx's loader in the build's own process: its command line would start a second Node process.
  const args = ["--import", "tsx", ...command, `--output=${output}`, ...mode, ...(options.args ?? [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: project, env: { ...process.env, ...options.env } });
    let stdout = "";
    let stderr = "";
    let stopped = false;
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      // In watch mode the first build is done when Eleventy starts watching.
      if (options.watch && !stopped && stdout.includes("Watching")) {
        stopped = true;
        child.kill();
      }
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: stopped ? 0 : (code ?? -1), stdout, stderr, project, output }));
  });
}

/**
 * The demo site as `npm run build`'s Eleventy builds it, once for the whole test run: the first test
 * file to ask builds it, the others (in other workers) wait for that build. The output is shared:
 * read it, never change or remove it. A test that needs its own copy calls `buildSite()`.
 */
export async function demoSite(): Promise<Build> {
  const dir = path.join(testTempDir(), "demo");
  const result = path.join(dir, "build.json");
  try {
    await fs.mkdir(dir);
  } catch {
    // Another file is building it (mkdir is the lock): wait for its result.
    for (const started = Date.now(); !existsSync(result); await new Promise((resolve) => setTimeout(resolve, 200))) {
      if (Date.now() - started > 300_000) throw new Error(`the shared demo build in ${dir} did not finish within 5 minutes`);
    }
    return JSON.parse(await fs.readFile(result, "utf8")) as Build;
  }
  const build = await buildSite({ into: dir });
  // Written whole and then renamed, so a waiting file never reads half of it.
  await fs.writeFile(`${result}.part`, JSON.stringify(build));
  await fs.rename(`${result}.part`, result);
  return build;
}

/**
 * The demo site's `.eleventy.ts` with plugin options added for a fixture site. A fixture publishes
 * one language unless `siteOptions` names `editions`: the demo's own three would otherwise make
 * every fixture a three-language site, built in one process and with pages under /kk/ and /en/.
 * `pagePerTag: false` keeps the plugin's shared pages for rare tags (the benchmark's archive).
 */
export function withSiteOptions(demo: string, siteOptions: Partial<VestnikOptions>, { pagePerTag = true } = {}): string {
  const siteStart = "const site: VestnikOptions = {";
  if (!demo.includes(siteStart)) throw new Error(`.eleventy.ts no longer declares «${siteStart}»: update withSiteOptions`);
  // Last in the object, so a fixture's options win over the demo's own.
  const end = demo.indexOf("\n};", demo.indexOf(siteStart));
  // A fixture is one language unless a test asks for editions, and its few articles would put most
  // of its tags on the shared pages of tags on one article (tagPageFrom): each keeps a page of its own.
  const fixture = { editions: [] as string[], ...(pagePerTag ? { tagPageFrom: 1 } : {}), ...siteOptions };
  // The demo's credit lines for its editions would name languages a one-language fixture refuses.
  const languages = [fixture.language ?? "ru", ...fixture.editions];
  fixture.credits ??= (JSON.parse(readFileSync(path.join(repoRoot, "_data/credits.json"), "utf8")) as SiteCredit[]).filter(
    (credit) => credit.lang === undefined || languages.includes(credit.lang),
  );
  return `${demo.slice(0, end)}\n  ...${JSON.stringify(fixture)},${demo.slice(end)}`;
}

/** Adds plugin options to the demo site's `.eleventy.ts` copied into a fixture `project` (see withSiteOptions). */
export async function setSiteOptions(project: string, siteOptions: Partial<VestnikOptions>): Promise<void> {
  const config = path.join(project, ".eleventy.ts");
  await fs.writeFile(config, withSiteOptions(await fs.readFile(config, "utf8"), siteOptions));
}

/** Fails with everything the build said when it did not succeed. */
export function assertBuilt(build: Build): Build {
  if (build.code !== 0) throw new Error(`build failed with exit code ${build.code}:\n${build.stdout}\n${build.stderr}`);
  return build;
}

/** A built page, parsed: `page(build, "/tags/")`. */
export async function page(build: Build, url: string): Promise<Document> {
  const file = path.join(build.output, url.replace(/^\//, ""), url.endsWith("/") ? "index.html" : "");
  return parseHTML(await fs.readFile(file, "utf8")).document as unknown as Document;
}

export async function builtFile(build: Build, relative: string): Promise<string> {
  return fs.readFile(path.join(build.output, relative), "utf8");
}

export function exists(build: Build, relative: string): boolean {
  return existsSync(path.join(build.output, relative));
}

/** A minimal valid article, with any front matter field replaced or added. */
export function article(fields: Record<string, unknown> = {}, body = "Текст новости."): string {
  const front = { title: "Новость дня", date: "2025-11-15", lead: "Короткий лид.", tags: ["Логистика"], author: "Редакция", ...fields };
  const yaml = Object.entries(front)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join("\n");
  return `---\n${yaml}\n---\n\n${body}\n`;
}

/** The seed article's 7 tags, as its README lists them. */
export const seedTags = [
  "Касым-Жомарт Токаев",
  "Логистика",
  "Транскаспийский транспортный маршрут",
  "Узбекистан",
  "Шавкат Мирзиёев",
  "Редкоземельные материалы",
  "Внешняя политика Казахстана",
];

/** The seed article as the agency exported it: its paragraphs, without the four-space indent. */
export async function seedParagraphs(): Promise<string[]> {
  const text = await fs.readFile(path.join(sharedDir, "seed/000_c352576d79d9da91.txt"), "utf8");
  return text
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .join("\n")
        .trim(),
    )
    .filter((block) => block !== "");
}

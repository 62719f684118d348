import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { siteConfigFile } from "./build/eleventy-command.ts";
import { type CatalogueEntry, planShards, readCatalogue, type ShardPlan, saveCatalogue } from "./catalogue.ts";
import vestnik from "./index.ts";
import type { IndexJob } from "./indexing.ts";
import { defaults, type ResolvedOptions, resolveOptions, type VestnikOptions } from "./options.ts";
import { type ShardFlags, shardFromArticles } from "./shard-flags.ts";
import { type ShardResult, type ShardSpec, shardVariable } from "./shard-role.ts";

/** How src/build.ts starts the processes of a build. */
export interface Launcher {
  /** Eleventy, as `npm run build` runs it, with these flags added and these environment variables. */
  eleventy(args: string[], env: Record<string, string>): Promise<number>;
  /** src/indexing.ts on an index job file. */
  indexing(jobFile: string): Promise<number>;
  /** The variable that names the file Eleventy's plugin writes its index job to. */
  indexJobVariable: string;
  /**
   * Eleventy as `eleventy` would run it, started now but run only when asked (build/warm-start.ts):
   * it loads its modules meanwhile.
   */
  warmEleventy?(args: string[], env: Record<string, string>): WarmStart;
}

/** A process started early: `run` lets it work and waits for its exit code; `stop` ends it unused. */
export interface WarmStart {
  run(): Promise<number>;
  stop(): void;
}

/**
 * A build split into shards: each shard's Eleventy process renders the article pages of its own
 * date folders and holds only those articles (the others come from a catalogue of their front
 * matter, src/catalogue.ts); then one process renders the front and tag pages, feeds and sitemap
 * while the search index is made from the article pages beside it; then the service worker. The
 * shards run side by side on one machine (`--workers N`), or each on its own runner
 * (`--shard k/N --shard-output DIR`, then `--join DIR…`): the site is the same, byte for byte.
 */
export class ShardedBuild {
  private constructor(
    private readonly launch: Launcher,
    readonly options: ResolvedOptions,
    /** Eleventy's input folder, relative to `cwd`, with `/` between folders ("" for the working folder). */
    readonly input: string,
    readonly entries: CatalogueEntry[],
  ) {}

  /**
   * The articles of the site read from its config, or why it cannot be split (`reason`). `known`:
   * catalogue entries kept from the build before (readCatalogue).
   */
  static async read(
    launch: Launcher,
    eleventy: string[],
    cwd: string,
    minimumArticles = 0,
    /** What the build already knows of the articles, given the site's options and input folder. */
    known?: (options: ResolvedOptions, input: string) => Parameters<typeof readCatalogue>[3] | Promise<Parameters<typeof readCatalogue>[3]>,
  ): Promise<ShardedBuild | { reason: string; small: boolean }> {
    const site = await siteOptions(eleventy, cwd);
    if ("reason" in site) {
      // The articles folder the options would most likely name: whether the site is big enough to care.
      const files = articleFileCount(path.join(cwd, defaults.articlesDir));
      return { reason: site.reason, small: files < minimumArticles };
    }
    // Counted only when it decides: a walk of 50,000 files is half a second.
    const files = minimumArticles > 0 ? articleFileCount(path.join(cwd, site.input, site.options.articlesDir)) : 0;
    if (files < minimumArticles) return { reason: `${files} articles are built faster in one process`, small: true };
    // Each edition's lists, feeds, stories and search index are made from all its articles at once:
    // a shard's catalogue does not say an article's language yet.
    if (site.options.editions.length > 0) return { reason: "a site with editions in other languages builds in one process", small: false };
    const catalogue = readCatalogue(site.options, site.input, cwd, await known?.(site.options, site.input));
    if ("unshardable" in catalogue) return { reason: catalogue.unshardable, small: false };
    return new ShardedBuild(launch, site.options, site.input, catalogue.entries);
  }

  /** At most `count` shards of whole date folders; undefined when the articles lie in no folder. */
  plan(count: number): ShardPlan[] | undefined {
    return planShards(this.entries, this.options.articlesDir, count);
  }

  /**
   * Renders shard `number` (1-based) of `plan` into `dir`: `site/` (its article pages and their
   * images), `result.json` (ShardResult), `index-job.json` and `shard.json`. A shard past the end of
   * the plan (fewer folders than shards) is empty.
   */
  async renderShard(plan: ShardPlan[], number: number, count: number, dir: string): Promise<number> {
    await fs.mkdir(path.join(dir, "site"), { recursive: true });
    const own = plan[number - 1];
    if (own === undefined) {
      await fs.writeFile(path.join(dir, "result.json"), JSON.stringify({ pages: [], bodies: {} } satisfies ShardResult));
    } else {
      const others = plan.filter((shard) => shard !== own).flatMap((shard) => shard.folders);
      const code = await this.renderArticles(
        others.map((folder) => `${this.articlesPath(folder)}/**`),
        own.folders.map((folder) => `./${this.articlesPath(folder)}/`),
        dir,
      );
      if (code !== 0) return code;
    }
    await fs.writeFile(path.join(dir, "shard.json"), `${JSON.stringify({ shard: number, of: count })}\n`);
    return 0;
  }

  /**
   * Renders the article pages of the files `owns` names (how their `inputPath`s begin) into
   * `dir/site/`, with Eleventy ignoring the article files `ignore` names (globs relative to the
   * working folder); `dir/result.json` and `dir/index-job.json` as `renderShard` writes them.
   */
  async renderArticles(ignore: string[], owns: string[], dir: string): Promise<number> {
    await fs.mkdir(path.join(dir, "site"), { recursive: true });
    const result = path.join(dir, "result.json");
    const catalogue = path.join(dir, "catalogue.v8");
    saveCatalogue(catalogue, this.entries);
    const spec: ShardSpec = { role: "articles", catalogue, ignore, owns, results: [result] };
    const render = path.join(dir, "render");
    const code = await this.runEleventy(spec, path.join(dir, "spec.json"), render, path.join(dir, "index-job.json"));
    if (code !== 0) return code;
    const { pages } = JSON.parse(readFileSync(result, "utf8")) as ShardResult;
    for (const page of pages) await moveFile(path.join(render, page), path.join(dir, "site", page));
    // Photos are resized into img/ by the article pages that show them.
    if (existsSync(path.join(render, "img"))) await mergeFolder(path.join(render, "img"), path.join(dir, "site", "img"));
    await fs.rm(render, { recursive: true, force: true });
    await fs.rm(catalogue, { force: true });
    return 0;
  }

  /**
   * Joins the shards rendered into `shardDirs` into `output` (an empty folder): their article pages,
   * then the lists, feeds and other pages rendered by one more process while the search index is
   * made from the article pages, then the service worker. `work` is a scratch folder.
   */
  async join(shardDirs: string[], output: string, work: string): Promise<number> {
    const shards = shardDirs.map((dir) => JSON.parse(readFileSync(path.join(dir, "shard.json"), "utf8")) as { shard: number; of: number });
    const count = shards[0]?.of ?? 0;
    const numbers = new Set(shards.map((shard) => shard.shard));
    if (shards.some((shard) => shard.of !== count) || numbers.size !== count || shardDirs.length !== count) {
      throw new Error(
        `Vestnik: --join needs every shard of one build once: got ${shards.map((shard) => `${shard.shard}/${shard.of}`).join(", ")}; run --shard k/${count} for each missing k`,
      );
    }
    await fs.mkdir(work, { recursive: true });
    for (const dir of shardDirs) await mergeFolder(path.join(dir, "site"), output);
    const catalogue = path.join(work, "catalogue.v8");
    saveCatalogue(catalogue, this.entries);
    const spec: ShardSpec = {
      role: "lists",
      catalogue,
      ignore: [`${this.articlesPath("**")}/*.md`, `${this.articlesPath("")}*.md`],
      results: shardDirs.map((dir) => path.join(dir, "result.json")),
    };
    const listsJob = path.join(work, "lists-job.json");
    const searchJob = shardDirs.map((dir) => path.join(dir, "index-job.json")).find((file) => existsSync(file));
    const render = path.join(work, "lists");
    // The index reads only the article folders (search/parts.ts), so it is made while the lists render.
    const [listsCode, indexCode] = await Promise.all([
      this.runEleventy(spec, path.join(work, "lists-spec.json"), render, listsJob),
      searchJob ? this.runIndexing(searchJob, output, work, "search") : Promise.resolve(0),
    ]);
    if (listsCode !== 0) return listsCode;
    if (indexCode !== 0) return indexCode;
    await mergeFolder(render, output);
    // The service worker precaches the shell and lists the search index: it comes last.
    return existsSync(listsJob) ? this.runIndexing(listsJob, output, work, "worker") : 0;
  }

  /** Eleventy as `npm run build` runs it, in one role of a sharded build; `warm`, one started early with `eleventyCall`'s arguments. */
  async runEleventy(spec: ShardSpec, specFile: string, output: string, job: string, warm?: WarmStart): Promise<number> {
    await fs.writeFile(specFile, JSON.stringify(spec));
    if (warm) return warm.run();
    return this.launch.eleventy(...this.eleventyCall(specFile, output, job));
  }

  /** The flags and variables of Eleventy's process for `runEleventy` (to start it early with `warmEleventy`). */
  eleventyCall(specFile: string, output: string, job: string): [string[], Record<string, string>] {
    return [[`--output=${output}`], { [shardVariable]: specFile, [this.launch.indexJobVariable]: job }];
  }

  /**
   * The search index (`search`), the service worker (`worker`) or both, one after the other (`all`),
   * of an index job, for the joined site in `output`.
   */
  async runIndexing(jobFile: string, output: string, work: string, step: "search" | "worker" | "all"): Promise<number> {
    const job = JSON.parse(readFileSync(jobFile, "utf8")) as IndexJob;
    const part: IndexJob =
      step === "all"
        ? { ...job, output }
        : step === "search"
          ? { ...job, output, worker: undefined }
          : // The parts stay: the service worker reads the newest articles from the newest part.
            { ...job, output, search: false };
    if (!part.search && !part.worker) return 0;
    const file = path.join(work, `${step}-job.json`);
    // Written at once, so the process has started when this returns: its caller works meanwhile.
    writeFileSync(file, JSON.stringify(part));
    return this.launch.indexing(file);
  }

  /** `articles/2019/06`, relative to the working folder. */
  articlesPath(folder: string): string {
    return path.posix.join(this.input, this.options.articlesDir, folder);
  }
}

/**
 * The Vestnik options and input folder of the site's Eleventy config, read by calling the config
 * with a stand-in for Eleventy's: a sharded build needs them before any Eleventy process starts.
 */
async function siteOptions(eleventy: string[], cwd: string): Promise<{ options: ResolvedOptions; input: string } | { reason: string }> {
  const flag = (name: string) =>
    eleventy.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ??
    eleventy[eleventy.indexOf(`--${name}`) + 1 || Number.NaN];
  const configFile = path.resolve(cwd, flag("config") ?? siteConfigFile(cwd) ?? ".eleventy.js");
  if (!existsSync(configFile)) return { reason: `no Eleventy config at ${configFile}` };
  let given: VestnikOptions | undefined;
  // Any call or property of the stand-in gives the stand-in again, so a config may call anything.
  const standIn: object = new Proxy(() => {}, {
    get: (_target, key) =>
      key === "addPlugin"
        ? (plugin: unknown, options: VestnikOptions) => {
            if (plugin === vestnik) given = options;
          }
        : standIn,
    apply: () => standIn,
  });
  // A config or options Eleventy would reject are left for the build in one process to report.
  try {
    const config = (await import(pathToFileURL(configFile).href)) as {
      default?: (eleventyConfig: unknown) => unknown;
      config?: { dir?: { input?: string } };
    };
    await config.default?.(standIn);
    if (given === undefined)
      return {
        reason:
          "the config adds the Vestnik plugin in a way a sharded build cannot see (is it another copy of Vestnik than the one that runs the build?)",
      };
    const input = path.posix.normalize((flag("input") ?? config.config?.dir?.input ?? ".").split(path.sep).join("/"));
    return { options: resolveOptions(given), input: input === "." ? "" : input.replace(/\/$/, "") };
  } catch (error) {
    return { reason: `the config could not be read apart from Eleventy (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** How many Markdown files the articles folder holds, found without reading them. */
function articleFileCount(folder: string): number {
  try {
    return readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".md")).length;
  } catch {
    return 0;
  }
}

export async function moveFile(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.rename(from, to);
  } catch {
    // Another file system (a runner's download folder): copy instead.
    await fs.cp(from, to);
    await fs.rm(from, { force: true });
  }
}

/**
 * Moves everything in `from` into `to`, folder into folder. Two shards may write the same file (a
 * photo two articles show) only with the same bytes.
 */
async function mergeFolder(from: string, to: string): Promise<void> {
  if (!existsSync(from)) return;
  await fs.mkdir(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    const target = path.join(to, name);
    if (!existsSync(target)) await moveFile(source, target);
    else if (statSync(source).isDirectory() && statSync(target).isDirectory()) await mergeFolder(source, target);
    else if (!readFileSync(source).equals(readFileSync(target))) {
      throw new Error(
        `Vestnik: two parts of the sharded build wrote ${target} differently; build in one process (--workers 1) and report it`,
      );
    }
  }
  await fs.rm(from, { recursive: true, force: true });
}

/** `--shard k/N --shard-output DIR`: renders one shard of the site for a later `--join`. */
export async function renderOneShard(launch: Launcher, eleventy: string[], cwd: string, flags: ShardFlags): Promise<number> {
  const { shard, shardOutput } = flags;
  if (!shard || !shardOutput) return 2;
  const build = await ShardedBuild.read(launch, eleventy, cwd);
  if ("reason" in build) throw new Error(`this site cannot be built in shards: ${build.reason}`);
  const plan = build.plan(shard.count);
  if (!plan) throw new Error("this site cannot be built in shards: its articles lie in no dated folder");
  const dir = path.resolve(cwd, shardOutput);
  await fs.rm(dir, { recursive: true, force: true });
  const code = await build.renderShard(plan, shard.number, shard.count, dir);
  if (code !== 0) await fs.rm(dir, { recursive: true, force: true });
  return code;
}

/**
 * The site built into `fresh` in shards, when they pay: side by side (`--workers`, or this machine's
 * cores from 1,000 articles on) or joined from a CI matrix (`--join`). Undefined when the site is
 * built in one process instead.
 */
export async function buildInShards(
  launch: Launcher,
  eleventy: string[],
  cwd: string,
  flags: ShardFlags,
  fresh: string,
): Promise<number | undefined> {
  const workers = flags.workers ?? os.availableParallelism();
  if (!flags.join && workers < 2) return undefined;
  // Every process reads the same clock, so that an article under embargo is held back by all of them.
  const clockSet = process.env.SOURCE_DATE_EPOCH === undefined;
  if (clockSet) process.env.SOURCE_DATE_EPOCH = String(Math.floor(Date.now() / 1000));
  const build = await ShardedBuild.read(launch, eleventy, cwd, flags.join || flags.workers ? 0 : shardFromArticles);
  if ("reason" in build) {
    if (clockSet) delete process.env.SOURCE_DATE_EPOCH;
    if (flags.join) throw new Error(`this site cannot be built in shards: ${build.reason}`);
    // A site big enough for shards that still builds in one process says why: the benchmark timed
    // one-process builds for a while, unnoticed, because its config's plugin was another copy.
    if (flags.workers || !build.small) console.warn(`[vestnik] Building in one process: ${build.reason}`);
    return undefined;
  }
  const work = `${fresh}.shards`;
  try {
    if (flags.join)
      return await build.join(
        flags.join.map((dir) => path.resolve(cwd, dir)),
        fresh,
        path.join(work, "join"),
      );
    const plan = build.plan(workers);
    if (!plan || plan.length < 2) return undefined;
    const dirs = plan.map((_, index) => path.join(work, `shard-${index + 1}`));
    const codes = await Promise.all(dirs.map((dir, index) => build.renderShard(plan, index + 1, plan.length, dir)));
    const failed = codes.find((code) => code !== 0);
    if (failed !== undefined) return failed;
    return await build.join(dirs, fresh, path.join(work, "join"));
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

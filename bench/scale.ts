/**
 * The newsroom-scale benchmark (issue 8): generates N synthetic articles (bench/generate.ts) into a
 * temporary project, runs the production build on them (`src/build.ts`: pages, tag pages, feeds,
 * search index and whatever else `npm run build` makes), and prints what an agency cares about:
 * wall time, peak memory of the whole process tree (Node and the Pagefind binary, sampled from
 * /proc), the output's bytes and files and where they are (bench/output-report.ts), and the bytes a
 * reader's browser downloads for a search. With `hugo` installed (Debian package `hugo`), a minimal
 * Hugo site (bench/hugo/: pages, paginated tag pages, RSS) builds the same articles in the same run
 * as the yardstick. Last, issue 18's targets for 10,000 or 50,000 articles, each met or not.
 *
 *   npm run bench -- --articles 10000
 *   npm run bench -- --articles 10000 --incremental   # also time `npm start` rebuilding one edited article
 *   npm run bench -- --articles 5000 --breaking       # also time one new article built `--since-last`
 *
 * Options: --articles N (1000), --seed S (1), --no-hugo, --no-query, --incremental, --breaking (one
 * new article into the built archive, `npm run build -- --since-last`, against the full build), --warm (build a
 * second time with the cache folder of the first), --keep (leave the temporary folder), --json FILE
 * (write the figures), --cpu-prof DIR (profile the build's Node processes).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { summariseOutput } from "../src/build/output-size.ts";
import { launchBrowser, serveSite } from "../test/support/browser.ts";
import { describeFirstVisit, firstVisit } from "./first-visit.ts";
import { createProject, repoRoot } from "./generate.ts";
import { describeOutput, describeTargets, issueTargets, megabytes } from "./output-report.ts";
import { describeLatency, queryLatency } from "./query-latency.ts";

const tsxCli = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
const pageSize = 4096;

/** RSS of a process and all its descendants, sampled from /proc every few milliseconds. */
export class TreeMemory {
  peak = 0;
  /** The highest RSS each program (by command name, e.g. `node`, `pagefind_ext`) reached. */
  readonly peakByCommand = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly root: number) {}

  start(everyMs = 50): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    return this.peak;
  }

  sample(): void {
    const children = new Map<number, number[]>();
    const rss = new Map<number, number>();
    const command = new Map<number, string>();
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${name}/stat`, "utf8");
      } catch {
        continue; // gone meanwhile
      }
      // pid (comm) state ppid … : comm may hold spaces and parentheses, so split after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(name);
      const parent = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * pageSize);
      command.set(pid, stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")));
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    }
    let total = 0;
    const byCommand = new Map<string, number>();
    const pending = [this.root];
    while (pending.length > 0) {
      const pid = pending.pop() as number;
      const bytes = rss.get(pid) ?? 0;
      total += bytes;
      const name = command.get(pid) ?? "?";
      byCommand.set(name, (byCommand.get(name) ?? 0) + bytes);
      pending.push(...(children.get(pid) ?? []));
    }
    this.peak = Math.max(this.peak, total);
    for (const [name, bytes] of byCommand) this.peakByCommand.set(name, Math.max(this.peakByCommand.get(name) ?? 0, bytes));
  }
}

export interface RunResult {
  code: number;
  seconds: number;
  /** User and system CPU seconds of the process and the children it waited for (from GNU time), when known. */
  cpuSeconds?: number;
  peakBytes: number;
  /** Peak RSS per program: how much of the peak was Node, how much Pagefind. */
  peakByCommand: Record<string, number>;
  stdout: string;
  stderr: string;
}

const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Runs a command to its end, timing it and sampling the memory of its process tree. */
export function measure(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const timeFile = path.join(os.tmpdir(), `vestnik-bench-time-${process.pid}-${Date.now()}`);
  const [program, programArgs] = gnuTime ? [gnuTime, ["-f", "%U %S", "-o", timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(program, programArgs, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const memory = new TreeMemory(child.pid as number);
  memory.start();
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      let cpuSeconds: number | undefined;
      try {
        const [user, system] = readFileSync(timeFile, "utf8").trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
        if (user !== undefined && system !== undefined) cpuSeconds = user + system;
        rmSync(timeFile, { force: true });
      } catch {
        // No GNU time: wall time only.
      }
      const peakBytes = memory.stop();
      resolve({ code: code ?? 1, seconds, cpuSeconds, peakBytes, peakByCommand: Object.fromEntries(memory.peakByCommand), stdout, stderr });
    });
  });
}

/** Files and bytes under a folder. */
export function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

export interface QueryBytes {
  query: string;
  /** How many articles the search page says match. */
  hits: number;
  /** How many of them its first screen shows (each costs a download). */
  shown: number;
  /** Everything downloaded while the query ran. */
  bytes: number;
  /** Of those, the search code itself: search.js, pagefind.js, its WebAssembly and entry file. */
  codeBytes: number;
  requests: number;
}

/**
 * Serves the built site, opens its search page in headless Chromium, and types the queries into
 * it one after the other, as a reader does (the page shows the first screen of hits). Each query's
 * figure is the sum of the encoded (on the wire) sizes of the responses it caused. The first query
 * also loads Pagefind's code and metadata; the second one shows what every further query costs.
 */
export async function queryBytes(site: string, queries: string[]): Promise<QueryBytes[]> {
  const server = await serveSite(site);
  const browser = await launchBrowser();
  try {
    // Without the site's service worker: it would fetch the whole index in the background (offline
    // reading) and answer the queries from its cache. What is measured is what a query itself costs.
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    // Pagefind fetches from a web worker too; Playwright reports those requests on the context.
    const requests: { url: string; bytes: number; query: number }[] = [];
    let current = -1;
    const finished: Promise<void>[] = [];
    const startedDuring = new WeakMap<object, number>();
    context.on("request", (request) => startedDuring.set(request, current));
    context.on("requestfinished", (request) => {
      const entry = { url: request.url(), bytes: 0, query: startedDuring.get(request) ?? current };
      requests.push(entry);
      finished.push(
        request.sizes().then(
          (sizes) => {
            entry.bytes = sizes.responseBodySize + sizes.responseHeadersSize;
          },
          () => undefined,
        ),
      );
    });
    await page.goto(`${server.url}search/`, { waitUntil: "load" });
    const results: QueryBytes[] = [];
    for (const [index, query] of queries.entries()) {
      current = index;
      await page.fill("#search-query", query);
      await page.press("#search-query", "Enter");
      await page.locator("[data-search-status][data-state]", { hasText: `«${query}»` }).waitFor();
      const status = (await page.locator("[data-search-status]").textContent()) ?? "";
      const hits = Number(status.match(/^(\d+) результат/)?.[1] ?? 0);
      const shown = await page.locator("[data-search-results] li").count();
      // Pagefind may still be fetching (it preloads); let it settle before the next query.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await Promise.all(finished);
      const mine = requests.filter((request) => request.query === index);
      const isCode = (url: string) =>
        /\/search\/search(-page)?\.js$|\/pagefind\/(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json(\?.*)?|wasm\.[^/]*\.pagefind)$/.test(
          url,
        );
      results.push({
        query,
        hits,
        shown,
        bytes: mine.reduce((sum, request) => sum + request.bytes, 0),
        codeBytes: mine.filter((request) => isCode(request.url)).reduce((sum, request) => sum + request.bytes, 0),
        requests: mine.length,
      });
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * The `start` script of the project's package.json as arguments for Node (`node bin/vestnik.js
 * serve`), with tsx's CLI for a `tsx` script: run without npm, so that stopping it stops Eleventy.
 */
export function startScript(project: string): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(project, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const words = [...(scripts?.start ?? "").matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? "");
  if (words[0] === "node") return words.slice(1);
  if (words[0] === "tsx") return [tsxCli, ...words.slice(1)];
  throw new Error(`npm start is neither a node nor a tsx command: ${scripts?.start}`);
}

/**
 * Times `npm start` (the project's start script: Eleventy's watch mode and dev server, drafts on) on
 * the project: the first build, then the rebuild after one article's text is edited, from the file
 * write to Eleventy's «Watching…», and until the search index has caught up with the edit
 * («[vestnik] search index updated», when the index is made in the background).
 */
export async function watchRebuild(
  project: string,
  edits = 2,
): Promise<{
  command: string;
  firstSeconds: number;
  rebuildSeconds: number[];
  indexSeconds: (number | undefined)[];
  /** Rebuilds after edits saved 4 s apart, without waiting for the index: each while a catch-up runs. */
  busyRebuildSeconds: number[];
  eleventySays: string[];
  /** What npm start said when the index caught up: its time and how many parts it re-indexed. */
  indexSays: string[];
}> {
  const article = readdirSync(path.join(project, "articles"), { recursive: true, withFileTypes: true }).find((entry) =>
    entry.name.endsWith(".md"),
  );
  if (!article) throw new Error("no article to edit");
  const file = path.join(article.parentPath, article.name);
  const original = readFileSync(file, "utf8");
  const port = 20000 + Math.floor(Math.random() * 20000);
  const command = [...startScript(project), `--port=${port}`];
  const child: ChildProcess = spawn(process.execPath, command, { cwd: project, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const waiters: { done: () => boolean; resolve: () => void }[] = [];
  const count = (text: string) => output.split(text).length - 1;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) {
      if (waiter.done()) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const until = (done: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      waiters.push({
        done,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
      onData(Buffer.from(""));
    });
  try {
    let started = performance.now();
    if (!(await until(() => count("Watching…") >= 1, 20 * 60_000))) {
      throw new Error(`npm start did not finish its first build:\n${output.slice(-3000)}`);
    }
    const firstSeconds = (performance.now() - started) / 1000;
    const rebuildSeconds: number[] = [];
    const indexSeconds: (number | undefined)[] = [];
    for (let edit = 1; edit <= edits; edit++) {
      // Let the previous edit's index catch up first, so each edit is timed alone.
      await until(() => count("search index updated") >= edit - 1, 10 * 60_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      started = performance.now();
      writeFileSync(file, `${original.trimEnd()}\n\nПравка редактора номер ${edit}.\n`);
      if (!(await until(() => count("Watching…") >= 1 + edit, 10 * 60_000)))
        throw new Error(`npm start did not rebuild:\n${output.slice(-3000)}`);
      rebuildSeconds.push((performance.now() - started) / 1000);
      const caughtUp = await until(() => count("search index updated") >= edit, 10 * 60_000);
      indexSeconds.push(caughtUp ? (performance.now() - started) / 1000 : undefined);
    }
    // Edits 4 s apart, as an editor fixing typos does: each rebuild runs while the search index
    // catches up with the edit before it (in a process of its own, src/search/catch-up.ts).
    const busyRebuildSeconds: number[] = [];
    for (let busy = 1; busy <= 3; busy++) {
      const edit = edits + busy;
      started = performance.now();
      writeFileSync(file, `${original.trimEnd()}\n\nПравка редактора номер ${edit}.\n`);
      if (!(await until(() => count("Watching…") >= 1 + edit, 10 * 60_000)))
        throw new Error(`npm start did not rebuild:\n${output.slice(-3000)}`);
      busyRebuildSeconds.push((performance.now() - started) / 1000);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 4000 - (performance.now() - started))));
    }
    await until(() => count("search index updated") >= edits + 1, 10 * 60_000);
    const eleventySays = [...output.matchAll(/Wrote .*? in [\d.]+ seconds[^\n]*/g)].map((match) => match[0]);
    const indexSays = [...output.matchAll(/search index updated[^\n]*/g)].map((match) => match[0]);
    return {
      command: command.map((word) => (word === tsxCli ? "tsx" : word)).join(" "),
      firstSeconds,
      rebuildSeconds,
      indexSeconds,
      busyRebuildSeconds,
      eleventySays,
      indexSays,
    };
  } finally {
    writeFileSync(file, original);
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  }
}

/**
 * Files a breaking story in the generated project: a copy of its newest article (tags and all, so
 * that older articles' «Читайте также» changes as it would) a minute later, under a headline of its own.
 */
function breakingArticle(project: string): string {
  const articles = path.join(project, "articles");
  const newestFolder = (dir: string): string => {
    const folders = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    const last = folders
      .map((entry) => entry.name)
      .sort()
      .at(-1);
    return last === undefined ? dir : newestFolder(path.join(dir, last));
  };
  const folder = newestFolder(articles);
  const dated = readdirSync(folder)
    .filter((name) => name.endsWith(".md"))
    .map((name) => {
      const text = readFileSync(path.join(folder, name), "utf8");
      return { text, date: /^date: ['"]?([^'"\n]+)/m.exec(text)?.[1] ?? "" };
    })
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const newest = dated.at(-1);
  if (!newest) throw new Error(`no article in ${folder}`);
  const date =
    newest.date.length === 10 ? `${newest.date}T23:30:00` : new Date(Date.parse(`${newest.date}Z`) + 60_000).toISOString().slice(0, 19);
  const file = path.join(folder, "srochnaya-novost.md");
  const text = newest.text
    .replace(/^title: .*$/m, "title: Срочная новость — агентство сообщает подробности")
    .replace(/^date: .*$/m, `date: '${date}'`);
  writeFileSync(file, text);
  return path.relative(project, file);
}

const hugoTemplate = fileURLToPath(new URL("./hugo/", import.meta.url));

function hugoVersion(): string | undefined {
  const result = spawnSync("hugo", ["version"], { encoding: "utf8" });
  return result.status === 0 ? (result.stdout.match(/v[\d.]+/)?.[0] ?? result.stdout.trim()) : undefined;
}

/** The machine's 1, 5 and 15 minute load averages: «1.4 1.7 2.0». */
const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(" ");
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 100 * 1024 * 1024 ? 1 : 0)} MiB`;
const gib = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : mib(bytes));
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** How long each step of `npm run build` took, from what it printed: Eleventy's pages, then the search index. */
export function buildSteps(stdout: string): { eleventy?: number; searchIndex?: number } {
  const seconds = (pattern: RegExp) => {
    const found = stdout.match(pattern)?.[1];
    return found === undefined ? undefined : Number(found);
  };
  // The build's summary (src/build/progress.ts): «[vestnik] Built in 81.2 s: pages 48.3 s, search index 30.1 s, …».
  return {
    eleventy: seconds(/\[vestnik\] Built in [\d.]+ s: .*?\bpages ([\d.]+) s/),
    searchIndex: seconds(/\[vestnik\] Built in [\d.]+ s: .*?\bsearch index ([\d.]+) s/),
  };
}

/** «12.3 s (CPU 20.1 s; Eleventy 8.1 s, search index 3.9 s), peak RSS 1.2 GiB (node 0.9 GiB, pagefind_ext 0.5 GiB)» */
function describe(run: RunResult): string {
  const parts = Object.entries(run.peakByCommand)
    .filter(([name, bytes]) => bytes > 50 * 1024 * 1024 && name !== "time")
    .map(([name, bytes]) => `${name} ${gib(bytes)}`);
  const steps = buildSteps(run.stdout);
  const said = [
    run.cpuSeconds === undefined ? "" : `CPU ${run.cpuSeconds.toFixed(1)} s`,
    steps.eleventy === undefined ? "" : `Eleventy ${steps.eleventy.toFixed(1)} s`,
    steps.searchIndex === undefined ? "" : `search index ${steps.searchIndex.toFixed(1)} s`,
  ].filter(Boolean);
  const cpu = said.length === 0 ? "" : ` (${said.join("; ")})`;
  return `${run.seconds.toFixed(1)} s${cpu}, peak RSS ${gib(run.peakBytes)}${parts.length > 1 ? ` (${parts.join(", ")})` : ""}`;
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${os.release()}, Node ${process.version}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      articles: { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
      "no-hugo": { type: "boolean", default: false },
      "no-query": { type: "boolean", default: false },
      incremental: { type: "boolean", default: false },
      breaking: { type: "boolean", default: false },
      edits: { type: "string", default: "5" },
      warm: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      json: { type: "string" },
      "cpu-prof": { type: "string" },
    },
  });
  const count = Number(values.articles);
  if (!Number.isInteger(count) || count < 1) throw new Error("--articles must be a whole number, e.g. --articles 10000");
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), "vestnik-bench-"));
  const project = path.join(temp, "project");
  const figures: Record<string, unknown> = { articles: count, seed: Number(values.seed), machine: machine() };
  try {
    console.log(`Vestnik scale benchmark: ${count} articles, seed ${values.seed}\n${machine()}\n${temp}`);
    // Other work on the machine slows every figure down: say how busy it was.
    console.log(`load average at start: ${loadAverage()}`);
    figures.loadAtStart = os.loadavg();
    let started = performance.now();
    const made = createProject(project, { count, seed: Number(values.seed) });
    figures.tags = made.tags;
    console.log(`generated ${made.articles} articles with ${made.tags} tags in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // The production build, as `npm run build` runs it (quiet: a line per file is noise here).
    const site = path.join(temp, "vestnik-site");
    const profile = values["cpu-prof"] ? { VESTNIK_CPU_PROF: path.resolve(values["cpu-prof"]) } : {};
    // The project's own copy of the build, as its `npm run build` runs it: a build in shards needs
    // the very plugin the project's config loads (src/shards.ts); the repository's copy saw another
    // plugin and built in one process. With --breaking the full build keeps its record for the
    // build since it (src/last-build.ts).
    const sinceLast = values.breaking ? ["--since-last"] : [];
    const buildScript = path.join(project, "src/build.ts");
    const vestnik = await measure(process.execPath, [tsxCli, buildScript, `--output=${site}`, "--quiet", ...sinceLast], {
      cwd: project,
      env: profile,
    });
    if (vestnik.code !== 0) {
      console.error(vestnik.stdout.slice(-5000), vestnik.stderr.slice(-5000));
      throw new Error(`the Vestnik build failed with exit code ${vestnik.code}`);
    }
    // A build that could have run in shards and did not says why (src/shards.ts): the time is then a one-process build's.
    const oneProcess = `${vestnik.stdout}\n${vestnik.stderr}`.match(/\[vestnik\] Building in one process: [^\n]*/)?.[0];
    if (oneProcess) console.log(oneProcess);
    figures.oneProcess = oneProcess;
    if (values.warm) {
      // Again, with the cache folder the first build left (typography of long bodies): what a CI
      // run that restores the cache pays.
      const warm = await measure(process.execPath, [tsxCli, buildScript, `--output=${site}`, "--quiet"], {
        cwd: project,
      });
      if (warm.code !== 0) throw new Error(`the second Vestnik build failed with exit code ${warm.code}: ${warm.stderr.slice(-3000)}`);
      figures.warm = { ...warm, stdout: undefined, stderr: undefined, steps: buildSteps(warm.stdout) };
      console.log(`Vestnik, cold (no cache folder): ${describe(vestnik)}`);
      console.log(`Vestnik, warm (cache folder of the first build): ${describe(warm)}`);
    }
    if (values.breaking) {
      console.log(`Vestnik, full build (--since-last with no earlier build): ${describe(vestnik)}`);
      // Breaking news: one new article into the archive just built, built from that site.
      const file = breakingArticle(project);
      const breaking = await measure(process.execPath, [tsxCli, buildScript, `--output=${site}`, "--quiet", "--since-last"], {
        cwd: project,
      });
      if (breaking.code !== 0)
        throw new Error(`the --since-last build failed with exit code ${breaking.code}: ${breaking.stderr.slice(-3000)}`);
      const share = breaking.seconds / vestnik.seconds;
      figures.breaking = { ...breaking, stdout: undefined, stderr: undefined, file, share };
      const said =
        `${breaking.stdout}\n${breaking.stderr}`.match(/Since the last build: [^\n]*|Building the whole site: [^\n]*/)?.[0] ?? "";
      console.log(`Breaking news (one new article, --since-last): ${describe(breaking)}; ${said}`);
      // On a busy machine wall time follows the load; CPU time says what the build itself cost.
      const cpuShare =
        breaking.cpuSeconds !== undefined && vestnik.cpuSeconds
          ? `, ${((100 * breaking.cpuSeconds) / vestnik.cpuSeconds).toFixed(1)}% of its CPU time`
          : "";
      console.log(
        `  ${(share * 100).toFixed(1)}% of the full build's ${vestnik.seconds.toFixed(1)} s${cpuShare} (target ≤ 10%: ${share <= 0.1 ? "met" : "not met"})`,
      );
    }
    // Measured now: the query benchmark below writes a plain Pagefind index into the site folder.
    const output = summariseOutput(site);
    const index = output.byKind.searchIndex;
    figures.vestnik = { ...vestnik, stdout: undefined, stderr: undefined, steps: buildSteps(vestnik.stdout), output, index };
    console.log(`Vestnik: ${describe(vestnik)}`);
    console.log(describeOutput(output, made.tags));

    const version = values["no-hugo"] ? undefined : hugoVersion();
    if (version) {
      const hugoSite = path.join(temp, "hugo");
      cpSync(hugoTemplate, hugoSite, { recursive: true });
      // The same Markdown files: Hugo reads the same front matter (tags, date, title).
      cpSync(path.join(project, "articles"), path.join(hugoSite, "content/articles"), { recursive: true });
      const hugo = await measure("hugo", ["--quiet", "--destination", path.join(temp, "hugo-site")], { cwd: hugoSite });
      if (hugo.code !== 0) throw new Error(`the Hugo build failed: ${hugo.stderr.slice(-3000)}`);
      const hugoOutput = folderSize(path.join(temp, "hugo-site"));
      figures.hugo = { ...hugo, stdout: undefined, stderr: undefined, version, output: hugoOutput };
      console.log(`Hugo ${version}: ${describe(hugo)}, output ${megabytes(hugoOutput.bytes)} in ${hugoOutput.files} files`);
      console.log(`Vestnik / Hugo time: ${(vestnik.seconds / hugo.seconds).toFixed(2)}×`);
      figures.ratio = vestnik.seconds / hugo.seconds;
    } else if (!values["no-hugo"]) {
      console.log("Hugo: not installed (apt-get install -y hugo), no yardstick this run");
    }

    if (!values["no-query"]) {
      started = performance.now();
      const queries = await queryBytes(site, ["президент", "выборы"]);
      figures.queries = queries;
      for (const [position, query] of queries.entries()) {
        const data = query.bytes - query.codeBytes;
        console.log(
          `${position === 0 ? "first" : "next"} query «${query.query}»: ${query.hits} hits (${query.shown} shown), ${kb(query.bytes)} in ${query.requests} requests` +
            (query.codeBytes > 0 ? ` (search code ${kb(query.codeBytes)}, index and results ${kb(data)})` : ""),
        );
      }
      // Query latency against one plain Pagefind index of the same pages (bench/query-latency.ts).
      const latency = await queryLatency(site);
      figures.latency = latency;
      console.log(describeLatency(latency));
      // A reader's first visit to an article: what it downloads in the 30 s after load, and whether
      // a search made online then works offline (bench/first-visit.ts).
      const visit = await firstVisit(site);
      figures.firstVisit = visit;
      console.log(describeFirstVisit(visit));
    }

    if (values.incremental) {
      const edits = Number(values.edits);
      if (!Number.isInteger(edits) || edits < 1) throw new Error("--edits must be a whole number, e.g. --edits 5");
      const watch = await watchRebuild(project, edits);
      figures.watch = watch;
      const seconds = (list: (number | undefined)[], digits: number) =>
        list.map((value) => (value === undefined ? "—" : `${value.toFixed(digits)} s`)).join(", ");
      const sorted = [...watch.rebuildSeconds].sort((a, b) => a - b);
      const median =
        sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : ((sorted[sorted.length / 2 - 1] ?? 0) + (sorted[sorted.length / 2] ?? 0)) / 2;
      console.log(`npm start (${watch.command}): first build ${watch.firstSeconds.toFixed(1)} s`);
      console.log(
        `  after editing one article (save to rebuilt pages): ${seconds(watch.rebuildSeconds, 2)}, median ${median?.toFixed(2)} s; search index caught up ${seconds(watch.indexSeconds, 1)}`,
      );
      console.log(`  edits 4 s apart, each while the search index catches up: ${seconds(watch.busyRebuildSeconds, 2)}`);
      for (const said of watch.indexSays) console.log(`  npm start: ${said}`);
    }
    // Read back from the figures: the query and first-visit steps are optional.
    const hugoRun = figures.hugo as { seconds: number } | undefined;
    const latency = figures.latency as { vestnik: { p50: number }; plain: { p50: number } } | undefined;
    const visit = figures.firstVisit as { gzipped: number; search: { worksOffline: boolean } } | undefined;
    const targets = issueTargets({
      articles: count,
      outputBytes: output.bytes,
      buildSeconds: vestnik.seconds,
      peakBytes: vestnik.peakBytes,
      hugoSeconds: hugoRun?.seconds,
      firstVisitBytes: visit?.gzipped,
      searchWorksOffline: visit?.search.worksOffline,
      queryMedianRatio: latency ? latency.vestnik.p50 / latency.plain.p50 : undefined,
    });
    figures.targets = targets;
    console.log(describeTargets(count, targets));
    console.log(`load average at end: ${loadAverage()}`);
    figures.loadAtEnd = os.loadavg();
    if (values.json) writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
    return 0;
  } finally {
    if (values.keep) console.log(`kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = await main();
}

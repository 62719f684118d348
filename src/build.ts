import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type EleventyCommand, eleventyCommand } from "./build/eleventy-command.ts";
import { type OutputSummary, outputWarningBytes } from "./build/output-size.ts";
import { BuildProgress, eleventyLogFlags, progressStdio, progressVariable } from "./build/progress.ts";
import { indexJobVariable, publishedFolderVariable, warmStartGo, warmStartRunning, workingFolderPrefix } from "./build-handover.ts";
import { moduleFile, runsFromSource } from "./module-files.ts";
import { type ShardFlags, takeShardFlags } from "./shard-flags.ts";
import type { Launcher, WarmStart } from "./shards.ts";

export { indexJobVariable } from "./build-handover.ts";

const indexingScript = moduleFile("./indexing.ts", import.meta.url);
const warmStartScript = moduleFile("./build/warm-start.ts", import.meta.url);
/** Node flags for a process that runs a Vestnik module: tsx's loader when Vestnik runs from its sources. */
const vestnikFlags = runsFromSource ? ["--import", import.meta.resolve("tsx")] : [];

/**
 * The production build, all or nothing: Eleventy writes the pages and feeds into a fresh folder
 * beside the published one, a process of its own then adds the search index and the service worker,
 * and only when every step succeeded does that folder replace the published one. A failed build
 * leaves the previous site exactly as it was, and a fresh folder means a deleted article's page does
 * not linger.
 *
 * Usage: `vestnik build [Eleventy flags…]` in the site's folder, e.g. `npx vestnik build --pathprefix=/novosti/`
 * (`npm run build -- …` in this repository). It runs the site's own Eleventy with the site's config file.
 * `--workers N` renders in N Eleventy processes side by side (default: this machine's cores, from
 * 1,000 articles on); `--shard k/N --shard-output DIR` renders one shard, `--join DIR…` joins them
 * into the site (src/shards.ts). `--since-last` starts from the site the last build published and
 * writes only what changed articles touch (src/since-last.ts): breaking news in seconds.
 * It shows one progress line per step and a summary (src/build/progress.ts); `--verbose` adds
 * Eleventy's line per written file.
 */
export async function atomicBuild(args: string[], cwd = process.cwd()): Promise<number> {
  const progress = new BuildProgress();
  let warnAbove: number;
  try {
    warnAbove = outputWarningBytes();
  } catch (error) {
    console.error(`Vestnik: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const sinceLast = args.includes(sinceLastFlag);
  const { target, rest: eleventyFlags } = takeOutputFlag(eleventyLogFlags(args.filter((arg) => arg !== sinceLastFlag)));
  let sharding: ShardFlags;
  let rest: string[];
  let eleventy: string[];
  let command: EleventyCommand;
  try {
    ({ flags: sharding, rest } = takeShardFlags(eleventyFlags));
    command = eleventyCommand(rest, cwd);
    eleventy = [...eleventyNodeFlags(command), command.script, ...command.args];
  } catch (error) {
    console.error(`Vestnik: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const published = path.resolve(cwd, target);
  // The processes of a build in shards (shards.ts), started as the ones below.
  const launch: Launcher = {
    eleventy: (more, env) => runNode([...eleventy, ...more], cwd, { env: { ...env, [publishedFolderVariable]: published }, progress }),
    indexing: (file) => runNode([...vestnikFlags, indexingScript, file], cwd, { progress }),
    indexJobVariable,
    warmEleventy: (more, env) => {
      const settings = { env: { ...env, [publishedFolderVariable]: published }, progress };
      // The same process as `eleventy`, with warm-start.ts before Eleventy's cmd.cjs.
      const early = [...eleventyNodeFlags(command), warmStartScript, command.script, ...command.args, ...more];
      return startEarly(early, cwd, settings, () => runNode([...eleventy, ...more], cwd, settings));
    },
  };
  // Loaded only when used: the shards load the plugin in this process to read the articles.
  const shards = () => import("./shards.ts");
  if (sharding.shard) return await failing(async () => (await shards()).renderOneShard(launch, rest, cwd, sharding));
  const parent = path.dirname(published);
  await fs.mkdir(parent, { recursive: true });
  await removeLeftovers(published);
  const fresh = await fs.mkdtemp(path.join(parent, workingFolderPrefix(published)));
  const job = `${fresh}.index-job.json`;
  progress.start("pages", "reading the articles");
  // From the last build's site when asked (since-last.ts), in shards when they pay (shards.ts: side
  // by side, or joined from a CI matrix), else in one process.
  let remember: (() => void) | undefined;
  let counted: OutputSummary | undefined;
  let moveInto: ((previous: string) => Promise<void>) | undefined;
  let code: number | undefined;
  if (sinceLast && !sharding.join) {
    const outcome = await failing(async () =>
      (await import("./since-last.ts")).buildSinceLast(launch, rest, cwd, sharding, published, fresh, (text) =>
        progress.say(`[vestnik] ${text}`),
      ),
    );
    ({ code, remember, counted, moveInto } = typeof outcome === "number" ? { code: outcome } : outcome);
  }
  code ??= await failing(async () => (await shards()).buildInShards(launch, rest, cwd, sharding, fresh));
  if (code === undefined) {
    code = await runNode([...eleventy, `--output=${fresh}`], cwd, {
      env: { [indexJobVariable]: job, [publishedFolderVariable]: published },
      progress,
    });
    progress.end("pages", { stopped: code !== 0 });
    // No job: Eleventy ran without the Vestnik plugin, or the plugin made the index itself.
    if (code === 0 && existsSync(job)) code = await runNode([...vestnikFlags, indexingScript, job], cwd, { progress });
    await fs.rm(job, { force: true });
  } else progress.end("pages", { stopped: code !== 0 });
  if (code !== 0) {
    progress.close();
    await fs.rm(fresh, { recursive: true, force: true });
    console.error(`Vestnik: the build failed; ${target} was left as it was.`);
    return code;
  }
  const previous = `${fresh}${previousSuffix}`;
  const hadPrevious = await fs.stat(published).then(
    () => true,
    () => false,
  );
  if (hadPrevious) await fs.rename(published, previous);
  if (hadPrevious && moveInto) {
    // The folders the fresh site borrowed from the published one (build/linked-site.ts) move into it.
    try {
      await moveInto(previous);
    } catch (error) {
      await fs.rename(previous, published);
      progress.close();
      await fs.rm(fresh, { recursive: true, force: true });
      console.error(
        `Vestnik: ${error instanceof Error ? error.message : String(error)}; the build failed and ${target} was left as it was.`,
      );
      return 1;
    }
  }
  await fs.rename(fresh, published);
  if (hadPrevious) removeInBackground(previous);
  remember?.();
  progress.report(published, { warnAbove, counted });
  progress.close();
  return 0;
}

/** How the folder of the site a build replaced is named, beside the published one, until it is removed. */
const previousSuffix = "-previous";

/**
 * Removes the replaced site's folder in a process of its own that the build does not wait for:
 * 138,000 files at 50,000 articles took 10–16 s to unlink, a third of a build since the last one,
 * and the new site is published by then. A folder that a stopped removal left behind is removed by the
 * next build (`removeLeftovers`).
 */
function removeInBackground(folder: string): void {
  const child = spawn(process.execPath, ["-e", "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true })", folder], {
    detached: true,
    stdio: "ignore",
  });
  child.on("error", () => {});
  child.unref();
}

/** Replaced sites' folders beside the published one that a stopped removal left behind. */
async function removeLeftovers(published: string): Promise<void> {
  const parent = path.dirname(published);
  const prefix = workingFolderPrefix(published);
  for (const name of await fs.readdir(parent)) {
    if (name.startsWith(prefix) && name.endsWith(previousSuffix)) removeInBackground(path.join(parent, name));
  }
}

/** `--since-last`: build from the last build's site, writing only what changed (since-last.ts). */
const sinceLastFlag = "--since-last";

/** A step's exit code, or 1 when it threw: its message is printed. */
async function failing<T>(step: () => Promise<T>): Promise<T | 1> {
  try {
    return await step();
  } catch (error) {
    console.error(`Vestnik: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** Eleventy's `--output` flag names the published folder; the build itself writes elsewhere. */
function takeOutputFlag(args: string[]): { target: string; rest: string[] } {
  let target = "_site";
  const rest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    if (arg.startsWith("--output=")) target = arg.slice("--output=".length);
    else if (arg === "--output" && args[index + 1] !== undefined) target = args[++index] ?? target;
    else rest.push(arg);
  }
  return { target, rest };
}

/**
 * Node's flags for the site's Eleventy (src/build/eleventy-command.ts: tsx's loader when needed).
 * V8 grows its heap to up to four times what was live after a full collection; Eleventy makes
 * garbage much faster than it keeps data, so the heap grew into gigabytes of garbage. A quarter at
 * a time: 50,000 articles peaked at 2.18 instead of 3.23 GiB, in the same time (eleventy-patches/written-pages.ts).
 */
function eleventyNodeFlags(command: EleventyCommand): string[] {
  return ["--heap-growing-percent=25", ...command.nodeFlags];
}

/**
 * Node with these arguments (its flags first, then a script and the script's own).
 * With `progress`, the process reports its steps to it and its output passes through it.
 */
function runNode(args: string[], cwd: string, settings: { env?: Record<string, string>; progress?: BuildProgress } = {}): Promise<number> {
  return exitCode(startNode(args, cwd, settings));
}

function startNode(
  args: string[],
  cwd: string,
  { env = {}, progress }: { env?: Record<string, string>; progress?: BuildProgress },
): ChildProcess {
  // Node 20 refuses --cpu-prof in NODE_OPTIONS: the benchmark's profiles of each process ask here.
  const profile = process.env.VESTNIK_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.VESTNIK_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, ...args], {
    cwd,
    // A process started early (warmEleventy) is told when to run through its channel.
    stdio: progress ? progressStdio : ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...env, ...(progress ? { [progressVariable]: "ipc" } : {}) },
  });
  progress?.attach(child);
  return child;
}

/**
 * A process started now that waits for the word to run (build/warm-start.ts). One that ends before
 * it runs (killed, out of memory) is replaced by `afresh`.
 */
function startEarly(
  args: string[],
  cwd: string,
  settings: { env?: Record<string, string>; progress?: BuildProgress },
  afresh: () => Promise<number>,
): WarmStart {
  const child = startNode(args, cwd, settings);
  const exited = exitCode(child);
  const running = new Promise<void>((resolve) => child.on("message", (message) => message === warmStartRunning && resolve()));
  return {
    run: async () => {
      if (child.connected) child.send(warmStartGo, () => {});
      const first = await Promise.race([running.then(() => "running" as const), exited]);
      return first === "running" ? exited : afresh();
    },
    stop: () => child.kill(),
  };
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = await atomicBuild(process.argv.slice(2));
}

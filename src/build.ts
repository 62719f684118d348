import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Set for Eleventy: the file the Vestnik plugin writes its index job to instead of running it
 * (src/indexing.ts). Eleventy's process keeps the memory it took to render every page until it
 * exits (at 50,000 articles about 4 GiB), and Pagefind, started from it, added its own on top
 * (1.25 GiB a part); handed over, the index is made by a fresh process once Eleventy's has ended.
 */
export const indexJobVariable = "VESTNIK_INDEX_JOB";
const indexingScript = fileURLToPath(new URL("./indexing.ts", import.meta.url));

/**
 * The production build, all or nothing: Eleventy writes the pages and feeds into a fresh folder
 * beside the published one, a process of its own then adds the search index and the service worker,
 * and only when every step succeeded does that folder replace the published one. A failed build
 * leaves the previous site exactly as it was, and a fresh folder means a deleted article's page does
 * not linger.
 *
 * Usage: `tsx src/build.ts [Eleventy flags…]`, e.g. `npm run build -- --pathprefix=/novosti/`.
 */
export async function atomicBuild(args: string[], cwd = process.cwd()): Promise<number> {
  const { target, rest } = takeOutputFlag(args);
  const published = path.resolve(cwd, target);
  const parent = path.dirname(published);
  await fs.mkdir(parent, { recursive: true });
  const fresh = await fs.mkdtemp(path.join(parent, `.${path.basename(published)}-building-`));
  const job = `${fresh}.index-job.json`;
  // V8 grows its heap to up to four times what was live after a full collection; Eleventy makes
  // garbage much faster than it keeps data, so the heap grew into gigabytes of garbage. A quarter at
  // a time: 50,000 articles peaked at 2.18 instead of 3.23 GiB, in the same time (written-pages.ts).
  let code = await runNode([...eleventyArgs(rest, cwd), `--output=${fresh}`], cwd, {
    env: { [indexJobVariable]: job },
    flags: ["--heap-growing-percent=25"],
  });
  // No job: Eleventy ran without the Vestnik plugin, or the plugin made the index itself.
  if (code === 0 && existsSync(job)) code = await runNode([indexingScript, job], cwd);
  await fs.rm(job, { force: true });
  if (code !== 0) {
    await fs.rm(fresh, { recursive: true, force: true });
    console.error(`Vestnik: the build failed; ${target} was left as it was.`);
    return code;
  }
  const previous = `${fresh}-previous`;
  const hadPrevious = await fs.stat(published).then(
    () => true,
    () => false,
  );
  if (hadPrevious) await fs.rename(published, previous);
  await fs.rename(fresh, published);
  if (hadPrevious) await fs.rm(previous, { recursive: true, force: true });
  return 0;
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

/** Eleventy's command line, with the TypeScript config unless one is named. */
function eleventyArgs(args: string[], cwd: string): string[] {
  const eleventy = path.join(cwd, "node_modules/@11ty/eleventy/cmd.cjs");
  const hasConfig = args.some((arg) => arg.startsWith("--config"));
  return [eleventy, ...(hasConfig ? [] : ["--config=.eleventy.ts"]), ...args];
}

/** A Node script and its arguments, with tsx's loader (the config and the plugin are TypeScript), as `npm start` runs Eleventy. */
function runNode(
  args: string[],
  cwd: string,
  { env = {}, flags = [] }: { env?: Record<string, string>; flags?: string[] } = {},
): Promise<number> {
  const child = spawn(process.execPath, [...flags, "--import", "tsx", ...args], { cwd, stdio: "inherit", env: { ...process.env, ...env } });
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = await atomicBuild(process.argv.slice(2));
}

import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The production build, all or nothing: Eleventy writes the site (pages, feeds, search index) into
 * a fresh folder beside the published one, and only when every step succeeded does that folder
 * replace it. A failed build leaves the previous site exactly as it was, and a fresh folder means
 * a deleted article's page does not linger.
 *
 * Usage: `tsx src/build.ts [Eleventy flags…]`, e.g. `npm run build -- --pathprefix=/novosti/`.
 */
export async function atomicBuild(args: string[], cwd = process.cwd()): Promise<number> {
  const { target, rest } = takeOutputFlag(args);
  const published = path.resolve(cwd, target);
  const parent = path.dirname(published);
  await fs.mkdir(parent, { recursive: true });
  const fresh = await fs.mkdtemp(path.join(parent, `.${path.basename(published)}-building-`));
  const code = await runEleventy([...rest, `--output=${fresh}`], cwd);
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

function runEleventy(args: string[], cwd: string): Promise<number> {
  const eleventy = path.join(cwd, "node_modules/@11ty/eleventy/cmd.cjs");
  const hasConfig = args.some((arg) => arg.startsWith("--config"));
  // The config is TypeScript, so Eleventy runs with tsx's loader, as `npm start` does.
  const child = spawn(process.execPath, ["--import", "tsx", eleventy, ...(hasConfig ? [] : ["--config=.eleventy.ts"]), ...args], {
    cwd,
    stdio: "inherit",
  });
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = await atomicBuild(process.argv.slice(2));
}

/**
 * Eleventy started before its work is known. A build since the last one (src/since-last.ts) reads
 * every article and works out what changed for 10–15 s at 50,000 articles, then runs one Eleventy
 * process: started only then, that process spent 3 s loading Eleventy, tsx and the site's config
 * before its first page. Started with the build instead, it loads them while the build plans, and
 * runs Eleventy's own command line (`cmd.cjs`, with the arguments given here) when the build says
 * so; Eleventy then finds the modules already loaded. The build ends it if it needs none.
 *
 * `node [flags] warm-start.js <Eleventy's cmd.cjs> [Eleventy's arguments…]`
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { warmStartGo, warmStartRunning } from "../build-handover.ts";

const [script, ...args] = process.argv.slice(2);
if (script === undefined) throw new Error("warm-start: name Eleventy's cmd.cjs");
// Eleventy imports its config by its plain file URL in a build (no cache-busting query), and its
// own modules by theirs: the same URLs load once.
const named = args.find((arg) => arg.startsWith("--config="))?.slice("--config=".length) ?? args[args.indexOf("--config") + 1];
const preloading = [path.join(path.dirname(script), "src/Eleventy.js"), ...(named ? [path.resolve(named)] : [])];
// A module that fails here fails again, with Eleventy's own message, when Eleventy runs.
const loaded = Promise.all(preloading.map((file) => import(pathToFileURL(file).href).catch(() => undefined)));

process.once("message", async (message) => {
  if (message !== warmStartGo) return;
  await loaded;
  process.send?.(warmStartRunning);
  process.argv = [process.argv[0] ?? process.execPath, script, ...args];
  createRequire(import.meta.url)(script);
});

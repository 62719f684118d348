import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runsFromSource } from "../module-files.ts";

/**
 * Config files in the order Eleventy 3 looks for them (TemplateConfig's `projectConfigPaths`), then the
 * TypeScript ones it loads only when named with `--config` (and a loader such as tsx): this
 * repository's own `.eleventy.ts` among them.
 */
export const configFileNames = [
  ".eleventy.js",
  "eleventy.config.js",
  "eleventy.config.mjs",
  "eleventy.config.cjs",
  "eleventy.config.ts",
  "eleventy.config.mts",
  "eleventy.config.cts",
  ".eleventy.ts",
] as const;

/** How to start Eleventy for a site: the Node flags and the script with its arguments. */
export interface EleventyCommand {
  /** Node flags: tsx's loader when the config or Vestnik itself is TypeScript. */
  nodeFlags: string[];
  /** Eleventy's `cmd.cjs`, the site's own. */
  script: string;
  /** The arguments given, with `--config` when the site has a config file and none was named. */
  args: string[];
}

/**
 * Eleventy as the site in `cwd` runs it: the site's own Eleventy (a site has one, Vestnik names it as a
 * peer dependency; else the one Vestnik finds beside itself) and the site's config file.
 */
export function eleventyCommand(args: string[], cwd: string): EleventyCommand {
  const named = args.find((arg) => arg === "--config" || arg.startsWith("--config="));
  const config = named ? undefined : siteConfigFile(cwd);
  const configName = named ? (named.split("=")[1] ?? args[args.indexOf(named) + 1] ?? "") : (config ?? "");
  const typescript = runsFromSource || /\.[mc]?ts$/.test(configName);
  return {
    nodeFlags: typescript ? ["--import", import.meta.resolve("tsx")] : [],
    script: siteEleventy(cwd),
    args: config ? [`--config=${config}`, ...args] : args,
  };
}

/** The site's Eleventy config file, by name relative to `cwd`, or undefined when it has none. */
export function siteConfigFile(cwd: string): string | undefined {
  return configFileNames.find((name) => existsSync(path.join(cwd, name)));
}

/** The path of Eleventy's command-line script: the site's Eleventy, or else the one beside Vestnik. */
export function siteEleventy(cwd: string): string {
  let entry: string;
  try {
    entry = createRequire(path.join(cwd, "package.json")).resolve("@11ty/eleventy");
  } catch {
    try {
      entry = fileURLToPath(import.meta.resolve("@11ty/eleventy"));
    } catch {
      throw new Error(`no Eleventy found for the site in ${cwd}: install it there with \`npm install @11ty/eleventy@3\``);
    }
  }
  // Eleventy's package exports only its API, so its command-line script is found from its folder.
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const { name, bin } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; bin?: Record<string, string> };
    if (name !== "@11ty/eleventy") continue;
    return path.join(dir, bin?.eleventy ?? "cmd.cjs");
  }
  throw new Error(`Eleventy's package.json was not found above ${entry}`);
}

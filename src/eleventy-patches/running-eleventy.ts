import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The Eleventy that is running this build, which need not be the one beside the plugin: a site
 * installs its own `@11ty/eleventy`, and a copy that npm put under the plugin's folder is never
 * loaded. Its private modules are reached by their files, so they must be that copy's files: the
 * module Eleventy itself imported, not a second one.
 */
export interface RunningEleventy {
  /** `file:` URL of the package folder, ending in `/`. */
  root: string;
  /** Its package.json `version`, e.g. `3.1.8`. */
  version: string;
  /** One of its modules by path in the package, e.g. `./src/TemplateMap.js`: the very module Eleventy loaded. */
  module<T>(relative: string): Promise<T>;
  /** A CommonJS package as this Eleventy loads it (`dependency-graph`, `nunjucks`). */
  require(name: string): unknown;
}

/** `file:///…/node_modules/@11ty/eleventy/` out of a stack frame naming one of its source files. */
const frameFolder = /((?:file:\/\/)?[^\s()]*?[\\/]@11ty[\\/]eleventy[\\/])src[\\/]/g;

/**
 * Where Eleventy's package folders are named in the calls leading here. Eleventy calls a plugin
 * from its UserConfig module, so the folder of the running copy is among them; taken while the
 * plugin function runs.
 */
export function callingEleventyFolders(): string[] {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  const folders = [...stack.matchAll(frameFolder)].map((match) => folderUrl(match[1] as string));
  return [...new Set(folders)];
}

function folderUrl(found: string): string {
  return found.startsWith("file:") ? found : pathToFileURL(found).href.replace(/\/?$/, "/");
}

/** The `@11ty/eleventy` a project folder would load, as a package folder URL; undefined when it has none. */
function projectEleventy(project: string): string | undefined {
  try {
    const entry = createRequire(path.join(project, "package.json")).resolve("@11ty/eleventy");
    return pathToFileURL(path.join(path.dirname(entry), "..")).href.replace(/\/?$/, "/");
  } catch {
    return undefined;
  }
}

/** The `@11ty/eleventy` beside the plugin, the last guess. */
function pluginEleventy(): string | undefined {
  try {
    return new URL("../", import.meta.resolve("@11ty/eleventy")).href;
  } catch {
    return undefined;
  }
}

/**
 * Finds the Eleventy whose configuration object `eleventyConfig` is: each candidate folder (from
 * the calls into the plugin, then the site's folder, then the plugin's own dependency) is
 * accepted only when `eleventyConfig` is an instance of that copy's UserConfig class. Undefined
 * when none is: then no patch can be put on the right modules.
 */
export async function findRunningEleventy(eleventyConfig: object, calledFrom: string[]): Promise<RunningEleventy | undefined> {
  const candidates = [
    ...calledFrom,
    projectEleventy(process.env.ELEVENTY_ROOT ?? process.cwd()),
    projectEleventy(process.cwd()),
    pluginEleventy(),
  ];
  for (const root of new Set(candidates)) {
    if (root === undefined) continue;
    try {
      const userConfig = (await import(new URL("./src/UserConfig.js", root).href)) as { default?: unknown };
      if (typeof userConfig.default !== "function" || !(eleventyConfig instanceof userConfig.default)) continue;
      return eleventyAt(root);
    } catch {
      // Not an Eleventy package folder after all: try the next.
    }
  }
  return undefined;
}

/** The Eleventy package in the folder `root` (a `file:` URL ending in `/`). */
export function eleventyAt(root: string): RunningEleventy {
  const pkg = JSON.parse(readFileSync(new URL("./package.json", root), "utf8")) as { version?: unknown };
  const fromPackage = createRequire(new URL("./package.json", root));
  return {
    root,
    version: typeof pkg.version === "string" ? pkg.version : "unknown",
    module: async <T>(relative: string) => (await import(new URL(relative, root).href)) as T,
    require: (name) => fromPackage(name),
  };
}

/** Versions as `from` (included) up to `below` (not included); a pre-release counts as its release's. */
export interface VersionRange {
  from: string;
  below: string;
}

function parts(version: string): number[] {
  return (version.split("-")[0] ?? "").split(".").map((part) => Number.parseInt(part, 10) || 0);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

export function withinRange(version: string, range: VersionRange): boolean {
  const release = parts(version);
  const atFrom = compare(release, parts(range.from));
  // 3.1.2-beta.1 came before 3.1.2.
  if (atFrom < 0 || (atFrom === 0 && version.includes("-"))) return false;
  return compare(release, parts(range.below)) < 0;
}

export function describeRange(range: VersionRange): string {
  return `>=${range.from} <${range.below}`;
}

/**
 * The Eleventy releases Vestnik runs on: 3.1.2 and later 3.x. Eleventy checks its version against
 * this with pre-releases included, hence `-0`: 4.0's alphas ("Build Awesome") are refused until
 * tested. The patches of Eleventy's internals have a narrower range (eleventy-patches/index.ts).
 */
export const eleventyVersions = ">=3.1.2 <4.0.0-0";

/**
 * The part of Eleventy's configuration API that Vestnik uses. Eleventy 3 ships no TypeScript
 * types, so this states the contract Vestnik relies on, and nothing more.
 */
export interface CollectionApi {
  getAll(): CollectionItem[];
}

export interface CollectionItem {
  url: string | false;
  inputPath: string;
  date: Date;
  data: Record<string, unknown>;
  content?: string;
}

export interface AfterBuildEvent {
  directories: { output: string };
  outputMode?: "fs" | "json" | "ndjson";
  runMode: "build" | "watch" | "serve";
}

export interface EleventyConfig {
  versionCheck(range: string): void;
  addPlugin(plugin: unknown, options?: unknown): void;
  /** One of Eleventy's bundled plugins, from the Eleventy that runs, e.g. `@11ty/eleventy/html-base-plugin`. */
  resolvePlugin(name: string): unknown;
  addGlobalData(name: string, value: unknown): void;
  addCollection(name: string, callback: (api: CollectionApi) => unknown): void;
  addFilter(name: string, callback: (...args: never[]) => unknown): void;
  /** A filter added so far (Eleventy's own, a plugin's), by name. */
  getFilter(name: string): ((...args: unknown[]) => unknown) | undefined;
  /** The path prefix the site is published under (`/novosti/`), once the configuration is read. */
  pathPrefix?: string;
  addAsyncFilter(name: string, callback: (...args: never[]) => Promise<unknown>): void;
  addTemplateFormats(formats: string): void;
  addPreprocessor(name: string, extensions: string, callback: (data: never, content: string) => unknown): void;
  addTemplate(virtualPath: string, content: unknown, data?: Record<string, unknown>): void;
  addPassthroughCopy(copy: Record<string, string> | string): void;
  addTransform(name: string, callback: (content: unknown) => unknown): void;
  /** A linter sees each page's final content before it is written, and cannot change it. */
  addLinter(name: string, callback: (content: unknown, inputPath: string, outputPath: string | false) => void): void;
  /** The transforms added so far, by name, in the order Eleventy runs them. */
  transforms?: Record<string, unknown>;
  /** Changes the library Eleventy renders an engine with: the site's own, or Eleventy's default. */
  amendLibrary(engine: "md", amend: (library: { render(source: string, env?: unknown): string }) => void): void;
  setFrontMatterParsingOptions(options: Record<string, unknown>): void;
  /** The front-matter readers set so far, by language: Eleventy's `yaml` unless the site set its own. */
  frontMatterParsingOptions?: { engines?: Record<string, unknown> };
  addWatchTarget(target: string): void;
  /** Globs Eleventy does not read as templates, and globs whose changes do not start a rebuild. */
  ignores?: Set<string>;
  watchIgnores?: Set<string>;
  /** Options for the file watcher of `--watch` and `--serve` (chokidar's), and the ones set so far. */
  setChokidarConfig?(options: Record<string, unknown>): void;
  chokidarConfig?: Record<string, unknown>;
  on(event: "eleventy.before", callback: (event: { runMode: string; outputMode?: string }) => void | Promise<void>): void;
  on(event: "eleventy.after", callback: (event: AfterBuildEvent) => void | Promise<void>): void;
  /** While watching, before a rebuild: the files that changed, relative to the working folder. */
  on(event: "eleventy.beforeWatch", callback: (changedFiles: string[]) => void): void;
  /** While watching, after a rebuild has finished and the browser has been told to reload. */
  on(event: "eleventy.afterwatch", callback: () => void): void;
  /** Once Eleventy's template map is built: every template's page URLs (`false` for a page not written). */
  on(event: "eleventy.contentMap", callback: (event: { inputPathToUrl: Record<string, (string | false)[]> }) => void): void;
  /** Emitted with the Nunjucks library each time Eleventy sets up its Nunjucks environment. */
  on(event: "eleventy.engine.njk", callback: (event: { nunjucks: unknown; environment: unknown }) => void): void;
  /** Filled in by Eleventy after the configuration is read. */
  directories?: { input?: string; output?: string; includes?: string; layouts?: string };
}

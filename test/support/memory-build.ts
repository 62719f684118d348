import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { type BuiltPage, Eleventy } from "@11ty/eleventy";
import vestnik from "../../src/index.ts";
import { repoRoot } from "./site.ts";
import { testTempDir } from "./temp-root.ts";

/** Site options as the demo site sets them. */
export const demoOptions = { title: "Вестник", description: "Новости", baseUrl: "https://vestnik.example.org/" };

/** What a test's own Eleventy config may add beside the plugin, e.g. a listener. */
type ConfigHook = (eleventyConfig: { on(event: string, listener: (event: never) => void): void }) => void;

/** Eleventy's timing of its steps, which it keeps in groups: `eleventyConfig.benchmarkManager`. */
interface Benchmarks {
  setVerboseOutput(verbose: boolean): void;
  getAll(): Record<string, { setIsVerbose(verbose: boolean): void }>;
}

/**
 * Eleventy in this process for a fixture `input` folder, with the plugin and the demo site's options
 * (and `options` over them), writing to `input/_site`. It prints nothing: what it refuses, it throws
 * (the caller's to check), and its «Wrote 19 files» line, which quiet mode still prints, is not a
 * test's to say.
 */
export function fixtureEleventy(input: string, options: Record<string, unknown> = {}, hook?: ConfigHook): Eleventy {
  const eleventy = new Eleventy(input, path.join(input, "_site"), {
    quietMode: true,
    config: (eleventyConfig) => {
      // Quiet mode reaches Eleventy's timings only after its configuration's own group was made,
      // which then warned on stderr («[11ty] Benchmark … (Configuration) "vestnikAttributeText"
      // Nunjucks Filter») when a fixture's filters took more than 8% of its build under load.
      const benchmarks = (eleventyConfig as unknown as { benchmarkManager?: Benchmarks }).benchmarkManager;
      benchmarks?.setVerboseOutput(false);
      for (const group of Object.values(benchmarks?.getAll() ?? {})) group.setIsVerbose(false);
      (eleventyConfig as unknown as { addPlugin(plugin: unknown, options: unknown): void }).addPlugin(vestnik, {
        ...demoOptions,
        ...options,
      });
      hook?.(eleventyConfig as unknown as Parameters<ConfigHook>[0]);
    },
  });
  eleventy.disableLogger();
  return eleventy;
}

/**
 * Builds a fixture site in this process, in memory (Eleventy's `toJSON`): fast enough to run many
 * times in a property test. Nothing is written and no search index is made.
 */
export async function buildInMemory(articles: Record<string, string>, options: Record<string, unknown> = {}): Promise<BuiltPage[]> {
  const input = await fixtureInput(articles);
  try {
    return await fixtureEleventy(input, options).toJSON();
  } finally {
    await fs.rm(input, { recursive: true, force: true });
  }
}

/**
 * A temporary input folder for Eleventy run in this process: the demo site's own layouts and data,
 * and these articles by path under `articles/`. The caller removes it.
 */
export async function fixtureInput(articles: Record<string, string>): Promise<string> {
  const input = await fs.mkdtemp(path.join(testTempDir(), "vestnik-memory-"));
  for (const name of ["_includes", "_data"]) {
    if (existsSync(path.join(repoRoot, name))) await fs.symlink(path.join(repoRoot, name), path.join(input, name));
  }
  for (const [name, content] of Object.entries(articles)) {
    const file = path.join(input, "articles", name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  return input;
}

/** The messages of an error and of every error it wraps: Eleventy wraps what plugins throw. */
export function errorMessages(error: unknown): string[] {
  const messages: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    messages.push(current.message);
    current = (current as Error & { originalError?: unknown }).originalError ?? current.cause;
  }
  return messages;
}

import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import * as pagefind from "pagefind";
import { writeLexicon } from "./lexicon.ts";

const browserDir = fileURLToPath(new URL("./browser/", import.meta.url));

/** A browser module other than the search ones (e.g. the service worker, see src/offline.ts). */
export interface BrowserEntry {
  /** The TypeScript file to bundle. */
  entry: string;
  /** `esm` (the default) for a page's module script; `iife` for a classic script, such as a service worker. */
  format?: "esm" | "iife";
  /** Identifiers replaced by these JavaScript expressions, as esbuild's `define`. */
  define?: Record<string, string>;
}

/**
 * Bundles one browser module from `src/search/browser/` (or any `BrowserEntry`) into plain
 * JavaScript. `search.js` stays a module of its own, so the search page and any other page share
 * one copy of it.
 */
export async function browserModule(name: "search" | "search-page" | BrowserEntry): Promise<string> {
  const bundle: BrowserEntry = typeof name === "string" ? { entry: path.join(browserDir, `${name}.ts`) } : name;
  const result = await esbuild.build({
    entryPoints: [bundle.entry],
    bundle: true,
    write: false,
    format: bundle.format ?? "esm",
    target: "es2020",
    minify: true,
    legalComments: "none",
    define: bundle.define,
    plugins: [
      {
        name: "keep-search-module-separate",
        setup(build) {
          if (name !== "search-page") return;
          build.onResolve({ filter: /^\.\/search\.ts$/ }, () => ({ path: "./search.js", external: true }));
        },
      },
    ],
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`Vestnik: bundling ${bundle.entry} produced nothing`);
  return file.text;
}

/**
 * Builds the Pagefind index of the site just written to `outputDir`, then the site's lexicon from
 * the words Pagefind indexed (lexicon.ts: what lets search.js understand Russian and Kazakh word
 * forms, related words and typos). One function, called from one `eleventy.after` listener:
 * Eleventy runs listeners of one event concurrently, and Pagefind's service must be closed only
 * after the index is written.
 */
export async function writeSearchIndex(outputDir: string, glob?: string): Promise<{ pageCount: number; words: number }> {
  // If Pagefind's process dies, its promises never settle and Node would exit quietly with 0,
  // publishing a site without an index. Catch that moment and fail the build instead.
  let finished = false;
  const stoppedEarly = () => {
    if (finished) return;
    console.error(
      "[vestnik] The search index was not written: Pagefind stopped before it finished. Check that the pagefind package installed its binary (npm ci).",
    );
    process.exitCode = 1;
  };
  process.once("beforeExit", stoppedEarly);
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    // `glob` (default: every HTML file) may narrow the files Pagefind reads to the pages it indexes.
    const added = await index.addDirectory({ path: outputDir, ...(glob ? { glob } : {}) });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outputDir}: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    const lexicon = await writeLexicon(outputDir, (message) => console.warn(`[vestnik] ${message}`));
    finished = true;
    return { pageCount: added.page_count, words: lexicon.words };
  } finally {
    process.off("beforeExit", stoppedEarly);
    await pagefind.close();
  }
}

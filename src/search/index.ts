import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import * as pagefind from "pagefind";
import { writeLexicon } from "./lexicon.ts";

const browserDir = fileURLToPath(new URL("./browser/", import.meta.url));

/**
 * Bundles one browser module from `src/search/browser/` into plain JavaScript. `search.js` stays a
 * module of its own, so the search page and any other page share one copy of it.
 */
export async function browserModule(name: "search" | "search-page"): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(browserDir, `${name}.ts`)],
    bundle: true,
    write: false,
    format: "esm",
    target: "es2020",
    minify: true,
    legalComments: "none",
    plugins: [
      {
        name: "keep-search-module-separate",
        setup(build) {
          if (name === "search") return;
          build.onResolve({ filter: /^\.\/search\.ts$/ }, () => ({ path: "./search.js", external: true }));
        },
      },
    ],
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`Vestnik: bundling src/search/browser/${name}.ts produced nothing`);
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

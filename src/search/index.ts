import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";
import * as pagefind from "pagefind";
import { moduleFile } from "../module-files.ts";
import { sharedFragmentIds } from "./fragments.ts";
import {
  indexedPages,
  type LexiconOptions,
  mergePageWords,
  type PageWords,
  type ReadingsCache,
  wordsOfPages,
  writeLexicon,
} from "./lexicon.ts";
import { forgetOtherParts, keepPartWords, keepReadings, keptPartWords, keptReadings, partIndexKey } from "./lexicon-cache.ts";
import { type IndexPart, indexDirs, newestPartDir, olderPartPrefix, partGlob, partsFile, partView } from "./parts.ts";

/** The browser modules' sources, or what they were compiled to in the package (the bundle is the same). */
const browserModuleFile = (name: string) => moduleFile(`./browser/${name}.ts`, import.meta.url);

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
  const bundle: BrowserEntry = typeof name === "string" ? { entry: browserModuleFile(name) } : name;
  const result = await esbuild.build({
    entryPoints: [bundle.entry],
    bundle: true,
    write: false,
    format: bundle.format ?? "esm",
    target: "es2020",
    minify: true,
    // Licences of bundled code that asks for its notice (`/*! … */`), at the end of the file.
    legalComments: "eof",
    define: bundle.define,
    plugins: [
      {
        name: "keep-search-module-separate",
        setup(build) {
          if (name !== "search-page") return;
          build.onResolve({ filter: /^\.\/search\.[jt]s$/ }, () => ({ path: "./search.js", external: true }));
        },
      },
    ],
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`Vestnik: bundling ${bundle.entry} produced nothing`);
  return file.text;
}

/** Moves a part's newly written files from `writing` into `dir`, in place of its old ones (but not the older parts' folders). */
function replacePartFiles(writing: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(olderPartPrefix) && name !== path.basename(partsFile))
      rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  for (const name of readdirSync(writing)) renameSync(path.join(writing, name), path.join(dir, name));
  rmSync(writing, { recursive: true, force: true });
}

/**
 * The WebAssembly files an index part's languages load, read from its entry. A language Pagefind
 * has no stemmer for (kk) names none and loads wasm.unknown.pagefind.
 */
export function wasmFiles(dir: string): string[] {
  const entry = JSON.parse(readFileSync(path.join(dir, "pagefind-entry.json"), "utf8")) as {
    languages?: Record<string, { wasm?: string }>;
  };
  return Object.values(entry.languages ?? {}).map((language) => `wasm.${language.wasm ?? "unknown"}.pagefind`);
}

/**
 * Removes what Pagefind writes that search.js never loads: its UI bundles and highlighter (the site
 * has its own search page), its web worker (search.js searches on the page's own thread), the
 * WebAssembly of languages the index has none of, and, in an older part, the code too (search.js
 * runs the newest part's, and merged parts load no WebAssembly).
 * About 0.5 MB in the newest part and 0.7 MB in each older one.
 */
function dropUnusedFiles(dir: string, newest: boolean): void {
  const wasm = new Set(wasmFiles(dir));
  for (const name of readdirSync(dir)) {
    const unused = /^pagefind-(ui|component-ui|modular-ui|highlight|worker)\.(js|css)$/.test(name);
    const code = name === "pagefind.js" || /^wasm\..*\.pagefind$/.test(name);
    if (unused || (code && (!newest || (name.startsWith("wasm.") && !wasm.has(name))))) rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * What a part of the index was built from: its article pages' sizes and modification times. In
 * `npm start` only pages whose bytes changed are rewritten (eleventy-patches/unchanged-pages.ts), so a part whose
 * pages all kept theirs needs no new index.
 */
function partSignature(outputDir: string, part: IndexPart): string | undefined {
  if (!part.folders) return undefined;
  const stamp = createHash("sha1");
  for (const folder of part.folders) {
    const dir = path.join(outputDir, folder);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
      const file = path.join(entry.parentPath, entry.name);
      const { size, mtimeMs } = statSync(file);
      stamp.update(`${file}\0${size}\0${mtimeMs}\n`);
    }
  }
  return stamp.digest("hex");
}

/**
 * The kept words (lexicon-cache.ts) of parts whose index stays as it is, read a part at a time
 * between the event loop's turns, so that Pagefind's answers are not kept waiting.
 */
async function keptWordsAside(
  outputDir: string,
  parts: readonly IndexPart[],
  cache: string | undefined,
  language: string | undefined,
): Promise<Map<string, { key: string; words: PageWords }>> {
  const kept = new Map<string, { key: string; words: PageWords }>();
  for (const { dir } of parts) {
    await new Promise((resolve) => setImmediate(resolve));
    const key = cache === undefined ? undefined : partIndexKey(outputDir, dir);
    const words = cache === undefined || key === undefined ? undefined : keptPartWords(cache, language, dir, key);
    if (key !== undefined && words !== undefined) kept.set(dir, { key, words });
  }
  return kept;
}

/**
 * Builds the Pagefind index of the site just written to `outputDir`, a part at a time (parts.ts),
 * then the site's lexicon from the words Pagefind indexed (lexicon.ts: what lets search.js
 * understand Russian and Kazakh word forms, related words and typos). One writer, called from one
 * `eleventy.after` listener: Eleventy runs listeners of one event concurrently, and Pagefind's
 * service must be closed only after the index is written.
 */
export class SearchIndexWriter {
  /**
   * Each part's signature when it was last indexed, and the words of its pages for the lexicon:
   * `npm start` re-indexes and re-reads only the parts that changed.
   */
  readonly #indexed = new Map<string, { signature: string; words?: PageWords }>();
  /** The readings of the site's words, for the next lexicon. */
  readonly #readings: ReadingsCache = new Map();

  /**
   * `remember`: keep what the next write can reuse (npm start); a production build writes once.
   * `language`: the site's, which chooses the lexicon's grammar (Russian, or `kk`).
   * `onPart`: called after each part is written, with how many of the parts are done.
   * `latin`: how the search reads a query from a Latin keyboard (`LexiconOptions.latin`: `"ru"` by
   * default; `false` for an English edition).
   * `cache`: a folder where a production build keeps each part's words and the words' readings for
   * the next build (lexicon-cache.ts).
   */
  async write(
    outputDir: string,
    parts: readonly IndexPart[],
    {
      remember = false,
      language,
      only,
      onPart,
      latin,
      cache,
    }: {
      remember?: boolean;
      language?: string;
      /** Index only these parts (by `dir`): the others' files are already in `outputDir`. */
      only?: ReadonlySet<string>;
      onPart?: (done: number, total: number) => void;
      latin?: LexiconOptions["latin"];
      cache?: string;
    } = {},
  ): Promise<{ pageCount: number; words: number; partsIndexed: number }> {
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
    let pageCount = 0;
    let partsIndexed = 0;
    // A build since the last one reads the kept words of the parts it does not index again while
    // Pagefind indexes the others, in its own process: 3 s of 12 at 50,000 articles.
    const unchanged = only && cache !== undefined && !remember ? parts.filter((part) => !only.has(part.dir)) : [];
    // (Words that cannot be read from the cache are read from the pages, as for any part.)
    const keptAside = keptWordsAside(outputDir, unchanged, cache, language).catch(
      () => new Map<string, { key: string; words: PageWords }>(),
    );
    try {
      for (const [position, part] of parts.entries()) {
        if (only && !only.has(part.dir)) {
          onPart?.(position + 1, parts.length);
          continue;
        }
        const signature = remember ? partSignature(outputDir, part) : undefined;
        const key = `${outputDir}\0${part.dir}`;
        if (signature !== undefined && this.#indexed.get(key)?.signature === signature) continue;
        this.#indexed.delete(key);
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
        const view = partView(outputDir, part);
        let added: Awaited<ReturnType<typeof index.addDirectory>>;
        try {
          const glob = view ? undefined : partGlob(part);
          added = await index.addDirectory({ path: view ?? outputDir, ...(glob ? { glob } : {}) });
        } finally {
          if (view) rmSync(view, { recursive: true, force: true });
        }
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outputDir}: ${added.errors.join("; ")}`);
        // Pagefind adds its files to a folder without removing what an earlier index left there:
        // written aside, they replace the part's previous files (npm start re-indexes in place).
        const writing = path.join(outputDir, `${part.dir}.writing`);
        rmSync(writing, { recursive: true, force: true });
        const written = await index.writeFiles({ outputPath: writing });
        if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
        dropUnusedFiles(writing, part.dir === newestPartDir);
        replacePartFiles(writing, path.join(outputDir, part.dir));
        // Frees the part's index in Pagefind's process before the next part is read.
        await index.deleteIndex();
        if (signature !== undefined) this.#indexed.set(key, { signature });
        pageCount += added.page_count;
        partsIndexed++;
        onPart?.(position + 1, parts.length);
      }
      // Pagefind's process keeps the memory it used until it ends: end it before the lexicon.
      await pagefind.close();
      const older = parts.filter((part) => part.dir !== newestPartDir).map((part) => `${part.dir}/`);
      const shared = sharedFragmentIds(
        outputDir,
        parts.map((part) => part.dir),
      );
      mkdirSync(path.join(outputDir, path.dirname(partsFile)), { recursive: true });
      writeFileSync(path.join(outputDir, partsFile), `${JSON.stringify({ parts: older, shared })}\n`);
      // The lexicon reads the parts in the order search.js lists them: the newest, then the older ones.
      const dirs = indexDirs(outputDir);
      const readAside = await keptAside;
      const words = dirs.map((dir) => {
        const indexed = this.#indexed.get(`${outputDir}\0${dir}`);
        if (indexed?.words) return indexed.words;
        // A part read aside was not indexed again: its key is the one read with it.
        const aside = readAside.get(dir);
        const key = aside?.key ?? (cache === undefined ? undefined : partIndexKey(outputDir, dir));
        const kept = aside?.words ?? (cache === undefined || key === undefined ? undefined : keptPartWords(cache, language, dir, key));
        const read = kept ?? wordsOfPages(indexedPages(outputDir, [dir]));
        if (indexed && remember) indexed.words = read;
        if (cache !== undefined && key !== undefined && kept === undefined) keepPartWords(cache, language, dir, key, read);
        return read;
      });
      if (cache !== undefined) forgetOtherParts(cache, language, dirs);
      const merged = mergePageWords(words);
      const readings = remember ? this.#readings : cache === undefined ? undefined : keptReadings(cache, language);
      const readingsKept = readings?.size;
      const lexicon = await writeLexicon(outputDir, (message) => console.warn(`[vestnik] ${message}`), {
        words: merged,
        readings,
        language,
        latin,
      });
      if (cache !== undefined && readings !== undefined && !remember)
        keepReadings(cache, language, readings, merged.spellings.keys(), readingsKept);
      finished = true;
      return { pageCount, words: lexicon.words, partsIndexed };
    } finally {
      process.off("beforeExit", stoppedEarly);
      await pagefind.close();
    }
  }
}

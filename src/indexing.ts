import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Newsrooms } from "./articles/newsrooms.ts";
import { reportingProgress, reportProgress } from "./build/progress.ts";
import { indexJobVariable } from "./build-handover.ts";
import { latinReadingOf } from "./editions.ts";
import { type WorkerSettings, writeServiceWorker } from "./offline.ts";
import { SearchIndexWriter } from "./search/index.ts";
import type { LatinLanguage } from "./search/latin.ts";
import { type IndexPart, planIndexParts } from "./search/parts.ts";

/** What is made from the written pages once Eleventy has written them all. */
export interface IndexJob {
  /** The folder Eleventy wrote the site to, absolute. */
  output: string;
  /** The parts of the search index (src/search/parts.ts). */
  parts: IndexPart[];
  /** Whether the site has search (the `search` option). */
  search: boolean;
  /** The site's language (the `language` option): `kk` makes a Kazakh lexicon. Default: Russian. */
  language?: string;
  /** The site's editions in other languages: each has its own index in its folder (`<output>/kk/`). */
  editions?: { output: string; parts: IndexPart[]; language: string; latin?: LatinLanguage | false }[];
  /** The service worker's settings; undefined when offline reading is off. */
  worker?: WorkerSettings;
  /**
   * Only these parts (by `dir`) are indexed again; the others' files are in `output` from the build
   * before (a build since the last one, src/since-last.ts). Undefined: every part.
   */
  reindex?: string[];
  /**
   * Where a production build keeps what the next one's lexicon can reuse (search/lexicon-cache.ts):
   * `<cacheDir>/search`, absolute. Undefined: nothing is kept.
   */
  cache?: string;
}

/**
 * The job of a build that wrote the site's pages to `output`: the site's index in parts of its
 * articles, and each edition's own in its folder (`<output>/kk/`), in its language, which
 * `/kk/search/search.js` reads.
 */
export function indexJobOf(
  newsrooms: Newsrooms,
  output: string,
  {
    partSize,
    newestPartSize,
    cache,
    worker,
  }: { partSize: number; newestPartSize: number; cache: string | undefined; worker: WorkerSettings | undefined },
): IndexJob {
  const { options, editions } = newsrooms;
  return {
    output,
    parts: planIndexParts(
      (newsrooms.site?.articles ?? []).map((article) => article.url),
      partSize,
      newestPartSize,
    ),
    search: options.search,
    language: options.language,
    cache,
    editions: editions.slice(1).map((edition) => ({
      output: path.resolve(output, edition.language),
      parts: planIndexParts(
        (newsrooms.edition(edition.language)?.articles ?? []).map((article) => article.url.slice(edition.prefix.length)),
        partSize,
        newestPartSize,
      ),
      language: edition.language,
      latin: latinReadingOf(edition.language),
    })),
    worker,
  };
}

/** Writes the job for src/build.ts when it asked for one; false when this process is to run it itself. */
export function handOverIndexJob(job: IndexJob): boolean {
  const file = process.env[indexJobVariable];
  if (!file) return false;
  writeFileSync(file, `${JSON.stringify(job)}\n`);
  return true;
}

/**
 * The search index, then the service worker, which precaches the index and so comes after it.
 * `searchIndex` and `remember`: npm start keeps one writer, which re-indexes only changed parts.
 */
export async function runIndexJob(
  job: IndexJob,
  { searchIndex = new SearchIndexWriter(), remember = false }: { searchIndex?: SearchIndexWriter; remember?: boolean } = {},
): Promise<string> {
  // In npm run build, each step reports to the build's progress line (build/progress.ts); elsewhere this does nothing.
  const parts = job.parts.length;
  if (job.search) reportProgress("search", { done: 0, total: parts });
  const written = job.search
    ? await searchIndex.write(job.output, job.parts, {
        remember,
        language: job.language,
        only: job.reindex && new Set(job.reindex),
        cache: job.cache,
        onPart: (done) => reportProgress("search", { done, total: parts, note: done === parts ? "the lexicon" : undefined }),
      })
    : undefined;
  // An edition without articles yet has no index: its search page finds nothing, as an empty site's does.
  for (const edition of job.search ? (job.editions ?? []).filter((edition) => edition.parts.some((part) => part.articles > 0)) : []) {
    await searchIndex.write(edition.output, edition.parts, {
      remember,
      language: edition.language,
      latin: edition.latin,
      cache: job.cache,
    });
  }
  if (job.search) reportProgress("search", { done: parts, total: parts, finished: true });
  if (job.worker) {
    reportProgress("worker", { note: "precaching the site" });
    await writeServiceWorker(job.output, job.worker, job.parts);
    reportProgress("worker", { finished: true });
  }
  return `${written?.partsIndexed ?? 0} of ${partCount(job.parts.length)} re-indexed`;
}

/** «1 part», «7 parts». */
function partCount(count: number): string {
  return `${count} ${count === 1 ? "part" : "parts"}`;
}

// src/build.ts runs it after Eleventy: `tsx src/indexing.ts <job file>`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: tsx src/indexing.ts <job file written by the Vestnik plugin>");
  const started = performance.now();
  const job = JSON.parse(readFileSync(file, "utf8")) as IndexJob;
  await runIndexJob(job);
  const made = [job.search ? `search index (${partCount(job.parts.length)})` : "", job.worker ? "service worker" : ""].filter(Boolean);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // The production build says it in its summary.
  if (made.length > 0 && !reportingProgress()) console.log(`[vestnik] Wrote the ${made.join(" and ")} in ${seconds} seconds`);
}

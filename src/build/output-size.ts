import { readdirSync, statSync } from "node:fs";
import type { VestnikOptions } from "../options.ts";

/**
 * The site size above which the production build warns: GitHub Pages publishes a site of at most
 * 1 GB, and an agency's archive grows by tens of thousands of articles a year, so the warning comes
 * while there is still room for some months of news. Bytes are the sum of the files' sizes, as
 * Pages counts them. `VESTNIK_OUTPUT_WARNING_MB` sets another threshold (e.g. for a host with a
 * different limit).
 */
export const outputWarningMegabytes = 800;

/** The environment variable that overrides `outputWarningMegabytes`. */
export const outputWarningVariable = "VESTNIK_OUTPUT_WARNING_MB";

/** What each kind of file is called in the summary and the warning. */
export const outputKinds = {
  articlePages: "article pages",
  tagPages: "tag pages",
  tagFeeds: "tag feeds",
  siteFeeds: "site feeds",
  listPages: "list pages",
  searchIndex: "search index",
  photos: "photos",
  other: "assets and other",
} as const;

export type OutputKind = keyof typeof outputKinds;

/** What a built site holds. */
export interface OutputSummary {
  files: number;
  bytes: number;
  /** HTML pages, of every kind. */
  pages: number;
  /** The site's and the tags' feeds (RSS, Atom, JSON Feed) and the OPML list of them. */
  feeds: number;
  /** Pagefind indexes the browser merges (src/search/parts.ts). */
  searchParts: number;
  byKind: Record<OutputKind, { files: number; bytes: number }>;
}

/** What a newsroom can do about each kind when the site grows too big, and the options it names. */
export const shrinkAdvice: Record<OutputKind, { advice: string; options: (keyof VestnikOptions)[] }> = {
  tagFeeds: {
    advice: "every tag has an RSS feed of article summaries; fewer items in each make them smaller (`tagFeedLength`)",
    options: ["tagFeedLength"],
  },
  articlePages: {
    advice:
      "one page per article; fewer related articles under each (`relatedCount`) make each a little smaller, and an archive that keeps growing is split into sites by years",
    options: ["relatedCount"],
  },
  tagPages: {
    advice: "more articles on each page of a tag (`tagArticlesPerPage`) mean fewer pages, each with its own header and footer",
    options: ["tagArticlesPerPage"],
  },
  listPages: {
    advice: "more headlines on each older page of the front page (`olderArticlesPerPage`) mean fewer pages",
    options: ["olderArticlesPerPage"],
  },
  siteFeeds: { advice: "the site's feeds carry whole articles; fewer in each (`feedLength`) make them smaller", options: ["feedLength"] },
  searchIndex: {
    advice: "grows with the words of the archive; a site without search (`search: false`) has none",
    options: ["search"],
  },
  photos: { advice: "photos kept beside articles are published in several sizes; smaller originals help", options: [] },
  other: { advice: "the theme's assets, the sitemap, the service worker and other pages", options: [] },
};

/** The kind of a file of the site, by its path relative to the output folder (with `/`). */
export function kindOf(file: string): OutputKind {
  if (file.startsWith("pagefind/") || /^search\/lexicon(\.json$|\/)/.test(file)) return "searchIndex";
  // Tag pages are HTML; everything else a tag has is a feed (feed.xml, feed.atom, feed.json).
  if (file.startsWith("tags/")) return file.endsWith(".html") ? "tagPages" : "tagFeeds";
  if (/^feed\.[a-z]+$/.test(file) || file.endsWith(".opml") || (file.startsWith("feeds/") && !file.endsWith(".html"))) return "siteFeeds";
  if (file.endsWith(".html")) {
    // Articles live in dated folders (/2025/11/15/slug/); one with its own permalink counts as «other».
    if (/^\d{4}\//.test(file)) return "articlePages";
    if (file === "index.html" || file.startsWith("page/") || file === "feeds/index.html") return "listPages";
    return "other";
  }
  if (/\.(jpe?g|png|gif|webp|avif|svg)$/i.test(file) && !file.startsWith("assets/")) return "photos";
  return "other";
}

/**
 * Whether a file or folder of the site (relative to it, with `/`) is left out of a count: a build
 * since the last one counts what the search step does not touch while that step runs (since-last.ts).
 */
export type LeaveOut = (file: string, folder: boolean) => boolean;

/**
 * Counts and sums every file of a built site, by kind. A walk of its own: over 200,000 files in as
 * many folders (an archive's article folders), Node 20's recursive `readdirSync` spent 4.6 s of CPU
 * only listing them, this walk 5.5 s with every file's size (6.5 s with the kinds).
 */
export function summariseOutput(outputDir: string, leaveOut?: LeaveOut): OutputSummary {
  const walk = new OutputWalk(outputDir, leaveOut);
  while (walk.next());
  return walk.summary;
}

/**
 * `summariseOutput` that lets other work run between folders: a build since the last one counts
 * the pages while the search index is written in another process (6–8 s at 50,000 articles).
 */
export async function summariseOutputAside(outputDir: string, leaveOut?: LeaveOut): Promise<OutputSummary> {
  const walk = new OutputWalk(outputDir, leaveOut);
  for (let folders = 1; walk.next(); folders++) if (folders % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
  return walk.summary;
}

/** Two counts of different files of one site as one. */
export function addSummaries(a: OutputSummary, b: OutputSummary): OutputSummary {
  const byKind = Object.fromEntries(
    (Object.keys(outputKinds) as OutputKind[]).map((kind) => [
      kind,
      { files: a.byKind[kind].files + b.byKind[kind].files, bytes: a.byKind[kind].bytes + b.byKind[kind].bytes },
    ]),
  ) as OutputSummary["byKind"];
  return {
    files: a.files + b.files,
    bytes: a.bytes + b.bytes,
    pages: a.pages + b.pages,
    feeds: a.feeds + b.feeds,
    searchParts: a.searchParts + b.searchParts,
    byKind,
  };
}

/** A walk of a built site's folders, one folder a step, adding up its files. */
class OutputWalk {
  readonly summary: OutputSummary;
  /** Folders still to read, relative to the output folder ("" for itself), with `/`. */
  readonly #folders = [""];

  constructor(
    private readonly outputDir: string,
    private readonly leaveOut: LeaveOut = () => false,
  ) {
    const byKind = Object.fromEntries(Object.keys(outputKinds).map((kind) => [kind, { files: 0, bytes: 0 }])) as OutputSummary["byKind"];
    this.summary = { files: 0, bytes: 0, pages: 0, feeds: 0, searchParts: 0, byKind };
  }

  /** Reads one more folder; false when there was none left. */
  next(): boolean {
    const folder = this.#folders.pop();
    if (folder === undefined) return false;
    const { summary, outputDir } = this;
    for (const found of readdirSync(`${outputDir}/${folder}`, { withFileTypes: true })) {
      const file = folder === "" ? found.name : `${folder}/${found.name}`;
      // A folder a build since the last one borrows from the published site (build/linked-site.ts) counts as its own.
      const entry = found.isSymbolicLink() ? statSync(`${outputDir}/${file}`) : found;
      if (this.leaveOut(file, entry.isDirectory())) continue;
      if (entry.isDirectory()) this.#folders.push(file);
      if (!entry.isFile()) continue;
      const { size } = statSync(`${outputDir}/${file}`);
      const kind = kindOf(file);
      summary.byKind[kind].files++;
      summary.byKind[kind].bytes += size;
      summary.files++;
      summary.bytes += size;
      if (file.endsWith(".html")) summary.pages++;
      if (kind === "tagFeeds" || kind === "siteFeeds") summary.feeds++;
      if (found.name === "pagefind-entry.json") summary.searchParts++;
    }
    return true;
  }
}

/** The threshold in bytes: `VESTNIK_OUTPUT_WARNING_MB` when set, else `outputWarningMegabytes`. */
export function outputWarningBytes(env: NodeJS.ProcessEnv = process.env): number {
  const given = env[outputWarningVariable];
  if (given === undefined || given === "") return outputWarningMegabytes * megabyte;
  const megabytes = Number(given);
  if (!Number.isFinite(megabytes) || megabytes <= 0) {
    throw new Error(
      `${outputWarningVariable} must be a number of megabytes above 0, e.g. ${outputWarningVariable}=800, got ${JSON.stringify(given)}`,
    );
  }
  return megabytes * megabyte;
}

/**
 * The warning for a site above `limit` bytes: how big it is, what takes the space (largest kinds
 * first) and what shrinks it. Undefined when the site is within the limit.
 */
export function sizeWarning(summary: OutputSummary, limit: number): string | undefined {
  if (summary.bytes <= limit) return undefined;
  const kinds = (Object.keys(outputKinds) as OutputKind[])
    .filter((kind) => summary.byKind[kind].files > 0)
    .sort((a, b) => summary.byKind[b].bytes - summary.byKind[a].bytes);
  const width = Math.max(...kinds.map((kind) => outputKinds[kind].length));
  const lines = [
    `[vestnik] Warning: the site is ${formatBytes(summary.bytes)} in ${summary.files.toLocaleString("en-US")} files, above ${formatBytes(limit)}; GitHub Pages publishes a site of at most 1 GB (${outputWarningVariable} sets this threshold).`,
    "What takes the space:",
    ...kinds.map((kind) => {
      const { files, bytes } = summary.byKind[kind];
      const share = Math.round((bytes / summary.bytes) * 100);
      return `  ${outputKinds[kind].padEnd(width)}  ${formatBytes(bytes).padStart(10)}  ${String(share).padStart(3)}%  ${files.toLocaleString("en-US")} files`;
    }),
    "What shrinks it (options of the Vestnik plugin in .eleventy.ts):",
    ...kinds.slice(0, 3).map((kind) => `  - ${outputKinds[kind]}: ${shrinkAdvice[kind].advice}`),
  ];
  return lines.join("\n");
}

const megabyte = 1_000_000;

/** 628_123_456 → «628.1 MB», 45_300 → «45.3 kB» (decimal units, as GitHub Pages' limit is given). */
export function formatBytes(bytes: number): string {
  return bytes < megabyte ? `${(bytes / 1000).toFixed(1)} kB` : `${(bytes / megabyte).toFixed(1)} MB`;
}

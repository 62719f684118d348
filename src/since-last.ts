import { existsSync, readdirSync, readFileSync, rmdirSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { digestArticlesAside, type KnownFiles, keepArticleIdentities } from "./article-digests.ts";
import { LinkedSite } from "./build/linked-site.ts";
import { addSummaries, type LeaveOut, type OutputSummary, summariseOutput, summariseOutputAside } from "./build/output-size.ts";
import { type CatalogueEntry, saveCatalogue } from "./catalogue.ts";
import type { IndexJob } from "./indexing.ts";
import {
  articleIdentitiesFile,
  digestOf,
  keepLastBuild,
  type LastBuild,
  lastBuildFile,
  prepareLastBuild,
  publishedDigests,
  readLastBuild,
  recipeDigest,
  type Site,
  siteFacts,
} from "./last-build.ts";
import { newestPartDir, olderPartPrefix, partViewFolder } from "./search/parts.ts";
import type { ShardFlags } from "./shard-flags.ts";
import type { ShardResult, ShardSpec } from "./shard-role.ts";
import { type Launcher, moveFile, ShardedBuild, type WarmStart } from "./shards.ts";

/** Above this share of the articles to render again, a full build is as quick and simpler. */
const mostOfTheSite = 0.25;

/** What a build since the last one did, for src/build.ts. */
export interface SinceLastOutcome {
  /** The exit code; undefined when the site is built the ordinary way instead (it cannot be split into shards). */
  code: number | undefined;
  /** Keeps the record for the next build: called once the site is published. */
  remember?: () => void;
  /** The site's files, counted as they were written: the summary need not walk them again. */
  counted?: OutputSummary;
  /**
   * Moves what the fresh site borrows from the published one (build/linked-site.ts) into it: called
   * once the published site is renamed to `previous`, before the fresh one takes its place.
   */
  moveInto?: (previous: string) => Promise<void>;
}

/**
 * `npm run build -- --since-last`: breaking news in seconds. The build starts from the site it
 * published last time (and the record src/last-build.ts kept in the cache folder): it renders only
 * the article pages whose fingerprint changed — a new or edited article, its neighbours, the
 * articles whose «Читайте также» now lists it — and the lists and feeds that show a changed article,
 * and the sitemap files whose addresses or dates changed, indexes again only the search parts whose
 * articles changed, and takes every other file from the published site (build/linked-site.ts: the
 * published site stays as it was until the fresh one replaces it). Every other page (the sitemap's
 * index, the tags page, robots.txt…) is rendered, as the build's clock can change them. The site is
 * the one a full build writes, byte for byte (test/incremental.test.ts). A full build, in shards,
 * when there is no record, the config, layouts, plugin, data or photos changed, the published site
 * is not the one recorded, an edited or removed article had photos of its own, or most of the site
 * changed; it then writes the record.
 */
export async function buildSinceLast(
  launch: Launcher,
  eleventy: string[],
  cwd: string,
  flags: ShardFlags,
  published: string,
  fresh: string,
  say: (text: string) => void,
): Promise<SinceLastOutcome> {
  // Every process reads the same clock, so that an article under embargo is held back by all of them.
  process.env.SOURCE_DATE_EPOCH ??= String(Math.floor(Date.now() / 1000));
  const now = new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000);
  // Linking the published site into the fresh folder takes seconds at archive scale: it runs while
  // the articles are read and Eleventy renders. A full build after all empties the folder again.
  const linked = new LinkedSite(published, fresh);
  const startOver = async () => {
    await linked.settled();
    await fs.rm(fresh, { recursive: true, force: true });
    await fs.mkdir(fresh, { recursive: true });
  };
  const work = `${fresh}.since-last`;
  const render = { spec: path.join(work, "spec.json"), output: path.join(work, "render"), job: path.join(work, "index-job.json") };
  let warm: WarmStart | undefined;
  try {
    let record: LastBuild | undefined;
    let recordFile = "";
    const digests = new Map<string, string>();
    let identities: KnownFiles = [];
    const build = await ShardedBuild.read(launch, eleventy, cwd, 0, async (options, input) => {
      recordFile = lastBuildFile(cwd, options, published);
      // The articles are read and digested in a thread of their own while the record is read.
      const reading = digestArticlesAside(path.resolve(cwd, input, options.articlesDir), articleIdentitiesFile(recordFile)).catch(() => ({
        digests: new Map<string, string>(),
        known: [],
      }));
      record = readLastBuild(recordFile);
      const read = await reading;
      identities = read.known;
      return (name, text) => {
        const digest = read.digests.get(name) ?? digestOf(text());
        digests.set(name, digest);
        const kept = record?.articles[name];
        // A kept entry is as the front matter reader makes it, unless the clock went back before its date.
        return kept?.digest === digest && kept.entry.article.date <= now ? kept.entry : undefined;
      };
    });
    if ("reason" in build) {
      say(`Building the whole site: ${build.reason}`);
      await startOver();
      return { code: undefined };
    }
    // Eleventy loads its modules while this process works out what changed (build/warm-start.ts).
    warm = launch.warmEleventy?.(...build.eleventyCall(render.spec, render.output, render.job));
    const articlesRoot = `./${path.posix.join(build.input, build.options.articlesDir)}/`;
    const nameOf = (entry: { inputPath: string }) => entry.inputPath.slice(articlesRoot.length);
    const recipe = recipeDigest(cwd, build.input, build.options, eleventy, published);
    const factsOf = (earlier?: Parameters<typeof siteFacts>[4]) =>
      siteFacts(build.entries, build.options, (inputPath) => digests.get(inputPath.slice(articlesRoot.length)) ?? "", now, earlier);
    // A build that is whole for want of a record made the same way works out the facts once its
    // shards have rendered: not held beside them (the process tree's peak memory at 50,000 articles).
    const whole = wholeBecause(record, recipe, published);
    let site: Site | undefined;
    const sharedUrl = whole === undefined ? undefined : sharedAddress(build.entries);
    try {
      if (sharedUrl) throw new Error(`two articles at ${sharedUrl}`);
      // The last build's facts, when made the same way: only the article pages near a change are worked out.
      if (record && whole === undefined)
        site = factsOf({ facts: record.facts, entries: Object.values(record.articles).map(({ entry }) => entry) });
    } catch (error) {
      // Two articles at one address and the like: the build in one process reports it.
      warm?.stop();
      say(`Building the whole site: ${error instanceof Error ? error.message : String(error)}`);
      await startOver();
      return { code: undefined };
    }
    // The record is written aside once the bodies are known, and kept once the site is published.
    let prepared: string | undefined;
    const prepare = (bodies: Record<string, string>, site: Site) => {
      const articles: LastBuild["articles"] = {};
      for (const entry of build.entries) articles[nameOf(entry)] = { digest: digests.get(nameOf(entry)) ?? "", entry };
      const kept: Record<string, string> = {};
      for (const url of site.neededBodies) if (bodies[url] !== undefined) kept[url] = bodies[url];
      prepared = prepareLastBuild(recordFile, { recipe, articles, facts: site.facts, bodies: kept });
      keepArticleIdentities(articleIdentitiesFile(recordFile), identities);
    };
    const remember = () => {
      if (prepared !== undefined) keepLastBuild(recordFile, prepared, publishedDigests(published));
    };
    const plan = record && site ? whatChanged(record, site, build, nameOf) : { full: whole ?? "" };
    if ("full" in plan || site === undefined) {
      warm?.stop();
      say(`Building the whole site: ${"full" in plan ? plan.full : whole}`);
      // The last build's record (92 MB at 50,000 articles) is of no more use: not held beside the shards.
      record = undefined;
      await startOver();
      const workers = flags.workers ?? os.availableParallelism();
      const shards = build.plan(workers);
      if (!shards) return { code: undefined };
      const dirs = shards.map((_, index) => path.join(work, `shard-${index + 1}`));
      const codes = await Promise.all(dirs.map((dir, index) => build.renderShard(shards, index + 1, shards.length, dir)));
      const failed = codes.find((code) => code !== 0);
      if (failed !== undefined) return { code: failed };
      const code = await build.join(dirs, fresh, path.join(work, "join"));
      if (code !== 0) return { code };
      // Read once the site is joined: the shards hand on the body of every article a feed shows (most
      // of them, with a feed for every tag), which the lists' process holds meanwhile too.
      prepare(readBodies(dirs.map((dir) => path.join(dir, "result.json"))), site ?? factsOf());
      return { code, remember };
    }
    say(
      `Since the last build: ${plan.articles.length} article pages, ${plan.lists.length} lists and feeds, ${plan.parts.length} search parts to write; ${plan.removed.length} files to remove`,
    );
    const bodies = { ...(record?.bodies ?? {}) };
    const facts = site;
    const { code, counted } = await update(build, facts, plan, bodies, fresh, linked, { work, ...render, warm }, cwd, () =>
      prepare(bodies, facts),
    );
    return code === 0 ? { code, remember, counted, moveInto: (previous) => linked.moveInto(previous) } : { code };
  } finally {
    // Unused when the build went whole or failed before rendering (a used one has ended by now).
    warm?.stop();
    // Never leave the copy running: a failed build removes the fresh folder.
    await linked.settled();
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** What a build since the last one writes: or why it is a full build. */
interface Changes {
  /** Articles whose pages are rendered again. */
  articles: CatalogueEntry[];
  /** The list pages and feeds rendered again, by `listKey`. */
  lists: string[];
  /** The search parts indexed again, by `dir`. */
  parts: string[];
  /** Files of the published site that the site no longer has, relative to it. */
  removed: string[];
}

/** Why the build is whole before any article is compared: no record, or one of another recipe or another site. */
function wholeBecause(record: LastBuild | undefined, recipe: string, published: string): string | undefined {
  if (record === undefined) return `no earlier build into ${published} is recorded`;
  if (record.recipe !== recipe) return "the config, layouts, plugin, data or photos changed since the last build";
  const now = publishedDigests(published);
  if (Object.entries(record.published).some(([name, digest]) => now[name] !== digest))
    return `${published} is not the site the last build published`;
  return undefined;
}

/** An address two articles share, which the build in one process reports; undefined for none. */
function sharedAddress(entries: CatalogueEntry[]): string | undefined {
  const seen = new Set<string>();
  for (const { url } of entries) {
    if (seen.has(url)) return url;
    seen.add(url);
  }
  return undefined;
}

function whatChanged(
  record: LastBuild,
  site: Site,
  build: ShardedBuild,
  nameOf: (entry: { inputPath: string }) => string,
): Changes | { full: string } {
  const { facts } = site;
  const before = record.facts;
  const current = new Map(build.entries.map((entry) => [entry.url, entry]));
  const articles = build.entries.filter((entry) => before.pages[entry.url] !== facts.pages[entry.url]);
  // A feed needs the body of an article no feed showed before: its page is rendered to get it.
  for (const url of site.neededBodies) {
    const entry = current.get(url);
    if (entry && record.bodies[url] === undefined && before.pages[url] === facts.pages[url]) articles.push(entry);
  }
  // Resized photos are named after their source, not their article: an edited or removed article's may linger.
  const kept = new Map(Object.values(record.articles).map(({ digest, entry }) => [nameOf(entry), { digest, entry }]));
  for (const entry of build.entries) kept.delete(nameOf(entry));
  const edited = build.entries.filter((entry) => {
    const old = record.articles[nameOf(entry)];
    return old !== undefined && old.entry !== entry;
  });
  const gone = [...kept.values()].map(({ entry }) => entry);
  const withPhotos = [...gone, ...edited.map((entry) => record.articles[nameOf(entry)]?.entry)].find((entry) =>
    entry?.article.photos.some((photo) => photo.src !== undefined && !/^[a-z]+:/i.test(photo.src)),
  );
  if (withPhotos) return { full: `${withPhotos.inputPath} had photos of its own and changed` };
  if (articles.length > Math.max(50, build.entries.length * mostOfTheSite)) {
    return { full: `${articles.length} of ${build.entries.length} article pages changed` };
  }
  const removed: string[] = [];
  for (const url of Object.keys(before.pages)) if (facts.pages[url] === undefined) removed.push(pageFile(url));
  for (const [key, list] of Object.entries(before.lists)) {
    if (facts.lists[key] === undefined)
      removed.push(...list.files.filter((file) => !Object.values(facts.lists).some((now) => now.files.includes(file))));
  }
  const removedParts = Object.keys(before.parts).filter((dir) => facts.parts[dir] === undefined && dir !== newestPartDir);
  removed.push(...removedParts);
  return {
    articles,
    lists: Object.entries(facts.lists)
      .filter(([key, list]) => before.lists[key]?.fingerprint !== list.fingerprint)
      .map(([key]) => key),
    parts: Object.entries(facts.parts)
      .filter(([dir, fingerprint]) => before.parts[dir] !== fingerprint)
      .map(([dir]) => dir),
    removed,
  };
}

/** The file Eleventy writes for a page's address: `2025/11/15/slug/index.html`. */
function pageFile(url: string): string {
  return `${url.replace(/^\//, "")}${url.endsWith("/") ? "index.html" : ""}`;
}

/**
 * The site of the last build, linked into `fresh`, with the changed article pages, lists and feeds,
 * every other page, the changed search parts and the service worker written over it. One Eleventy
 * process renders the articles and the lists (each process starts Eleventy and loads the whole
 * catalogue), then one process indexes and writes the service worker, which lists the index.
 */
async function update(
  build: ShardedBuild,
  site: Site,
  changes: Changes,
  /** The bodies the feeds need, kept from the last build; the rendered articles' are added. */
  bodies: Record<string, string>,
  fresh: string,
  /** The published site linked into `fresh` (build/linked-site.ts): Eleventy renders meanwhile. */
  linked: LinkedSite,
  /** The scratch folder, and Eleventy's spec, output and index job files in it, and its process if started early. */
  { work, spec: specFile, output: render, job, warm }: { work: string; spec: string; output: string; job: string; warm?: WarmStart },
  cwd: string,
  /** Called once the bodies are all known, while the search step runs (or before the end, without one). */
  whileIndexing: () => void,
): Promise<{ code: number; counted?: OutputSummary }> {
  await fs.mkdir(work, { recursive: true });
  // Bodies of the articles the feeds show, kept from the last build, for the articles not rendered.
  const kept = path.join(work, "kept-bodies.json");
  await fs.writeFile(kept, JSON.stringify({ pages: [], bodies } satisfies ShardResult));
  const rendered = new Set(changes.articles.map((entry) => entry.inputPath));
  const own = path.join(work, "own-result.json");
  const spec: ShardSpec = {
    role: "lists",
    catalogue: path.join(work, "catalogue.v8"),
    ignore: articleIgnores(build, rendered, cwd),
    owns: [...rendered],
    results: [kept],
    ownResult: own,
    lists: changes.lists,
  };
  saveCatalogue(spec.catalogue, build.entries);
  const eleventy = await build.runEleventy(spec, specFile, render, job, warm);
  if (eleventy !== 0) return { code: eleventy };
  if (existsSync(own)) Object.assign(bodies, (JSON.parse(readFileSync(own, "utf8")) as ShardResult).bodies);
  await linked.linked();
  for (const file of changes.removed) {
    await linked.replaceable(file);
    await removeFile(path.join(fresh, file), fresh);
  }
  await replaceInto(render, fresh, linked);
  if (!existsSync(job)) {
    whileIndexing();
    return { code: 0, counted: summariseOutput(fresh) };
  }
  // The parts whose articles changed, with the words of the others kept from the last build.
  for (const dir of changes.parts) await linked.replaceable(dir);
  const written = JSON.parse(readFileSync(job, "utf8")) as IndexJob;
  const reindex: IndexJob = {
    ...written,
    parts: site.parts,
    reindex: changes.parts,
    cache: path.resolve(cwd, build.options.cacheDir, "search"),
  };
  await fs.writeFile(job, JSON.stringify(reindex));
  // The files are counted while the search step runs, but for the ones it writes, counted after it.
  const bySearch = writtenBySearchStep(changes.parts);
  // Should the count fail, the summary counts the whole site once it is published.
  const counting = summariseOutputAside(fresh, bySearch).catch(() => undefined);
  const indexing = build.runIndexing(job, fresh, work, "all");
  whileIndexing();
  const code = await indexing;
  const counted = await counting;
  if (code !== 0 || counted === undefined) return { code };
  const rest = summariseOutput(fresh, (file, folder) => !bySearch(file, folder) && !(folder && file === newestPartDir));
  return { code, counted: addSummaries(counted, rest) };
}

/**
 * The files of the site the search step writes (src/indexing.ts): the parts it indexes again (and
 * the `<part>.writing` folders Pagefind writes them to first), the lexicon and the other files
 * under `search/`, the service worker's `offline/` and the files at the site's top (`sw.js`). The
 * newest part's folder holds the older parts' folders, which it leaves. Pagefind reads a part's pages from `partViewFolder` meanwhile.
 */
function writtenBySearchStep(parts: string[]): LeaveOut {
  const folders = ["search", "offline", partViewFolder, ...parts.filter((dir) => dir !== newestPartDir)];
  const newest = parts.includes(newestPartDir);
  return (file, folder) =>
    folders.some((dir) => file === dir || file.startsWith(`${dir}/`)) ||
    file.endsWith(".writing") ||
    (newest && file.startsWith(`${newestPartDir}/`) && !file.startsWith(`${newestPartDir}/${olderPartPrefix}`)) ||
    (!folder && !file.includes("/"));
}

/**
 * Globs of the article files Eleventy leaves out: the highest folders without an article to render
 * whole (every `.md` below `articles/2019`), and in the folders with one, everything but the
 * articles to render (`2025/11/!(a.md|b.md)`: picomatch anchors a whole name's negation, not
 * `!(a|b).md`, which would also keep `a-2.md`). Eleventy's file search tests every file and folder
 * against every ignore pattern: one pattern a file meant 40,000 patterns for 50,000 articles and
 * minutes of matching; a folder's other files by name (`{c,d,…}.md`, some 300 a month) still took
 * 3.8 s when one article's neighbours lay in 166 months, the names to keep 0.4 s. A folder with
 * anything but articles in it (a photo, a folder) keeps the list of the others' names.
 */
export function articleIgnores(build: Pick<ShardedBuild, "entries" | "articlesPath">, rendered: Set<string>, cwd: string): string[] {
  const root = path.posix.dirname(build.articlesPath("x")).replace(/^\.?\//, "");
  const folderOf = (entry: CatalogueEntry) => path.posix.dirname(entry.inputPath.replace(/^\.\//, ""));
  const byFolder = new Map<string, CatalogueEntry[]>();
  for (const entry of build.entries) {
    const folder = folderOf(entry);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), entry]);
  }
  // The folders that hold an article to render, directly or below.
  const holding = new Set<string>();
  for (const entry of build.entries) {
    if (!rendered.has(entry.inputPath)) continue;
    for (let folder = folderOf(entry); !holding.has(folder); folder = path.posix.dirname(folder)) {
      holding.add(folder);
      if (folder === root || !folder.startsWith(`${root}/`)) break;
    }
  }
  const ignores = new Set<string>();
  for (const [folder, entries] of byFolder) {
    if (!holding.has(folder)) {
      // Its highest folder under the articles folder that holds nothing to render.
      let whole = folder;
      while (whole.startsWith(`${root}/`) && !holding.has(path.posix.dirname(whole))) whole = path.posix.dirname(whole);
      ignores.add(`${globLiteral(whole)}/**/*.md`);
      continue;
    }
    const name = (entry: CatalogueEntry) => globLiteral(path.posix.basename(entry.inputPath));
    const onlyArticles = readdirSync(path.resolve(cwd, folder)).every((file) => file.endsWith(".md"));
    const kept = entries.filter((entry) => rendered.has(entry.inputPath)).map(name);
    const others = entries.filter((entry) => !rendered.has(entry.inputPath)).map(name);
    if (onlyArticles) ignores.add(`${globLiteral(folder)}/${kept.length > 0 ? `!(${kept.join("|")})` : "*.md"}`);
    else if (others.length > 0) ignores.add(`${globLiteral(folder)}/${others.length === 1 ? others[0] : `{${others.join(",")}}`}`);
  }
  // Drafts and articles under embargo are not in the catalogue: the patterns leave them out too, but in a folder with other files.
  return [...ignores];
}

/** A file or folder name as a glob that matches only itself: glob characters escaped. */
function globLiteral(name: string): string {
  return name.replace(/[\\{}()[\],*?!+@|]/g, "\\$&");
}

function readBodies(files: string[]): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const file of files) Object.assign(bodies, (JSON.parse(readFileSync(file, "utf8")) as ShardResult).bodies);
  return bodies;
}

/** Moves every file of `from` into the fresh site `to`, over any file of the same name there. */
async function replaceInto(from: string, to: string, linked: LinkedSite): Promise<void> {
  if (!existsSync(from)) return;
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const source = path.join(entry.parentPath, entry.name);
    const relative = path.relative(from, source);
    await linked.writable(relative.split(path.sep).join("/"));
    await moveFile(source, path.join(to, relative));
  }
  await fs.rm(from, { recursive: true, force: true });
}

/** Removes a file or folder of the site, and the folders it leaves empty up to `root`. */
async function removeFile(file: string, root: string): Promise<void> {
  await fs.rm(file, { recursive: true, force: true });
  for (let dir = path.dirname(file); dir.startsWith(`${root}${path.sep}`); dir = path.dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      break;
    }
  }
}

import { createRequire } from "node:module";

/**
 * Each change below is made once per process, to Eleventy's own modules, and says whether it could
 * be made: false when Eleventy's internals have moved (then Eleventy runs as it is).
 */
export function patchOnce(patch: () => Promise<boolean>): () => Promise<boolean> {
  let patched: Promise<boolean> | undefined;
  return () => {
    patched ??= patch().catch(() => false);
    return patched;
  };
}

const eleventyEntry = import.meta.resolve("@11ty/eleventy");

/** A module of Eleventy's that is not among its exports: the very module Eleventy itself loaded. */
export async function eleventyModule<T>(relative: string): Promise<T> {
  return (await import(new URL(relative, eleventyEntry).href)) as T;
}

/** A CommonJS package as Eleventy loads it. */
const fromEleventy = createRequire(eleventyEntry);

/**
 * Eleventy 3 finds a template's entry in its template map by scanning the whole map
 * (`TemplateMap#getMapEntryForInputPath` is `this.map.find(…)`), and it does so for every template
 * while ordering them and again for every item of every collection: quadratic in the number of
 * articles. At 10,000 articles that was about 2 s of CPU per build, at 50,000 about 50 s. Eleventy 4
 * looks entries up in a Map (11ty/eleventy#3939); until Vestnik moves to it, this gives Eleventy 3 the
 * same lookup. An exact path is answered from an index kept in step with the map, anything else by
 * Eleventy's own method, so the answers are Eleventy's. Remove it with the move to Eleventy 4.
 */

interface MapEntry {
  inputPath: string;
}

interface TemplateMapLike {
  map: MapEntry[];
}

/** Makes Eleventy's template map lookups constant-time; true when it could. Safe to call more than once. */
export const indexEleventyTemplateMap = patchOnce(async () => {
  const templateMap = await eleventyModule<{ default?: { prototype?: unknown } }>("./TemplateMap.js");
  const prototype = templateMap.default?.prototype as { getMapEntryForInputPath?: unknown } | undefined;
  const original = prototype?.getMapEntryForInputPath;
  if (prototype === undefined || typeof original !== "function") return false;
  const find = original as (this: TemplateMapLike, inputPath: string) => MapEntry | undefined;
  const indexes = new WeakMap<TemplateMapLike, { map: MapEntry[]; length: number; byPath: Map<string, MapEntry> }>();
  prototype.getMapEntryForInputPath = function (this: TemplateMapLike, inputPath: string): MapEntry | undefined {
    const map = this.map;
    if (!Array.isArray(map)) return find.call(this, inputPath);
    let index = indexes.get(this);
    // Entries are only added while the map is filled, before any lookup; a new length or a new
    // array means the index is stale.
    if (index === undefined || index.map !== map || index.length !== map.length) {
      const byPath = new Map<string, MapEntry>();
      for (const entry of map) if (!byPath.has(entry.inputPath)) byPath.set(entry.inputPath, entry);
      index = { map, length: map.length, byPath };
      indexes.set(this, index);
    }
    return index.byPath.get(inputPath) ?? find.call(this, inputPath);
  };
  return true;
});

/**
 * DepGraph's `overallOrder` for a graph that allows cycles, as Eleventy's are: the same depth-first
 * walk and the same order, but DepGraph then looks for nodes the walk missed with `indexOf` on the
 * result for every node, n² comparisons (0.14 s of a rebuild at 10,000 articles, and Eleventy asks
 * for the order several times a build). A node the walk reached is marked visited, so walking from
 * every node again adds exactly the missed ones.
 */
function circularOrder(
  nodes: Map<string, unknown>,
  outgoing: Map<string, string[]>,
  incoming: Map<string, string[]>,
  leavesOnly: boolean,
): string[] {
  const result: string[] = [];
  const visited = new Set<string>();
  const walk = (start: string) => {
    if (visited.has(start)) return;
    const inCurrentPath = new Set<string>();
    const todo: { node: string; processed: boolean }[] = [{ node: start, processed: false }];
    while (todo.length > 0) {
      const current = todo[todo.length - 1] as { node: string; processed: boolean };
      const node = current.node;
      if (!current.processed) {
        if (visited.has(node) || inCurrentPath.has(node)) {
          todo.pop();
          continue;
        }
        inCurrentPath.add(node);
        const edges = outgoing.get(node) as string[];
        // Pushed in reverse, as DepGraph does, to visit them in their order.
        for (let i = edges.length - 1; i >= 0; i--) todo.push({ node: edges[i] as string, processed: false });
        current.processed = true;
      } else {
        todo.pop();
        inCurrentPath.delete(node);
        visited.add(node);
        if (!leavesOnly || (outgoing.get(node) as string[]).length === 0) result.push(node);
      }
    }
  };
  const keys = [...nodes.keys()];
  for (const node of keys) if ((incoming.get(node) as string[]).length === 0) walk(node);
  for (const node of keys) walk(node);
  return result;
}

/**
 * Eleventy 3 records which template uses which collection in a `dependency-graph` DepGraph, and
 * every template is an edge of the same two nodes (the basic and the `all` collection). DepGraph
 * skips an edge it already has with `indexOf` on that node's edge list, so adding n templates costs
 * n²/2 comparisons: 11 s of CPU at 50,000 articles. This keeps a Set beside each edge list for that
 * check; the lists, their order and everything that reads them stay DepGraph's.
 */
export const deduplicateDependencyEdges = patchOnce(async () => {
  const { DepGraph } = fromEleventy("dependency-graph") as { DepGraph?: { prototype?: Record<string, unknown> } };
  const prototype = DepGraph?.prototype;
  if (prototype === undefined || typeof prototype.addDependency !== "function" || typeof prototype.hasNode !== "function") return false;
  const sets = new WeakMap<string[], Set<string>>();
  const addOnce = (list: string[], item: string) => {
    let set = sets.get(list);
    // A list shortened by removeDependency (or changed otherwise) gets a fresh set.
    if (set === undefined || set.size !== list.length) {
      set = new Set(list);
      sets.set(list, set);
    }
    if (!set.has(item)) {
      list.push(item);
      set.add(item);
    }
  };
  type Graph = { hasNode(node: string): boolean; outgoingEdges: Map<string, string[]>; incomingEdges: Map<string, string[]> };
  prototype.addDependency = function (this: Graph, from: string, to: string): boolean {
    if (!this.hasNode(from)) throw new Error(`Node does not exist: ${from}`);
    if (!this.hasNode(to)) throw new Error(`Node does not exist: ${to}`);
    addOnce(this.outgoingEdges.get(from) as string[], to);
    addOnce(this.incomingEdges.get(to) as string[], from);
    return true;
  };
  const overallOrder = prototype.overallOrder;
  if (typeof overallOrder === "function") {
    prototype.overallOrder = function (this: Graph & { circular?: boolean; nodes: Map<string, unknown> }, leavesOnly?: boolean) {
      if (!this.circular) return overallOrder.call(this, leavesOnly);
      return circularOrder(this.nodes, this.outgoingEdges, this.incomingEdges, leavesOnly === true);
    };
  }
  return true;
});

/** Paths remembered at most: a few per template, so an archive of 50,000 articles fits. */
const rememberedPaths = 100_000;

/**
 * On every rebuild of `npm start` Eleventy 3 asks, for each template, whether the changed file is
 * relevant to it, and each question turns both paths into project-relative ones again
 * (`PathNormalizer.fullNormalization`: `path.resolve(".")`, `path.normalize`, splits and joins):
 * 0.36 s of a 1.7 s rebuild at 10,000 articles. The answer depends only on the path and the working
 * folder, so it is remembered per working folder.
 */
export const rememberNormalizedPaths = patchOnce(async () => {
  const module = await eleventyModule<{ default?: { fullNormalization?: unknown } }>("./Util/PathNormalizer.js");
  const normalizer = module.default;
  const original = normalizer?.fullNormalization;
  if (normalizer === undefined || typeof original !== "function") return false;
  const normalize = original as (this: unknown, inputPath: unknown) => unknown;
  let folder = "";
  let known = new Map<string, unknown>();
  normalizer.fullNormalization = function (this: unknown, inputPath: unknown): unknown {
    if (typeof inputPath !== "string") return normalize.call(this, inputPath);
    const cwd = process.cwd();
    if (cwd !== folder) {
      folder = cwd;
      known = new Map();
    }
    let answer = known.get(inputPath);
    if (answer === undefined) {
      answer = normalize.call(this, inputPath);
      if (known.size >= rememberedPaths) known.clear();
      known.set(inputPath, answer);
    }
    return answer;
  };
  return true;
});

/**
 * For every template on every build Eleventy 3 lists the data files that could sit beside it and in
 * each folder above it (`TemplateData#getLocalDataPaths`), new strings each time, and then looks
 * each one up in its cache of which files exist: at 10,000 articles 70 MB of garbage and 0.08 s of
 * every rebuild of `npm start`. The list depends only on the template's path, the input folder and
 * the configuration (data file suffixes and extensions), so it is remembered per configuration
 * object (Eleventy makes a new one when it reloads its configuration), and the same strings come
 * back each time.
 */
export const rememberLocalDataPaths = patchOnce(async () => {
  const module = await eleventyModule<{ default?: { prototype?: unknown } }>("./Data/TemplateData.js");
  const prototype = module.default?.prototype as { getLocalDataPaths?: unknown } | undefined;
  const original = prototype?.getLocalDataPaths;
  if (prototype === undefined || typeof original !== "function") return false;
  type TemplateDataLike = { config: object; inputDir: string };
  const list = original as (this: TemplateDataLike, templatePath: string) => Promise<string[]>;
  const known = new WeakMap<object, Map<string, string[]>>();
  prototype.getLocalDataPaths = async function (this: TemplateDataLike, templatePath: string): Promise<string[]> {
    let byPath = known.get(this.config);
    if (byPath === undefined) {
      byPath = new Map();
      known.set(this.config, byPath);
    }
    const key = `${this.inputDir}\0${templatePath}`;
    let paths = byPath.get(key);
    if (paths === undefined) {
      paths = await list.call(this, templatePath);
      byPath.set(key, paths);
    }
    // A copy: the caller may change its list.
    return [...paths];
  };
  return true;
});

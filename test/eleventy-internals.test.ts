import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deduplicateDependencyEdges, rememberLocalDataPaths, rememberNormalizedPaths } from "../src/eleventy-map.ts";
import vestnik from "../src/index.ts";
import { demoOptions, fixtureInput } from "./support/memory-build.ts";
import { article, assertBuilt, buildSite, page } from "./support/site.ts";

// src/eleventy-map.ts replaces parts of Eleventy 3 that are quadratic or repeated at newsroom scale.
// Each replacement has to answer exactly as Eleventy's own code: compared here with a fresh,
// untouched copy of that code.

const fromEleventy = createRequire(import.meta.resolve("@11ty/eleventy"));
const eleventyEntry = import.meta.resolve("@11ty/eleventy");

interface Graph {
  addNode(node: string): void;
  addDependency(from: string, to: string): void;
  overallOrder(leavesOnly?: boolean): string[];
}
type GraphClass = new (options: { circular: boolean }) => Graph;

/** A CommonJS module of Eleventy's as Eleventy loads it, and a copy loaded again that nothing has patched. */
function usedAndUntouched<T>(name: string): { used: T; untouched: T } {
  const used = fromEleventy(name) as T;
  // Every file of the package is loaded again, then the loaded ones are put back for Eleventy.
  const folder = path.dirname(fromEleventy.resolve(`${name}/package.json`));
  const loaded = Object.entries(fromEleventy.cache).filter(([file]) => file.startsWith(`${folder}${path.sep}`));
  for (const [file] of loaded) delete fromEleventy.cache[file];
  try {
    return { used, untouched: fromEleventy(name) as T };
  } finally {
    for (const [file, module] of loaded) fromEleventy.cache[file] = module;
  }
}

function dependencyGraphs(): { used: GraphClass; untouched: GraphClass } {
  const { used, untouched } = usedAndUntouched<{ DepGraph: GraphClass }>("dependency-graph");
  return { used: used.DepGraph, untouched: untouched.DepGraph };
}

const graphShape = fc.record({
  nodes: fc.integer({ min: 1, max: 25 }),
  edges: fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 70 }),
  leavesOnly: fc.boolean(),
});

function build(Graph: GraphClass, shape: { nodes: number; edges: [number, number][] }): Graph {
  const graph = new Graph({ circular: true });
  for (let node = 0; node < shape.nodes; node++) graph.addNode(`template-${node}`);
  for (const [from, to] of shape.edges) {
    if (from < shape.nodes && to < shape.nodes && from !== to) graph.addDependency(`template-${from}`, `template-${to}`);
  }
  return graph;
}

describe("Eleventy's internals at newsroom scale", () => {
  it("order templates exactly as Eleventy's dependency graph does, cycles included", async () => {
    expect(await deduplicateDependencyEdges()).toBe(true);
    const { used, untouched } = dependencyGraphs();
    expect(used.prototype.overallOrder).not.toBe(untouched.prototype.overallOrder);
    fc.assert(
      fc.property(graphShape, (shape) => {
        expect(build(used, shape).overallOrder(shape.leavesOnly)).toEqual(build(untouched, shape).overallOrder(shape.leavesOnly));
      }),
      { numRuns: 2000 },
    );
  });

  it("normalise paths exactly as Eleventy does, in whichever folder the build runs", async () => {
    expect(await rememberNormalizedPaths()).toBe(true);
    type Normalizer = { fullNormalization(path: unknown): unknown };
    const used = ((await import(new URL("./Util/PathNormalizer.js", eleventyEntry).href)) as { default: Normalizer }).default;
    // The same file under another address is a second, untouched copy of the module.
    const untouched = ((await import(new URL("./Util/PathNormalizer.js?untouched", eleventyEntry).href)) as { default: Normalizer })
      .default;
    expect(used.fullNormalization).not.toBe(untouched.fullNormalization);
    const segment = fc.constantFrom("articles", "2024", "05", "..", ".", "статья.md", "_site", "", "index.html");
    const paths = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join("/")),
      fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `./${parts.join("/")}`),
      fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `${process.cwd()}/${parts.join("/")}`),
      fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `file://${os.tmpdir()}/${parts.join("/")}`),
    );
    const project = process.cwd();
    try {
      for (const folder of [project, os.tmpdir(), project]) {
        process.chdir(folder);
        fc.assert(
          fc.property(paths, (inputPath) => {
            // Asked twice: the second answer comes from what was remembered.
            expect(used.fullNormalization(inputPath)).toBe(untouched.fullNormalization(inputPath));
            expect(used.fullNormalization(inputPath)).toBe(untouched.fullNormalization(inputPath));
          }),
          { numRuns: 300 },
        );
      }
    } finally {
      process.chdir(project);
    }
  });

  it("still read a folder's data file (Eleventy's directory data) for every article in it while npm start runs", async () => {
    expect(await rememberLocalDataPaths()).toBe(true);
    const build = assertBuilt(
      await buildSite({
        // Watch mode, where the data file candidates are remembered.
        watch: true,
        articles: {
          "2025/11/obzor.md": article({ title: "Обзор рынка зерна", date: "2025-11-14" }),
          "2025/11/vybory.md": article({ title: "Выборы в маслихат", date: "2025-11-15" }),
          // The agency keeps its archive of 2024 out of the lists: one data file for the whole year.
          "2024/2024.11tydata.json": JSON.stringify({ eleventyExcludeFromCollections: true }),
          "2024/03/arhiv.md": article({ title: "Архивная заметка", date: "2024-03-01" }),
        },
      }),
    );
    const front = (await page(build, "/")).body.textContent ?? "";
    expect(front).toContain("маслихат");
    expect(front).toContain("зерна");
    expect(front).not.toContain("Архивная");
    expect((await page(build, "/2024/03/01/arkhivnaya-zametka/")).querySelector("h1")?.textContent).toContain("Архивная");
  });

  it("still hand every written page to a plugin reading the results of a production build", async () => {
    // A production build lets go of each page once it is written (src/written-pages.ts); the results
    // Eleventy hands to `eleventy.after` read the page back from its file.
    const input = await fixtureInput({
      "2025/11/zerno.md": article({ title: "Урожай зерна", tags: ["Сельское хозяйство"] }),
      "2025/11/vybory.md": article({ title: "Выборы в маслихат", date: "2025-11-16" }),
    });
    try {
      let handed: { outputPath: string; content: unknown }[] = [];
      const eleventy = new Eleventy(input, path.join(input, "_site"), {
        quietMode: true,
        config: (eleventyConfig) => {
          const config = eleventyConfig as unknown as {
            addPlugin(plugin: unknown, options: unknown): void;
            on(event: string, listener: (event: { results: typeof handed }) => void): void;
          };
          config.addPlugin(vestnik, { ...demoOptions, search: false, offline: false });
          config.on("eleventy.after", ({ results }) => {
            handed = results;
          });
        },
      });
      await eleventy.write();
      const byFile = new Map(handed.map((result) => [path.relative(path.join(input, "_site"), result.outputPath), result.content]));
      for (const file of ["2025/11/15/urozhay-zerna/index.html", "index.html", "feed.json", "tags/selskoe-khozyaystvo/feed.xml"]) {
        const content = byFile.get(file);
        expect(typeof content, file).toBe("string");
        expect(content, file).toBe(readFileSync(path.join(input, "_site", file), "utf8"));
      }
      expect(byFile.get("index.html")).toContain("маслихат");
    } finally {
      await fs.rm(input, { recursive: true, force: true });
    }
  });
});

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eleventyVersions } from "../src/eleventy.ts";
import { eleventyPatches, eleventyPatchReport, patchedEleventy, patchesVariable } from "../src/eleventy-patches/index.ts";
import { eleventyAt, withinRange } from "../src/eleventy-patches/running-eleventy.ts";
import { fixtureEleventy, fixtureInput } from "./support/memory-build.ts";
import { files } from "./support/same-site.ts";
import { article, assertBuilt, type Build, buildSite, page, repoRoot, setSiteOptions } from "./support/site.ts";
import { testTempDir } from "./support/temp-root.ts";

// src/eleventy-patches/ replaces parts of Eleventy 3 that are quadratic or repeated at newsroom
// scale. Each replacement has to answer exactly as Eleventy's own code, and has to stop, loudly,
// where Eleventy is not the one it was written for.

const eleventyEntry = import.meta.resolve("@11ty/eleventy");
const eleventyFolder = new URL("../", eleventyEntry).href;
const fromEleventy = createRequire(eleventyEntry);
const tsxCli = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");

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

const graphShape = fc.record({
  nodes: fc.integer({ min: 1, max: 25 }),
  edges: fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 70 }),
  leavesOnly: fc.boolean(),
});

function graphOf(Graph: GraphClass, shape: { nodes: number; edges: [number, number][] }): Graph {
  const graph = new Graph({ circular: true });
  for (let node = 0; node < shape.nodes; node++) graph.addNode(`template-${node}`);
  for (const [from, to] of shape.edges) {
    if (from < shape.nodes && to < shape.nodes && from !== to) graph.addDependency(`template-${from}`, `template-${to}`);
  }
  return graph;
}

/** Puts one patch on the Eleventy of the lock file, failing with the reason when it does not fit. */
async function applyPatch(name: string): Promise<void> {
  const patch = eleventyPatches.find((candidate) => candidate.name === name);
  if (patch === undefined) throw new Error(`no patch named ${name}`);
  const apply = await patch.prepare(eleventyAt(eleventyFolder));
  if (typeof apply === "string") throw new Error(`${name} does not fit: ${apply}`);
  apply();
}

/** Twenty articles over two months, each with two of five tags: lists, tag pages and feeds of several pages. */
function newsroom(): Record<string, string> {
  const tags = ["Экономика", "Политика", "Спорт", "Культура", "Логистика"];
  const articles: Record<string, string> = {};
  for (let n = 0; n < 20; n++) {
    const day = String(1 + n).padStart(2, "0");
    const month = n < 10 ? "10" : "11";
    articles[`2025/${month}/novost-${n}.md`] = article(
      { title: `Новость номер ${n}`, date: `2025-${month}-${day}`, tags: [tags[n % 5], tags[(n + 2) % 5]] },
      `Текст новости ${n}. Вторая фраза о событиях дня.`,
    );
  }
  return articles;
}

function expectSameSite(one: string, other: string): void {
  const a = files(one);
  const b = files(other);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  const differing = [...a].filter(([name, bytes]) => !bytes.equals(b.get(name) ?? Buffer.alloc(0))).map(([name]) => name);
  expect(differing).toEqual([]);
}

/** The lines a build printed about Eleventy's patches. */
function patchLines(build: Build): string[] {
  return `${build.stdout}\n${build.stderr}`.split("\n").filter((line) => line.includes("[vestnik]") && line.includes("patch"));
}

/**
 * A site that installed its own Eleventy: a copy of the lock file's, announcing itself as `version`,
 * in the site's node_modules, where the plugin's own `@11ty/eleventy` is another (the repository's).
 * The other packages are the repository's.
 */
async function siteWithOwnEleventy(articles: Record<string, string>, version: string): Promise<{ project: string; eleventy: string }> {
  const temp = await fs.mkdtemp(path.join(testTempDir(), "vestnik-own-eleventy-"));
  const project = path.join(temp, "project");
  const modules = path.join(project, "node_modules");
  await fs.mkdir(path.join(modules, "@11ty"), { recursive: true });
  for (const name of ["src", "_includes", "_data"]) await fs.symlink(path.join(repoRoot, name), path.join(project, name));
  for (const name of [".eleventy.ts", ".eleventyignore", "package.json"])
    await fs.copyFile(path.join(repoRoot, name), path.join(project, name));
  await setSiteOptions(project, {});
  for (const name of await fs.readdir(path.join(repoRoot, "node_modules"))) {
    if (name !== "@11ty" && name !== ".bin") await fs.symlink(path.join(repoRoot, "node_modules", name), path.join(modules, name));
  }
  for (const name of await fs.readdir(path.join(repoRoot, "node_modules/@11ty"))) {
    if (name !== "eleventy") await fs.symlink(path.join(repoRoot, "node_modules/@11ty", name), path.join(modules, "@11ty", name));
  }
  const installed = fileURLToPath(eleventyFolder);
  const eleventy = path.join(modules, "@11ty/eleventy");
  await fs.mkdir(eleventy);
  await fs.cp(path.join(installed, "src"), path.join(eleventy, "src"), { recursive: true });
  await fs.copyFile(path.join(installed, "cmd.cjs"), path.join(eleventy, "cmd.cjs"));
  await fs.symlink(path.join(installed, "node_modules"), path.join(eleventy, "node_modules"));
  const pkg = JSON.parse(await fs.readFile(path.join(installed, "package.json"), "utf8")) as { version: string };
  await fs.writeFile(path.join(eleventy, "package.json"), JSON.stringify({ ...pkg, version }));
  for (const [name, content] of Object.entries(articles)) {
    const file = path.join(project, "articles", name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  return { project, eleventy };
}

/** Eleventy's command line from the site's own copy, as `npx @11ty/eleventy` would run it there. */
function buildWithOwnEleventy(project: string, eleventy: string, outputName: string, env: Record<string, string> = {}): Promise<Build> {
  const output = path.join(path.dirname(project), outputName);
  const args = [tsxCli, path.join(eleventy, "cmd.cjs"), "--config=.eleventy.ts", `--output=${output}`, "--quiet"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: project, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, project, output }));
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Vestnik's patches of Eleventy", () => {
  it("all fit the Eleventy in the lock file, which is in their tested range", async () => {
    const lock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version?: string }>;
    };
    const locked = lock.packages["node_modules/@11ty/eleventy"]?.version ?? "";
    const installed = eleventyAt(eleventyFolder);
    expect(installed.version).toBe(locked);
    expect(withinRange(locked, patchedEleventy)).toBe(true);
    for (const patch of eleventyPatches) {
      const apply = await patch.prepare(installed);
      // A patch that stopped fitting would be left off without a word but this one.
      expect(typeof apply === "string" ? `${patch.name}: ${apply}` : "fits", patch.name).toBe("fits");
    }
  });

  it("cover Eleventy 3.1.2 to 3.1.x, within the releases the plugin accepts, which end before 4.0's pre-releases", async () => {
    const inRange = ["3.1.2", "3.1.8", "3.1.9"];
    const outOfRange = ["3.0.0", "3.1.0", "3.1.2-beta.4", "3.2.0", "3.2.0-alpha.1", "4.0.0-alpha.10"];
    expect(inRange.filter((version) => withinRange(version, patchedEleventy))).toEqual(inRange);
    expect(outOfRange.filter((version) => withinRange(version, patchedEleventy))).toEqual([]);
    // Eleventy's own check, as `versionCheck` runs it.
    const { default: Compatibility } = (await import(new URL("./src/Util/Compatibility.js", eleventyFolder).href)) as {
      default: { satisfies(version: string, range: string): boolean };
    };
    const accepted = (version: string) => Compatibility.satisfies(version, eleventyVersions);
    expect(["3.1.2", "3.1.8", "3.2.0", "3.9.0"].every(accepted)).toBe(true);
    expect(["3.0.0", "3.1.0", "4.0.0-alpha.10", "4.0.0"].some(accepted)).toBe(false);
  });

  it("are applied by a production build, which says nothing about them", async () => {
    const input = await fixtureInput({ "2025/11/zerno.md": article({ title: "Урожай зерна" }) });
    const warn = vi.spyOn(console, "warn");
    try {
      await fixtureEleventy(input, { search: false, offline: false }).write();
    } finally {
      await fs.rm(input, { recursive: true, force: true });
    }
    const report = eleventyPatchReport();
    const states = Object.fromEntries(report.map((entry) => [entry.patch, entry.state]));
    expect(states).toEqual({
      "template-map-index": "applied",
      "dependency-graph-edges": "applied",
      "nunjucks-compile-once": "applied",
      "release-written-pages": "applied",
      // Only npm start needs these; they fit (checked at start-up) and are put on when watching.
      "path-normalizer-memo": expect.stringMatching(/^(ready|applied)$/),
      "local-data-paths-memo": expect.stringMatching(/^(ready|applied)$/),
      "skip-unchanged-writes": expect.stringMatching(/^(ready|applied)$/),
    });
    // On the Eleventy this test runs, not a copy beside the plugin that nobody loaded.
    expect(new Set(report.map((entry) => entry.folder))).toEqual(new Set([eleventyFolder]));
    expect(warn.mock.calls.flat().filter((message) => String(message).includes("patch"))).toEqual([]);
  });

  it("change nothing in the site: built with and without them, it is the same byte for byte", { timeout: 300_000 }, async () => {
    const patched = assertBuilt(await buildSite({ articles: newsroom(), env: { [patchesVariable]: "report" } }));
    const plain = assertBuilt(await buildSite({ articles: newsroom(), env: { [patchesVariable]: "off" } }));
    const applied = patchLines(patched).filter((line) => line.endsWith("applied."));
    expect(applied.map((line) => /patch ([\w-]+)/.exec(line)?.[1])).toEqual([
      "template-map-index",
      "dependency-graph-edges",
      "nunjucks-compile-once",
      "release-written-pages",
    ]);
    expect(patchLines(plain)).toEqual([expect.stringContaining(`${patchesVariable}=off`)]);
    expect(files(patched.output).size).toBeGreaterThan(40);
    expectSameSite(patched.output, plain.output);
    expect((await page(patched, "/tags/")).body.textContent).toContain("Логистика");
  });

  it("are left off, one line each, on a site's own Eleventy outside the tested range, and the site is the same", {
    timeout: 300_000,
  }, async () => {
    const { project, eleventy } = await siteWithOwnEleventy(newsroom(), "3.9.0");
    const untested = assertBuilt(await buildWithOwnEleventy(project, eleventy, "untested"));
    const lines = patchLines(untested);
    // The version of the Eleventy that ran, not of the plugin's own (3.1.x in the lock file).
    expect(lines).toHaveLength(eleventyPatches.length);
    for (const patch of eleventyPatches) {
      expect(lines.filter((line) => line.includes(`patch ${patch.name} is off`))).toEqual([
        expect.stringContaining(
          `Eleventy 3.9.0: patch ${patch.name} is off (tested on >=${patchedEleventy.from} <${patchedEleventy.below})`,
        ),
      ]);
    }
    expect(lines[0]).toContain(templateCost());

    // Forced, they go on that copy, found from the calls into the plugin, and the site is the same.
    const forced = assertBuilt(await buildWithOwnEleventy(project, eleventy, "forced", { [patchesVariable]: "force" }));
    const forcedLines = patchLines(forced);
    expect(forcedLines).toHaveLength(eleventyPatches.length);
    for (const line of forcedLines) expect(line).toContain(`Eleventy 3.9.0 at ${eleventy}${path.sep}: patch`);
    expect(forcedLines.every((line) => line.includes("forced on"))).toBe(true);
    expectSameSite(untested.output, forced.output);
  });
});

function templateCost(): string {
  return eleventyPatches[0]?.costWithout ?? "";
}

describe("Eleventy's internals at newsroom scale, patched", () => {
  it("order templates exactly as Eleventy's dependency graph does, cycles included", async () => {
    await applyPatch("dependency-graph-edges");
    const { used, untouched } = usedAndUntouched<{ DepGraph: GraphClass }>("dependency-graph");
    expect(used.DepGraph.prototype.overallOrder).not.toBe(untouched.DepGraph.prototype.overallOrder);
    fc.assert(
      fc.property(graphShape, (shape) => {
        expect(graphOf(used.DepGraph, shape).overallOrder(shape.leavesOnly)).toEqual(
          graphOf(untouched.DepGraph, shape).overallOrder(shape.leavesOnly),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("normalise paths exactly as Eleventy does, in whichever folder the build runs", async () => {
    await applyPatch("path-normalizer-memo");
    type Normalizer = { fullNormalization(path: unknown): unknown };
    const used = ((await import(new URL("./src/Util/PathNormalizer.js", eleventyFolder).href)) as { default: Normalizer }).default;
    // The same file under another address is a second, untouched copy of the module.
    const untouched = ((await import(new URL("./src/Util/PathNormalizer.js?untouched", eleventyFolder).href)) as { default: Normalizer })
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
    const build = assertBuilt(
      await buildSite({
        // Watch mode, where the data file candidates are remembered.
        watch: true,
        env: { [patchesVariable]: "report" },
        articles: {
          "2025/11/obzor.md": article({ title: "Обзор рынка зерна", date: "2025-11-14" }),
          "2025/11/vybory.md": article({ title: "Выборы в маслихат", date: "2025-11-15" }),
          // The agency keeps its archive of 2024 out of the lists: one data file for the whole year.
          "2024/2024.11tydata.json": JSON.stringify({ eleventyExcludeFromCollections: true }),
          "2024/03/arhiv.md": article({ title: "Архивная заметка", date: "2024-03-01" }),
        },
      }),
    );
    // npm start puts on the patches for its rebuilds, and no others.
    const applied = patchLines(build)
      .filter((line) => line.endsWith("applied."))
      .map((line) => /patch ([\w-]+)/.exec(line)?.[1]);
    expect(applied).toEqual([
      "template-map-index",
      "dependency-graph-edges",
      "nunjucks-compile-once",
      "path-normalizer-memo",
      "local-data-paths-memo",
      "skip-unchanged-writes",
    ]);
    const front = (await page(build, "/")).body.textContent ?? "";
    expect(front).toContain("маслихат");
    expect(front).toContain("зерна");
    expect(front).not.toContain("Архивная");
    expect((await page(build, "/2024/03/01/arkhivnaya-zametka/")).querySelector("h1")?.textContent).toContain("Архивная");
  });

  it("still hand every written page to a plugin reading the results of a production build", async () => {
    // A production build lets go of each page once it is written (release-written-pages); the
    // results Eleventy hands to `eleventy.after` read the page back from its file.
    const input = await fixtureInput({
      "2025/11/zerno.md": article({ title: "Урожай зерна", tags: ["Сельское хозяйство"] }),
      "2025/11/vybory.md": article({ title: "Выборы в маслихат", date: "2025-11-16" }),
    });
    try {
      let handed: { outputPath: string; content: unknown }[] = [];
      await fixtureEleventy(input, { search: false, offline: false }, (config) => {
        config.on("eleventy.after", ({ results }: { results: typeof handed }) => {
          handed = results;
        });
      }).write();
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

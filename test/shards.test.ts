import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { planShards } from "../src/catalogue.ts";
import { shardFromArticles } from "../src/shard-flags.ts";
import { buildInShards, type Launcher } from "../src/shards.ts";
import { expectSameSite, files, newsroom } from "./support/same-site.ts";
import { assertBuilt, type Build, buildSite } from "./support/site.ts";

/** The production build again in the project of `first`, into `output`, with these flags. */
function buildAgain(first: Build, output: string, args: string[]): Promise<Build> {
  return buildSite({ atomic: true, again: first, args: [...args, `--output=${output}`] });
}

/** The newsroom built in one process, once for both comparisons: neither changes its project or output. */
let inOneProcess: Promise<Build> | undefined;
const oneProcess = () => {
  inOneProcess ??= buildSite({ atomic: true, articles: newsroom(), args: ["--workers", "1"] }).then(assertBuilt);
  return inOneProcess;
};

describe("a build in shards", () => {
  it("splits the articles into consecutive folders of about equal size", () => {
    const entries = Array.from({ length: 40 }, (_, n) => ({
      url: `/${2021 + (n % 4)}/x${n}/`,
      inputPath: `./articles/${2021 + (n % 4)}/${String(1 + (n % 12)).padStart(2, "0")}/n${n}.md`,
      article: {} as never,
    }));
    const plan = planShards(entries, "articles", 2) ?? [];
    expect(plan).toHaveLength(2);
    expect(plan.map((shard) => shard.articles)).toEqual([20, 20]);
    // Four years of ten articles, split into months to balance: the first shard holds 2021 and 2022.
    expect(plan[0]?.folders.every((folder) => /^202[12]\//.test(folder))).toBe(true);
    expect(plan.flatMap((shard) => shard.folders)).toEqual([...(plan[0]?.folders ?? []), ...(plan[1]?.folders ?? [])].sort());
    expect(planShards([{ ...entries[0], inputPath: "./articles/loose.md" } as never], "articles", 2)).toBeUndefined();
  });

  // One core builds in one process anyway.
  it.skipIf(os.availableParallelism() < 2)(
    "a site big enough for shards whose config adds another copy of Vestnik says why it builds in one process",
    async () => {
      // The benchmark's generated project loads its own copy of the plugin: the repository's build did
      // not recognise it and built in one process without a word.
      const site = mkdtempSync(path.join(os.tmpdir(), "vestnik-shards-"));
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      try {
        writeFileSync(
          path.join(site, "eleventy.config.mjs"),
          "export default (config) => { config.addPlugin(function vestnik() {}, {}); };\n",
        );
        mkdirSync(path.join(site, "articles/2025/01"), { recursive: true });
        for (let n = 0; n < shardFromArticles; n++) writeFileSync(path.join(site, `articles/2025/01/n${n}.md`), "");
        const nothing = async () => 1;
        const launch: Launcher = { eleventy: nothing, indexing: nothing, indexJobVariable: "UNUSED" };
        expect(await buildInShards(launch, [], site, {}, path.join(site, "fresh"))).toBeUndefined();
        expect(warn.mock.calls.flat().join("\n")).toMatch(/Building in one process: .*another copy of Vestnik/);
      } finally {
        warn.mockRestore();
        rmSync(site, { recursive: true, force: true });
      }
    },
  );

  it("side by side on one machine writes the same site, byte for byte, as one process", { timeout: 1_200_000 }, async () => {
    const one = await oneProcess();
    // Into the project's own _site, as a newsroom builds: the build's working folders are then
    // inside Eleventy's input, and must not be read as templates.
    const sharded = assertBuilt(await buildAgain(one, "_site", ["--workers", "2"]));
    try {
      expect(sharded.output).toBe(path.join(one.project, "_site"));
      expect(files(one.output).size).toBeGreaterThan(100);
      expectSameSite(one.output, sharded.output);
    } finally {
      rmSync(sharded.output, { recursive: true, force: true });
    }
  });

  it("as jobs of a CI matrix, joined, writes the same site as one process, and a join needs every shard", {
    timeout: 1_200_000,
  }, async () => {
    const one = await oneProcess();
    const temp = path.dirname(one.output);
    const runners = [1, 2].map((n) => path.join(temp, `runner-${n}`));
    assertBuilt(await buildAgain(one, path.join(temp, "unused"), ["--shard", "1/2", "--shard-output", runners[0] ?? ""]));

    const before = files(one.output);
    const incomplete = await buildAgain(one, one.output, ["--join", runners[0] ?? ""]);
    expect(incomplete.code).not.toBe(0);
    expect(incomplete.stderr).toContain("--shard k/2");
    expect(incomplete.stderr).toContain("was left as it was");
    expect(files(one.output).size).toBe(before.size);

    assertBuilt(await buildAgain(one, path.join(temp, "unused"), ["--shard", "2/2", "--shard-output", runners[1] ?? ""]));
    const joined = assertBuilt(await buildAgain(one, path.join(temp, "joined"), ["--join", ...runners]));
    expectSameSite(one.output, joined.output);
  });
});

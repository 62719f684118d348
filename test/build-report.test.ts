import { execFile, spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type OutputSummary,
  outputKinds,
  outputWarningBytes,
  outputWarningVariable,
  shrinkAdvice,
  sizeWarning,
  summariseOutput,
} from "../src/build/output-size.ts";
import { BuildProgress, eleventyLogFlags, type ProgressStream, progressStdio, progressVariable } from "../src/build/progress.ts";
import { article, assertBuilt, type Build, buildSite, repoRoot } from "./support/site.ts";
import { testTempDir } from "./support/temp-root.ts";

/** A stream that keeps what was written, as a terminal (`isTTY`) or a log. */
class Screen implements ProgressStream {
  text = "";
  constructor(
    readonly isTTY: boolean,
    readonly columns = 100,
  ) {}
  write(text: string): boolean {
    this.text += text;
    return true;
  }
  /** Lines ended by a newline, as they stay on screen: what follows the last carriage return, without «clear to the end». */
  get lines(): string[] {
    return this.text
      .split("\n")
      .slice(0, -1)
      .map((line) => (line.split("\r").at(-1) ?? "").replaceAll("\u001b[K", ""));
  }
}

/** A clock the test moves by hand, in milliseconds. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe("the progress of a production build", () => {
  it("on a terminal, a step is one line redrawn in place and ends with its count and time", () => {
    const out = new Screen(true);
    const time = clock();
    const progress = new BuildProgress({ out, err: out, now: time.now });
    progress.start("pages", "reading the articles");
    for (let done = 0; done <= 500; done++) {
      time.advance(10);
      progress.update("pages", { done, total: 500 });
    }
    progress.end("pages");
    progress.close();
    // Every redraw goes back to the start of the line; only the finished step stays as a line of its own.
    expect(out.text).toContain("\r[vestnik] Pages 250/500 (50%), 2.5 s");
    expect(out.lines).toEqual(["[vestnik] Pages 500/500 in 5.0 s"]);
  });

  it("on a terminal, a line longer than the terminal is cut so that it can be redrawn", () => {
    const out = new Screen(true, 30);
    const progress = new BuildProgress({ out, err: out, now: () => 0 });
    progress.update("a step with a very long name indeed", { done: 1, total: 2 });
    progress.close();
    for (const drawn of out.text.split("\r")) expect(drawn.replace("\u001b[K", "").length).toBeLessThan(30);
  });

  it("in a log, a step prints a line each tenth or every ten seconds, and its last line", () => {
    const out = new Screen(false);
    const time = clock();
    const progress = new BuildProgress({ out, err: out, now: time.now });
    progress.start("pages", "reading the articles");
    time.advance(25_000);
    progress.update("pages", { note: "still reading" });
    for (let done = 0; done <= 40_000; done++) {
      time.advance(1);
      progress.update("pages", { done, total: 40_000 });
    }
    progress.end("pages");
    expect(out.lines).toEqual([
      "[vestnik] Pages: reading the articles, 0.0 s",
      "[vestnik] Pages: still reading, 25.0 s",
      ...Array.from({ length: 10 }, (_, tenth) => {
        const done = tenth * 4000;
        return `[vestnik] Pages ${done.toLocaleString("en-US")}/40,000 (${tenth * 10}%), ${(25 + (done + 1) / 1000).toFixed(1)} s`;
      }),
      "[vestnik] Pages 40,000/40,000 in 65.0 s",
    ]);
  });

  it("adds up the counts of the processes that share a step, and ends it when all have finished", () => {
    const out = new Screen(false);
    const progress = new BuildProgress({ out, err: out, now: () => 0 });
    progress.update("search", { done: 1, total: 3 }, 101);
    progress.update("search", { done: 0 }, 102);
    expect(out.lines.at(-1)).toBe("[vestnik] Search index parts 1/3 (33%), 0.0 s");
    progress.update("search", { done: 2, total: 2 }, 102);
    progress.update("search", { finished: true }, 102);
    expect(progress.times()[0]).toMatchObject({ step: "search", done: 3, total: 5 });
    progress.update("search", { done: 3, total: 3, finished: true }, 101);
    expect(out.lines.at(-1)).toBe("[vestnik] Search index parts 5/5 in 0.0 s");
  });

  it("shows what child processes report and passes their output on, line by line", async () => {
    const dir = await fs.mkdtemp(path.join(testTempDir(), "vestnik-progress-"));
    const script = path.join(dir, "shard.ts");
    await fs.writeFile(
      script,
      [
        `import { reportProgress } from ${JSON.stringify(path.join(repoRoot, "src/build/progress.ts"))};`,
        "for (let done = 1; done <= 50; done++) reportProgress('pages', { done, total: 50 });",
        "process.stdout.write('a line from ');",
        "console.log('the shard');",
        "console.error('[vestnik] a warning about an article');",
      ].join("\n"),
    );
    const out = new Screen(false);
    const err = new Screen(false);
    const progress = new BuildProgress({ out, err });
    progress.start("pages");
    const shards = [1, 2].map(() => {
      const child = spawn(process.execPath, ["--import", "tsx", script], {
        cwd: repoRoot,
        stdio: progressStdio,
        env: { ...process.env, [progressVariable]: "ipc" },
      });
      progress.attach(child);
      return new Promise((resolve) => child.on("close", resolve));
    });
    expect(await Promise.all(shards)).toEqual([0, 0]);
    progress.end("pages");
    expect(out.lines.filter((line) => line === "a line from the shard")).toHaveLength(2);
    expect(err.lines).toEqual(["[vestnik] a warning about an article", "[vestnik] a warning about an article"]);
    expect(out.lines.at(-1)).toMatch(/^\[vestnik\] Pages 100\/100 in [\d.]+ s$/);
  });

  it("passes --quiet to Eleventy unless the build is asked for --verbose", () => {
    expect(eleventyLogFlags(["--pathprefix=/novosti/"])).toEqual(["--pathprefix=/novosti/", "--quiet"]);
    expect(eleventyLogFlags(["--verbose", "--pathprefix=/novosti/"])).toEqual(["--pathprefix=/novosti/"]);
    expect(eleventyLogFlags(["--quiet"])).toEqual(["--quiet"]);
  });
});

describe("the size of the site", () => {
  it("names only options of the plugin in its advice", () => {
    for (const { advice, options } of Object.values(shrinkAdvice)) {
      const named = [...advice.matchAll(/`(\w+)[`:]/g)].map((match) => match[1]);
      expect(named.sort()).toEqual([...options].sort());
    }
  });

  it("says what takes the space, largest first, and what shrinks it, only above the threshold", () => {
    const summary: OutputSummary = {
      files: 6,
      bytes: 900_000_000,
      pages: 3,
      feeds: 3,
      searchParts: 0,
      byKind: {
        ...(Object.fromEntries(Object.keys(outputKinds).map((kind) => [kind, { files: 0, bytes: 0 }])) as OutputSummary["byKind"]),
        articlePages: { files: 2, bytes: 300_000_000 },
        tagFeeds: { files: 3, bytes: 500_000_000 },
        tagPages: { files: 1, bytes: 100_000_000 },
      },
    };
    expect(sizeWarning(summary, 900_000_000)).toBeUndefined();
    const warning = sizeWarning(summary, 800_000_000) ?? "";
    expect(warning).toContain("the site is 900.0 MB in 6 files, above 800.0 MB; GitHub Pages publishes a site of at most 1 GB");
    const kinds = warning.split("\n").filter((line) => /^ {2}\w/.test(line));
    expect(kinds.map((line) => line.trim().split(/\s{2,}/))).toEqual([
      ["tag feeds", "500.0 MB", "56%", "3 files"],
      ["article pages", "300.0 MB", "33%", "2 files"],
      ["tag pages", "100.0 MB", "11%", "1 files"],
    ]);
    expect(warning).toContain(`  - tag feeds: ${shrinkAdvice.tagFeeds.advice}`);
  });

  it("takes its threshold in megabytes from VESTNIK_OUTPUT_WARNING_MB, and says how to write it when it is wrong", () => {
    expect(outputWarningBytes({})).toBe(800_000_000);
    expect(outputWarningBytes({ [outputWarningVariable]: "950" })).toBe(950_000_000);
    expect(() => outputWarningBytes({ [outputWarningVariable]: "800MB" })).toThrow(
      'VESTNIK_OUTPUT_WARNING_MB must be a number of megabytes above 0, e.g. VESTNIK_OUTPUT_WARNING_MB=800, got "800MB"',
    );
  });
});

/** Every file of a folder, by path relative to it with `/`, and its size. */
async function filesIn(dir: string): Promise<Map<string, number>> {
  const files = new Map<string, number>();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join("/"), (await fs.stat(file)).size);
  }
  return files;
}

const count = (text: string | undefined) => Number((text ?? "").replaceAll(",", ""));

describe("npm run build on a small site", () => {
  const articles = {
    "2025/10/pervaya.md": article({ title: "Первая новость", date: "2025-10-01", tags: ["Экономика", "Регион"] }),
    "2025/10/vtoraya.md": article({ title: "Вторая новость", date: "2025-10-02", tags: ["Регион"] }),
    "2025/11/tretya.md": article({ title: "Третья новость", date: "2025-11-03", tags: ["Экономика"], rubrika: "Спорт" }),
  };
  let build: Build;
  beforeAll(async () => {
    // A threshold far below this site's size: the warning shows as it would above 800 MB.
    build = assertBuilt(await buildSite({ atomic: true, articles, env: { [outputWarningVariable]: "0.1" } }));
  });

  it("prints one line per step in a log, and no line per written file", () => {
    expect(build.stdout).not.toContain("Writing ");
    const pages = build.stdout.match(/\[vestnik\] Pages (\d+)\/(\d+) in [\d.]+ s/);
    expect(pages?.[1]).toBe(pages?.[2]);
    // Eleventy's own count of what it wrote, which it prints even when quiet.
    expect(pages?.[1]).toBe(build.stdout.match(/Wrote (\d+) files/)?.[1]);
    expect(build.stdout).toMatch(/\[vestnik\] Search index parts 1\/1 in [\d.]+ s/);
    expect(build.stdout).toMatch(/\[vestnik\] Service worker in [\d.]+ s/);
    expect(build.stdout.split("\n").filter((line) => line.startsWith("[vestnik] Pages")).length).toBeLessThanOrEqual(13);
  });

  it("still shows the plugin's warnings about an article", () => {
    expect(build.stderr).toContain("tretya.md: rubrika: unknown front matter key");
  });

  it("ends with a summary whose numbers are those of the published folder", async () => {
    const files = await filesIn(build.output);
    const names = [...files.keys()];
    const bytes = [...files.values()].reduce((sum, size) => sum + size, 0);
    const summary = build.stdout.match(
      /\[vestnik\] ([\d,]+) files, ([\d.]+) (kB|MB): ([\d,]+) pages \(([\d,]+) articles, ([\d,]+) tag pages, ([\d,]+) list pages\), ([\d,]+) feeds, ([\d,]+) search parts?/,
    );
    expect(summary, build.stdout).not.toBeNull();
    const [, fileCount, size, unit, pages, articlePages, tagPages, listPages, feeds, parts] = summary ?? [];
    expect(count(fileCount)).toBe(files.size);
    expect(Number(size)).toBe(Number((bytes / (unit === "MB" ? 1e6 : 1e3)).toFixed(1)));
    expect(count(pages)).toBe(names.filter((name) => name.endsWith(".html")).length);
    expect(count(articlePages)).toBe(Object.keys(articles).length);
    // The tags' pages and the list of tags.
    expect(count(tagPages)).toBe(names.filter((name) => name.startsWith("tags/") && name.endsWith(".html")).length);
    expect(count(tagPages)).toBe(3);
    expect(count(listPages)).toBeGreaterThanOrEqual(1);
    expect(count(feeds)).toBe(names.filter((name) => /(^|\/)feed\.\w+$|\.opml$|^feeds\/.*\.(xml|json)$/.test(name)).length);
    expect(count(parts)).toBe(names.filter((name) => name.endsWith("pagefind-entry.json")).length);
    expect(build.stdout).toMatch(/\[vestnik\] Built in [\d.]+ s: pages [\d.]+ s, search index [\d.]+ s, service worker [\d.]+ s/);
    // The kinds cover every byte.
    const kinds = summariseOutput(build.output).byKind;
    expect(Object.values(kinds).reduce((sum, kind) => sum + kind.bytes, 0)).toBe(bytes);
  });

  it("warns above the threshold with what takes the space and which options shrink it", () => {
    const warning = build.stderr.slice(build.stderr.indexOf("[vestnik] Warning: the site is"));
    expect(warning).toMatch(/the site is [\d.]+ (kB|MB) in [\d,]+ files, above 100\.0 kB; GitHub Pages publishes a site of at most 1 GB/);
    expect(warning).toContain("What takes the space:");
    expect(warning).toMatch(/\n {2}search index +[\d.]+ (kB|MB) +\d+% +[\d,]+ files/);
    expect(warning).toContain("What shrinks it (options of the Vestnik plugin in .eleventy.ts):");
    expect(build.stdout).not.toContain("Warning:");
  });

  it("shows Eleventy's line per written file with --verbose", async () => {
    const tsx = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
    const verbose = await promisify(execFile)(
      process.execPath,
      [tsx, path.join(repoRoot, "src/build.ts"), `--output=${build.output}`, "--verbose"],
      { cwd: build.project, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(verbose.stdout).toMatch(/\[11ty\] Writing .*\/2025\/10\/01\/pervaya-novost\/index\.html/);
    expect(verbose.stdout).toMatch(/\[vestnik\] Pages (\d+)\/\1 in [\d.]+ s/);
    expect(verbose.stdout).not.toContain("Warning:");
    expect(verbose.stderr).not.toContain("Warning: the site is");
    // A whole build: room for a busy machine (nothing here measures time).
  }, 300_000);
});

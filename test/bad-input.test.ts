import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { indexJobVariable } from "../src/build.ts";
import { article, assertBuilt, type Build, buildSite, exists, repoRoot } from "./support/site.ts";
import { testTempDir } from "./support/temp-root.ts";

/** One bad article each: what an editor did wrong, and what the build must say. */
const badInputs: { what: string; file: string; content: string | Buffer; says: RegExp }[] = [
  {
    what: "malformed YAML",
    file: "yaml.md",
    content: "---\ntitle: [Незакрытая скобка\ndate: 2025-11-15\n---\n\nТекст.\n",
    says: /articles\/yaml\.md: front matter: is not valid YAML \(.+ at line \d+\); check quotes and indentation/,
  },
  {
    what: "a missing title",
    file: "no-title.md",
    content: article({ title: undefined }),
    says: /articles\/no-title\.md: title: is missing; add it/,
  },
  {
    what: "an empty title",
    file: "empty-title.md",
    content: article({ title: "  " }),
    says: /articles\/empty-title\.md: title: must not be empty/,
  },
  {
    what: "an unparsable date",
    file: "bad-date.md",
    content: article({ date: "вчера" }),
    says: /articles\/bad-date\.md: date: "вчера" is not a valid ISO 8601 date.*write it as 2025-11-15/,
  },
  {
    what: "an impossible date",
    file: "feb-30.md",
    content: article({ date: "2025-02-30" }),
    says: /articles\/feb-30\.md: date: "2025-02-30" is not a valid ISO 8601 date/,
  },
  {
    what: "a missing date",
    file: "no-date.md",
    content: article({ date: undefined }),
    says: /articles\/no-date\.md: date: is missing; add it to the front matter, e\.g\. date: 2025-11-15/,
  },
  {
    what: "tags that are not a list",
    file: "tags-text.md",
    content: article({ tags: "Логистика, Узбекистан" }),
    says: /articles\/tags-text\.md: tags: must be a list of tags/,
  },
  {
    what: "an empty tag",
    file: "empty-tag.md",
    content: article({ tags: ["Логистика", ""] }),
    says: /articles\/empty-tag\.md: tags\.1: must not be empty/,
  },
  {
    what: "a photo whose file does not exist",
    file: "photo.md",
    content: article({ photos: [{ src: "aktau.jpg", caption: "порт Актау", credit: "portaktau.kz" }] }),
    says: /articles\/photo\.md: photos\.0\.src: the image \/articles\/aktau\.jpg does not exist; add the file there or remove src/,
  },
  {
    what: "a file that is not UTF-8",
    file: "cp1251.md",
    content: Buffer.concat([
      Buffer.from(article({ title: "Кодировка" }, "")),
      Buffer.from([0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8, 0x0a]),
    ]),
    says: /articles\/cp1251\.md: line 10: the file is not UTF-8 text; save it as UTF-8/,
  },
  {
    what: "an empty body",
    file: "empty-body.md",
    content: article({}, "   "),
    says: /articles\/empty-body\.md: body: is empty; write the article's text/,
  },
];

describe("a bad article stops the build with a clear message", () => {
  // One build of every bad article beside a good one: each must be named with its field and fix,
  // and counted as a problem that stops the build (a warning would not be counted).
  let said: string;
  let code: number | null;
  beforeAll(async () => {
    const articles = Object.fromEntries(badInputs.map((bad) => [bad.file, bad.content]));
    const build = await buildSite({ articles: { "ok.md": article({ title: "Хорошая новость" }), ...articles } });
    said = build.stdout + build.stderr;
    code = build.code;
  });

  for (const bad of badInputs) {
    it(`${bad.what}: exit code 1, the file, the field and the fix are named`, () => {
      expect(code).toBe(1);
      expect(said).toMatch(bad.says);
    });
  }

  it("every problem of a run is reported together, not one per build, and a good article is not named", () => {
    expect(said).toContain(`Vestnik: ${badInputs.length} problems in the articles`);
    expect(said).not.toMatch(/articles\/ok\.md:/);
  });

  it("two articles with the same URL: both files are named", async () => {
    const build = await buildSite({ articles: { "a.md": article({ title: "Двойник" }), "b.md": article({ title: "Двойник" }) } });
    expect(build.code).toBe(1);
    expect(build.stdout + build.stderr).toMatch(
      /articles\/[ab]\.md: title: gives the same URL \/2025\/11\/15\/dvoynik\/ as articles\/[ab]\.md/,
    );
  });
});

describe("warnings that do not stop the build", () => {
  // One build with both: a warning names its article and the build still succeeds.
  let build: Awaited<ReturnType<typeof buildSite>>;
  beforeAll(async () => {
    build = assertBuilt(
      await buildSite({ articles: { "typo.md": article({ autor: "Редакция" }), "future.md": article({ date: "2205-11-15" }) } }),
    );
  });

  it("an unknown front matter key is named, in case it is a typo", () => {
    expect(build.stdout + build.stderr).toMatch(/articles\/typo\.md: autor: unknown front matter key, ignored; the keys are .*author/);
  });

  it("a date far in the future is named, since it is usually a mistyped year, and the article waits under embargo", () => {
    expect(build.stdout + build.stderr).toContain(
      "articles/future.md: date: 2205-11-15 is more than 30 days ahead, so the article stays under embargo until then; check the year",
    );
    expect(build.stdout).toContain(
      "[vestnik] 1 article under embargo; the next goes out at 2205-11-15 00:00 (Asia/Almaty): articles/future.md",
    );
    expect(exists(build, "2205/11/15/novost-dnya/index.html")).toBe(false);
  });
});

async function fingerprint(dir: string): Promise<Record<string, string>> {
  const prints: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    prints[path.relative(dir, file)] = createHash("sha256")
      .update(await fs.readFile(file))
      .digest("hex");
  }
  return prints;
}

describe("the production build is all or nothing", () => {
  // One published site for the three stories, in this order: two failed builds leave it as it was
  // (each takes its own article away again), then a good one replaces it.
  let first: Build;
  beforeAll(async () => {
    first = assertBuilt(
      await buildSite({ atomic: true, articles: { "a.md": article({ title: "Первая" }), "b.md": article({ title: "Вторая" }) } }),
    );
  });

  it("a build that fails on a bad article leaves the previous site byte for byte", async () => {
    const before = await fingerprint(first.output);
    const failed = await buildSite({ atomic: true, again: first, articles: { "c.md": article({ title: undefined }) } });
    expect(failed.code).toBe(1);
    expect(await fingerprint(first.output)).toEqual(before);
    await fs.rm(path.join(first.project, "articles/c.md"));
  });

  it("a build that fails at the search step leaves the previous site byte for byte", async () => {
    const before = await fingerprint(first.output);
    expect(Object.keys(before).some((file) => file.startsWith("pagefind"))).toBe(true);
    // Pagefind's binary is replaced by one that fails: the pages are written, the index is not.
    const failed = await buildSite({
      atomic: true,
      again: first,
      articles: { "d.md": article({ title: "Третья" }) },
      env: { PAGEFIND_BINARY_PATH: "/bin/false" },
    });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain("the build failed; ");
    expect(await fingerprint(first.output)).toEqual(before);
    const leftovers = (await fs.readdir(path.dirname(first.output))).filter((name) => name.includes("building"));
    expect(leftovers).toEqual([]);
    await fs.rm(path.join(first.project, "articles/d.md"));
  });

  it("replaces the published site only when every step succeeded, dropping pages of deleted articles", async () => {
    expect(Object.keys(await fingerprint(first.output))).toContain(path.join("2025/11/15/vtoraya/index.html"));
    await fs.rm(path.join(first.project, "articles/b.md"));
    const second = assertBuilt(await buildSite({ atomic: true, again: first }));
    const files = Object.keys(await fingerprint(second.output));
    expect(files).toContain(path.join("2025/11/15/pervaya/index.html"));
    expect(files).not.toContain(path.join("2025/11/15/vtoraya/index.html"));
  });

  it("makes the search index and the service worker after Eleventy has ended, from the job Eleventy left", async () => {
    const job = path.join(await fs.mkdtemp(path.join(testTempDir(), "vestnik-job-")), "index-job.json");
    // Eleventy as `npm run build` starts it: the plugin leaves the index to the next process.
    const pages = assertBuilt(
      await buildSite({ articles: { "a.md": article({ title: "Первая новость" }) }, env: { [indexJobVariable]: job } }),
    );
    expect(exists(pages, "2025/11/15/pervaya-novost/index.html")).toBe(true);
    expect(exists(pages, "pagefind")).toBe(false);
    expect(exists(pages, "sw.js")).toBe(false);
    expect(JSON.parse(await fs.readFile(job, "utf8"))).toMatchObject({ output: pages.output, search: true });
    const tsx = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
    const indexing = await promisify(execFile)(process.execPath, [tsx, path.join(repoRoot, "src/indexing.ts"), job], {
      cwd: pages.project,
    });
    expect(indexing.stdout).toMatch(/Wrote the search index \(1 part\) and service worker in [\d.]+ seconds/);
    expect(exists(pages, "pagefind/pagefind-entry.json")).toBe(true);
    expect(exists(pages, "sw.js")).toBe(true);
    const fragments = await fs.readdir(path.join(pages.output, "pagefind/fragment"));
    expect(fragments).toHaveLength(1);
  });
});

import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VestnikOptions } from "../src/options.ts";
import { article, repoRoot, setSiteOptions } from "./support/site.ts";
import { testTempDir } from "./support/temp-root.ts";

const eleventyCli = path.join(repoRoot, "node_modules/@11ty/eleventy/cmd.cjs");

const articles = {
  "2025/11/port.md": article({ title: "Порт Актау принял рекордный груз", date: "2025-11-14" }, "Первая версия текста."),
  "2025/11/most.md": article({ title: "Мост через Иртыш открыт", date: "2025-11-15" }, "Текст о мосте."),
};
const portPage = "2025/11/14/port-aktau-prinyal-rekordniy-gruz/index.html";
const mostPage = "2025/11/15/most-cherez-irtysh-otkryt/index.html";

/** Eleventy's watch mode as `npm start` runs it (incremental), on a fixture project of its own. */
class Watching {
  project = "";
  output = "";
  said = "";
  #child: ChildProcess | undefined;

  async start(siteOptions: Partial<VestnikOptions> = {}): Promise<void> {
    // A project of its own with a copy of the plugin, as an agency's repository has it: with src/
    // a symbolic link elsewhere, Eleventy's watcher names changed files by another root.
    const temp = await fs.mkdtemp(path.join(testTempDir(), "vestnik-watch-"));
    this.project = path.join(temp, "project");
    this.output = path.join(temp, "_site");
    await fs.mkdir(this.project);
    await fs.cp(path.join(repoRoot, "src"), path.join(this.project, "src"), { recursive: true });
    for (const name of ["node_modules", "_data"]) await fs.symlink(path.join(repoRoot, name), path.join(this.project, name));
    // The site overrides the theme's list layout with a copy of its own: a test edits it.
    await fs.mkdir(path.join(this.project, "_includes/vestnik"), { recursive: true });
    await fs.copyFile(path.join(repoRoot, "src/theme/layouts/vestnik/list.njk"), path.join(this.project, "_includes/vestnik/list.njk"));
    for (const name of [".eleventy.ts", ".eleventyignore", "package.json"]) {
      await fs.copyFile(path.join(repoRoot, name), path.join(this.project, name));
    }
    await setSiteOptions(this.project, siteOptions);
    for (const [name, content] of Object.entries(articles)) await this.save(name, content);
    // One process (tsx as a loader, not its CLI, which would start a second one), so that stopping it stops the build.
    const args = ["--import", "tsx", eleventyCli, "--config=.eleventy.ts", `--output=${this.output}`, "--watch", "--incremental"];
    this.#child = spawn(process.execPath, args, { cwd: this.project });
    this.#child.stdout?.on("data", (chunk) => {
      this.said += chunk;
    });
    this.#child.stderr?.on("data", (chunk) => {
      this.said += chunk;
    });
    await this.until(() => this.builds() >= 1);
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const closed = new Promise((resolve) => child.on("close", resolve));
    child.kill();
    await closed;
  }

  /** An editor saves an article. */
  async save(name: string, content: string): Promise<void> {
    await this.write(path.join(this.project, "articles", name), content);
  }

  /**
   * Saves a file of the project; while watching, until Eleventy notices: its watcher may not be
   * ready yet when it says «Watching…», and a save then goes unseen.
   */
  async write(file: string, content: string): Promise<void> {
    const noticed = this.changes();
    for (let attempt = 1; ; attempt++) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content);
      if (!this.#child || (await this.within(3000, () => this.changes() > noticed))) return;
      if (attempt === 20) throw new Error(`Eleventy did not notice ${file}:\n${this.said.slice(-2000)}`);
    }
  }

  /** How many times Eleventy said a file changed or was added. */
  changes(): number {
    return this.said.match(/\] File (changed|added):/g)?.length ?? 0;
  }

  /** The pages Eleventy rendered in build `build` (1 is the first), as paths in the output folder. */
  rendered(build: number): string[] {
    const said = this.said.split("Watching…")[build - 1] ?? "";
    return [...said.matchAll(/Writing (\S+) from/g)].map((match) => (match[1] ?? "").replace(/^.*?_site\//, "")).sort();
  }

  /** Eleventy's process id. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  builds(): number {
    return this.said.split("Watching…").length - 1;
  }

  /** The times the search index caught up with an edit, as npm start reports them. */
  indexUpdates(): string[] {
    return this.said.match(/search index updated[^\n]*/g) ?? [];
  }

  async until(done: () => boolean | Promise<boolean>): Promise<void> {
    if (!(await this.within(120_000, done))) throw new Error(`Eleventy did not rebuild:\n${this.said.slice(-2000)}`);
  }

  /** Whether `done` comes true within `ms` milliseconds, asked every 100 ms. */
  async within(ms: number, done: () => boolean | Promise<boolean>): Promise<boolean> {
    for (let waited = 0; !(await done()); waited += 100) {
      if (waited >= ms) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return true;
  }

  file(relative: string): string {
    return path.join(this.output, relative);
  }

  async mtime(relative: string): Promise<number> {
    return (await fs.stat(this.file(relative))).mtimeMs;
  }
}

describe("npm start after an editor saves an article", () => {
  const site = new Watching();
  beforeAll(() => site.start());
  afterAll(() => site.stop());

  it("shows the edit on the article page, and leaves pages the edit did not change untouched", async () => {
    const before = { front: await site.mtime("index.html"), other: await site.mtime(mostPage) };
    await new Promise((resolve) => setTimeout(resolve, 50));
    await site.save(
      "2025/11/port.md",
      article({ title: "Порт Актау принял рекордный груз", date: "2025-11-14" }, "Исправленная версия текста."),
    );
    await site.until(() => site.builds() >= 2);
    expect(await fs.readFile(site.file(portPage), "utf8")).toContain("Исправленная версия текста.");
    // The front page shows headlines and leads only: the same bytes, so it was not written again.
    expect(await site.mtime("index.html")).toBe(before.front);
    expect(await site.mtime(mostPage)).toBe(before.other);
  });

  it("rewrites the pages an edited headline shows on", async () => {
    const before = await site.mtime("index.html");
    await site.save(
      "2025/11/port.md",
      article({ title: "Порт Актау принял рекордный груз зерна", date: "2025-11-14" }, "Исправленная версия текста."),
    );
    await site.until(() => site.builds() >= 3);
    expect(await fs.readFile(site.file("index.html"), "utf8")).toContain("рекордный груз зерна");
    expect(await site.mtime("index.html")).toBeGreaterThan(before);
  });
});

describe("npm start with the search index in parts", () => {
  // A part a day: the port article (14 November) is in an older part, the bridge (15 November) in the newest.
  const site = new Watching();
  beforeAll(() => site.start({ searchPartSize: 1 }));
  afterAll(() => site.stop());

  /** The text Pagefind indexed for the port article: its part's one fragment. */
  async function portIndexed(): Promise<string> {
    const fragments = await fs.readdir(site.file("pagefind/from-2025-11-14/fragment"));
    expect(fragments).toHaveLength(1);
    return gunzipSync(await fs.readFile(site.file(`pagefind/from-2025-11-14/fragment/${fragments[0]}`))).toString("utf8");
  }

  it("re-indexes only the part of the search index that holds the edited article", async () => {
    expect(await portIndexed()).toContain("Первая версия текста.");
    const newest = await site.mtime("pagefind/pagefind-entry.json");
    await site.save("2025/11/port.md", article({ title: "Порт Актау принял рекордный груз", date: "2025-11-14" }, "Вторая версия текста."));
    await site.until(() => site.indexUpdates().length >= 1);
    expect(site.indexUpdates()[0]).toMatch(/1 of 2 parts/);
    expect(await portIndexed()).toContain("Вторая версия текста.");
    expect(await site.mtime("pagefind/pagefind-entry.json")).toBe(newest);
  });

  it("catches up with an edit in a process of its own, at a lower priority than Eleventy's", async () => {
    const updates = site.indexUpdates().length;
    await site.save("2025/11/port.md", article({ title: "Порт Актау принял рекордный груз", date: "2025-11-14" }, "Третья версия текста."));
    await site.until(() => site.indexUpdates().length > updates);
    // /proc/<pid>/stat after the command's name: state, parent, … and the nice value 17th.
    const stat = async (pid: number) => {
      const text = await fs.readFile(`/proc/${pid}/stat`, "utf8");
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      return { parent: Number(fields[1]), nice: Number(fields[16]) };
    };
    const eleventy = site.pid as number;
    const indexers: number[] = [];
    for (const name of await fs.readdir("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const command = await fs.readFile(`/proc/${name}/cmdline`, "utf8");
        if (command.includes("search/index-process.ts") && (await stat(Number(name))).parent === eleventy) indexers.push(Number(name));
      } catch {
        // ended meanwhile
      }
    }
    expect(indexers).toHaveLength(1);
    expect((await stat(indexers[0] as number)).nice).toBeGreaterThan((await stat(eleventy)).nice);
  });
});

describe("npm start renders again only the list pages and feeds an edit changed", () => {
  // One article a page: the front page is / (the bridge, 15 November) and /page/1/ (the port, 14
  // November); the tag Логистика, which both carry, likewise.
  const site = new Watching();
  beforeAll(() => site.start({ articlesPerPage: 1, olderArticlesPerPage: 1, tagArticlesPerPage: 1 }));
  afterAll(() => site.stop());
  // The site's feed is in three formats, a tag's in RSS alone.
  const siteFeeds = ["feed.atom", "feed.json", "feed.xml"];

  it("renders the pages and feeds that show an edited headline, and no other list", async () => {
    await site.save("2025/11/port.md", article({ title: "Порт Актау принял рекордный груз угля", date: "2025-11-14" }, "Текст."));
    await site.until(() => site.builds() >= 2);
    const lists = site.rendered(2).filter((file) => file !== portPage && !file.startsWith("2025/"));
    const rendered = ["page/1/index.html", "tags/logistika/page/1/index.html", ...siteFeeds, "tags/logistika/feed.xml"];
    // Pages that list every article (the list of tags, the feeds page, the sitemap…) are rendered each time.
    expect(lists).toEqual(expect.arrayContaining(rendered));
    expect(lists).not.toContain("index.html");
    expect(lists).not.toContain("tags/logistika/index.html");
    expect(site.rendered(2)).not.toContain(mostPage);
    for (const file of ["page/1/index.html", "tags/logistika/page/1/index.html", "feed.json", "tags/logistika/feed.xml"]) {
      expect(await fs.readFile(site.file(file), "utf8")).toContain("рекордный груз угля");
    }
  });

  it("renders the list pages a new article changes, and the pages of its new tag", async () => {
    await site.save("2025/11/gaz.md", article({ title: "Газопровод достроен", date: "2025-11-16", tags: ["Энергетика"] }, "Текст."));
    await site.until(() => site.builds() >= 3);
    const lists = site.rendered(3);
    // The bridge moves from the front page to a new older page, page 2; the port stays on page 1,
    // whose «newer» link now leads to page 2.
    expect(lists).toEqual(expect.arrayContaining(["index.html", "page/1/index.html", "page/2/index.html", "tags/energetika/index.html"]));
    expect(lists.filter((file) => file.startsWith("tags/logistika/"))).toEqual([]);
    expect(await fs.readFile(site.file("page/1/index.html"), "utf8")).toContain("рекордный груз угля");
    expect(await fs.readFile(site.file("page/2/index.html"), "utf8")).toContain("Мост через Иртыш");
    expect(await fs.readFile(site.file("index.html"), "utf8")).toContain("Газопровод достроен");
  });

  it("renders every list page again when a layout changes", async () => {
    const layout = path.join(site.project, "_includes/vestnik/list.njk");
    const before = await fs.readFile(layout, "utf8");
    expect(before).toContain("{{ s.latestNews }}");
    await site.write(layout, before.replace("{{ s.latestNews }}", "Все новости"));
    await site.until(() => site.builds() >= 4);
    const lists = site.rendered(4);
    expect(lists).toEqual(
      expect.arrayContaining([
        "index.html",
        "page/1/index.html",
        "page/2/index.html",
        "tags/logistika/index.html",
        "tags/logistika/page/1/index.html",
      ]),
    );
    expect(await fs.readFile(site.file("page/1/index.html"), "utf8")).toContain("Все новости");
  });
});

import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { article, repoRoot } from "./support/site.ts";
import { testTempDir } from "./support/temp-root.ts";

const eleventyCli = path.join(repoRoot, "node_modules/@11ty/eleventy/cmd.cjs");

const articles = {
  "2025/11/port.md": article({ title: "Порт Актау принял рекордный груз", date: "2025-11-14" }, "Первая версия текста."),
  "2025/11/most.md": article({ title: "Мост через Иртыш открыт", date: "2025-11-15" }, "Текст о мосте."),
};

/** Eleventy's watch mode as `npm start` runs it (incremental), on a fixture project. */
describe("npm start after an editor saves an article", () => {
  let project: string;
  let output: string;
  let child: ChildProcess;
  let said = "";
  const builds = () => said.split("Watching…").length - 1;
  const until = async (done: () => boolean) => {
    for (let waited = 0; !done(); waited += 100) {
      if (waited > 120_000) throw new Error(`Eleventy did not rebuild:\n${said.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const file = (relative: string) => path.join(output, relative);
  const mtime = async (relative: string) => (await fs.stat(file(relative))).mtimeMs;
  const portPage = "2025/11/14/port-aktau-prinyal-rekordniy-gruz/index.html";

  beforeAll(async () => {
    // A project of its own with a copy of the plugin, as an agency's repository has it: with src/
    // a symbolic link elsewhere, Eleventy's watcher names changed files by another root.
    const temp = await fs.mkdtemp(path.join(testTempDir(), "vestnik-watch-"));
    project = path.join(temp, "project");
    output = path.join(temp, "_site");
    await fs.mkdir(project);
    await fs.cp(path.join(repoRoot, "src"), path.join(project, "src"), { recursive: true });
    for (const name of ["node_modules", "_includes", "_data"]) await fs.symlink(path.join(repoRoot, name), path.join(project, name));
    for (const name of [".eleventy.ts", ".eleventyignore", "package.json"])
      await fs.copyFile(path.join(repoRoot, name), path.join(project, name));
    for (const [name, content] of Object.entries(articles)) {
      await fs.mkdir(path.dirname(path.join(project, "articles", name)), { recursive: true });
      await fs.writeFile(path.join(project, "articles", name), content);
    }
    // One process (tsx as a loader, not its CLI, which would start a second one), so that stopping it stops the build.
    child = spawn(
      process.execPath,
      ["--import", "tsx", eleventyCli, "--config=.eleventy.ts", `--output=${output}`, "--watch", "--incremental"],
      {
        cwd: project,
      },
    );
    child.stdout?.on("data", (chunk) => {
      said += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      said += chunk;
    });
    await until(() => builds() >= 1);
  });
  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const closed = new Promise((resolve) => child.on("close", resolve));
    child.kill();
    await closed;
  });

  it("shows the edit on the article page, and leaves pages the edit did not change untouched", async () => {
    const before = { front: await mtime("index.html"), other: await mtime("2025/11/15/most-cherez-irtysh-otkryt/index.html") };
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fs.writeFile(
      path.join(project, "articles/2025/11/port.md"),
      article({ title: "Порт Актау принял рекордный груз", date: "2025-11-14" }, "Исправленная версия текста."),
    );
    await until(() => builds() >= 2);
    expect(await fs.readFile(file(portPage), "utf8")).toContain("Исправленная версия текста.");
    // The front page shows headlines and leads only: the same bytes, so it was not written again.
    expect(await mtime("index.html")).toBe(before.front);
    expect(await mtime("2025/11/15/most-cherez-irtysh-otkryt/index.html")).toBe(before.other);
  });

  it("rewrites the pages an edited headline shows on", async () => {
    const before = await mtime("index.html");
    await fs.writeFile(
      path.join(project, "articles/2025/11/port.md"),
      article({ title: "Порт Актау принял рекордный груз зерна", date: "2025-11-14" }, "Исправленная версия текста."),
    );
    await until(() => builds() >= 3);
    expect(await fs.readFile(file("index.html"), "utf8")).toContain("рекордный груз зерна");
    expect(await mtime("index.html")).toBeGreaterThan(before);
  });
});

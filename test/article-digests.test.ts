import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { digestArticlesAside, keepArticleIdentities } from "../src/article-digests.ts";
import { digestOf } from "../src/last-build.ts";
import { testTempDir } from "./support/temp-root.ts";

/** An articles folder with two articles. */
async function articlesFolder(): Promise<string> {
  const root = await fs.mkdtemp(path.join(testTempDir(), "vestnik-digests-"));
  await fs.mkdir(path.join(root, "2025/11"), { recursive: true });
  await fs.writeFile(path.join(root, "2025/11/a.md"), "---\ntitle: А\n---\nПервая новость.\n");
  await fs.writeFile(path.join(root, "2025/11/b.md"), "---\ntitle: Б\n---\nВторая новость.\n");
  return root;
}

/** A moment after which the files written so far count as settled (in a build: two seconds ago). */
const afterNow = () => Date.now() + 1000;

describe("the articles' digests", () => {
  it("are the digests of the files' text, by path in the articles folder", async () => {
    const root = await articlesFolder();
    const { digests } = await digestArticlesAside(root, path.join(root, "none.v8"));
    expect(digests).toEqual(
      new Map([
        ["2025/11/a.md", digestOf("---\ntitle: А\n---\nПервая новость.\n")],
        ["2025/11/b.md", digestOf("---\ntitle: Б\n---\nВторая новость.\n")],
      ]),
    );
  });

  it("take an unchanged file's digest from the last build's record of its identity, without reading it", async () => {
    const root = await articlesFolder();
    const known = path.join(root, "known.v8");
    const first = await digestArticlesAside(root, known, afterNow());
    // A digest the text does not have: found again only if the file was not read.
    keepArticleIdentities(
      known,
      first.known.map(([name, [identity]]) => [name, [identity, `kept ${name}`]]),
    );
    const { digests } = await digestArticlesAside(root, known, afterNow());
    expect(digests.get("2025/11/a.md")).toBe("kept 2025/11/a.md");
  });

  it("read again a file edited since, even to the same size and modification time", async () => {
    const root = await articlesFolder();
    const known = path.join(root, "known.v8");
    const first = await digestArticlesAside(root, known, afterNow());
    expect(first.known).toHaveLength(2);
    keepArticleIdentities(known, first.known);
    const file = path.join(root, "2025/11/a.md");
    const { mtime } = await fs.stat(file);
    const edited = "---\ntitle: А\n---\nПервая новостЬ.\n";
    await fs.writeFile(file, edited);
    await fs.utimes(file, mtime, mtime);
    const { digests } = await digestArticlesAside(root, known, afterNow());
    expect(digests.get("2025/11/a.md")).toBe(digestOf(edited));
    expect(digests.get("2025/11/b.md")).toBe(first.digests.get("2025/11/b.md"));
  });

  it("keep no identity of a file changed after the moment files count as settled, whose time may not tell the next change apart", async () => {
    const root = await articlesFolder();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settled = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fs.writeFile(path.join(root, "2025/11/c.md"), "---\ntitle: В\n---\nТретья.\n");
    const { digests, known } = await digestArticlesAside(root, path.join(root, "none.v8"), settled);
    expect(digests.has("2025/11/c.md")).toBe(true);
    expect(known.map(([name]) => name).sort()).toEqual(["2025/11/a.md", "2025/11/b.md"]);
  });
});

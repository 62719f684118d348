import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { newestPartDir, olderPartPrefix } from "../search/parts.ts";

/**
 * The site the last build published, made the start of a fresh one without copying a byte: a
 * build since the last one (src/since-last.ts) writes its few changed files into the fresh folder
 * and the published site stays as it was until the fresh one replaces it.
 *
 * Most of the published files are hard links (`cp -al`), and a file is replaced by renaming a new
 * one over it, never written in place; those the search step and the service worker write in place
 * (the files directly in the site's folder, in `pagefind/` and `search/`, and in `offline/`) are
 * copies. A folder no write is expected to reach — every year of articles but the newest, every
 * older part of the search index — is a symbolic link to the published one instead: linking each
 * of their files took 9 s of the machine's time at 50,000 articles (220,000 files and folders),
 * beside the build's own work on two cores. Before anything is written under such a folder
 * (`writable`), it is linked file by file; the ones left are moved into the fresh site when it is
 * published (`moveInto`), so the published site never loses a file while the build runs.
 */
export class LinkedSite {
  /** The folders, relative to the site, that are symbolic links to the published ones. */
  readonly #borrowed = new Set<string>();
  /** Settles once every file is linked: the error, if linking failed. */
  readonly #linking: Promise<unknown>;

  constructor(
    private readonly published: string,
    private readonly fresh: string,
  ) {
    this.#linking = this.#link().then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  /** Resolves once the published site is in the fresh folder; throws if it could not be linked. */
  async linked(): Promise<void> {
    const error = await this.#linking;
    if (error !== undefined) throw error;
  }

  /** Waits for the linking to end, however it ends (a failed build removes the fresh folder). */
  async settled(): Promise<void> {
    await this.#linking;
  }

  /**
   * Makes a file or folder of the site (relative to it, with `/`) safe to write or remove: a
   * borrowed folder above it is linked file by file first.
   */
  async writable(relative: string): Promise<void> {
    await this.linked();
    for (const folder of this.#borrowed) {
      if (relative !== folder && !relative.startsWith(`${folder}/`)) continue;
      await fs.rm(path.join(this.fresh, folder));
      await copyLinks([path.join(this.published, folder)], path.join(this.fresh, path.dirname(folder)));
      this.#borrowed.delete(folder);
    }
  }

  /**
   * Makes a file or folder of the site safe to write anew whole or to remove: a borrowed folder that
   * is the one itself only loses its link, as none of its files is kept (a search part indexed again,
   * a part or article removed); one above it is linked file by file first (`writable`).
   */
  async replaceable(relative: string): Promise<void> {
    await this.linked();
    if (!this.#borrowed.has(relative)) return this.writable(relative);
    await fs.rm(path.join(this.fresh, relative));
    this.#borrowed.delete(relative);
  }

  /**
   * Moves the borrowed folders from the published site, renamed to `previous` (the build's last
   * step), into the fresh one in place of their links: called between the two renames that publish it.
   */
  async moveInto(previous: string): Promise<void> {
    const moved: string[] = [];
    try {
      for (const folder of this.#borrowed) {
        await fs.rm(path.join(this.fresh, folder));
        await fs.rename(path.join(previous, folder), path.join(this.fresh, folder));
        moved.push(folder);
      }
    } catch (error) {
      // The published site gets back what was moved: the caller puts it back in place.
      for (const folder of moved) await fs.rename(path.join(this.fresh, folder), path.join(previous, folder));
      throw error;
    }
    this.#borrowed.clear();
  }

  async #link(): Promise<void> {
    const { published, fresh } = this;
    if (!existsSync(published)) return;
    const entries = readdirSync(published, { withFileTypes: true });
    // Years of articles: all but the newest (the one breaking news and its neighbours are written to).
    const years = entries.filter((entry) => entry.isDirectory() && /^\d{4}$/.test(entry.name)).map((entry) => entry.name);
    const newestYear = years.sort().at(-1);
    const borrowed = years.filter((year) => year !== newestYear);
    const linked = entries.filter((entry) => !borrowed.includes(entry.name) && entry.name !== newestPartDir).map((entry) => entry.name);
    // The search index's older parts (`pagefind/from-…`); the newest part's own files are linked.
    const index = path.join(published, newestPartDir);
    const parts = existsSync(index) ? readdirSync(index, { withFileTypes: true }) : [];
    const isOlder = (entry: { name: string; isDirectory(): boolean }) => entry.isDirectory() && entry.name.startsWith(olderPartPrefix);
    const olderParts = parts.filter(isOlder).map((entry) => `${newestPartDir}/${entry.name}`);
    const newestPart = parts.filter((entry) => !isOlder(entry)).map((entry) => path.join(index, entry.name));
    if (parts.length > 0) await fs.mkdir(path.join(fresh, newestPartDir), { recursive: true });
    for (const folder of [...borrowed, ...olderParts]) {
      await fs.mkdir(path.dirname(path.join(fresh, folder)), { recursive: true });
      await fs.symlink(path.join(published, folder), path.join(fresh, folder), "dir");
      this.#borrowed.add(folder);
    }
    await copyLinks(
      linked.map((name) => path.join(published, name)),
      fresh,
    );
    await copyLinks(newestPart, path.join(fresh, newestPartDir));
    const copy = async (file: string) => {
      await fs.copyFile(file, `${file}.copy`);
      await fs.rename(`${file}.copy`, file);
    };
    // The lexicon's own files (`search/lexicon/`, 2,700 at 50,000 articles) stay links: it is removed and written anew.
    for (const [dir, recursive] of [
      ["", false],
      [newestPartDir, false],
      ["search", false],
      ["offline", true],
    ] as const) {
      const folder = path.join(fresh, dir);
      if (!existsSync(folder)) continue;
      for (const entry of readdirSync(folder, { recursive, withFileTypes: true })) {
        if (entry.isFile()) await copy(path.join(entry.parentPath, entry.name));
      }
    }
  }
}

/** `cp -al` of these files and folders into `into`: hard links, folders made anew. */
function copyLinks(sources: string[], into: string): Promise<void> {
  if (sources.length === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const child = spawn("cp", ["-al", ...sources, into], { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`cp -al into ${into} failed (${code})`))));
  });
}

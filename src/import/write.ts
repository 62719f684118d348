import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { slugOf } from "../slug.ts";
import type { ImportedArticle } from "./article.ts";
import { type ArticleLibrary, readFrontMatter } from "./library.ts";

/**
 * Writing articles without ever losing one. Each file is written to a temporary file beside it and
 * then moved into place in one step, so an interrupted run leaves whole files or none. An existing
 * file is never overwritten, except the same article with `force`.
 */
export interface WriterOptions {
  /** The articles folder, e.g. `articles`; files go to `YYYY/MM/<slug>.md` under it. */
  outDir: string;
  /** Replace an article that was imported before (same URL, or same headline, date and lead). */
  force: boolean;
}

export type WriteOutcome =
  /** A new file. */
  | { status: "imported"; file: string }
  /** The same article was there with other content; `force` replaced it. */
  | { status: "replaced"; file: string }
  /** The same article is there with exactly this content. */
  | { status: "unchanged"; file: string }
  /** The same article is there with other content, and `force` was not given. */
  | { status: "kept"; file: string };

// Long headlines make unwieldy file names (and some file systems stop at 255 bytes).
const maxSlugLength = 200;

function fileSlug(title: string): string {
  const slug = slugOf(title);
  if (slug.length <= maxSlugLength) return slug;
  const cut = slug.slice(0, maxSlugLength);
  return cut.slice(0, cut.lastIndexOf("-") > 100 ? cut.lastIndexOf("-") : maxSlugLength);
}

/** Temporary files being written now, removed if the run is interrupted. */
const pending = new Set<string>();
let counter = 0;

/** Removes temporary files of writes in progress; call it before exiting on a signal. */
export function removeTemporaryFiles(): void {
  for (const file of pending) {
    try {
      unlinkSync(file);
    } catch {
      // Already moved into place or gone.
    }
  }
  pending.clear();
}

/**
 * Writes `content` to `target` through a temporary file. Without `replace` it fails with EEXIST
 * rather than overwrite: a hard link is created only if the name is free, in one step.
 */
function writeWhole(target: string, content: string, replace: boolean): void {
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true });
  counter += 1;
  const temporary = path.join(dir, `.${path.basename(target)}.${process.pid}.${counter}.tmp`);
  pending.add(temporary);
  try {
    writeFileSync(temporary, content, { flag: "wx" });
    if (replace) {
      renameSync(temporary, target);
    } else {
      try {
        linkSync(temporary, target);
      } catch (error) {
        // File systems without hard links: check, then move (a narrow race, but never a partial file).
        if ((error as NodeJS.ErrnoException).code !== "EPERM" && (error as NodeJS.ErrnoException).code !== "ENOTSUP") throw error;
        if (existsSync(target)) throw Object.assign(new Error(`${target} exists`), { code: "EEXIST" });
        renameSync(temporary, target);
      }
    }
  } finally {
    if (existsSync(temporary)) unlinkSync(temporary);
    pending.delete(temporary);
  }
}

export class ArticleWriter {
  constructor(
    readonly library: ArticleLibrary,
    readonly options: WriterOptions,
  ) {}

  /** The folder an article goes to: `<outDir>/YYYY/MM`, from the date as written. */
  folderOf(article: ImportedArticle): string {
    const [year, month] = article.date.split("-");
    return path.join(this.options.outDir, year ?? "", month ?? "");
  }

  /** Writes one rendered article; see WriteOutcome. Errors from the file system are thrown. */
  write(article: ImportedArticle, content: string): WriteOutcome {
    const same = this.library.find(article);
    if (same !== undefined && existsSync(same)) {
      if (readFileSync(same, "utf8") === content) return { status: "unchanged", file: same };
      if (!this.options.force) return { status: "kept", file: same };
      writeWhole(same, content, true);
      this.#remember(same, content);
      return { status: "replaced", file: same };
    }
    // A new article. A different article with the same headline in the same month gets `-2`, `-3`, …
    const folder = this.folderOf(article);
    const slug = fileSlug(article.title);
    for (let n = 1; ; n++) {
      const target = path.join(folder, n === 1 ? `${slug}.md` : `${slug}-${n}.md`);
      if (existsSync(target)) {
        if (readFileSync(target, "utf8") === content) return { status: "unchanged", file: target };
        continue;
      }
      try {
        writeWhole(target, content, false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") continue; // taken meanwhile: next name
        throw error;
      }
      this.#remember(target, content);
      return { status: "imported", file: target };
    }
  }

  #remember(file: string, content: string): void {
    const data = readFrontMatter(content);
    if (data) this.library.add(file, data);
  }
}

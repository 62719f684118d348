import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

/**
 * What the articles folder already holds: which files exist, which articles they are, and the
 * tags they use. The importer reads it once at the start of a run and keeps it up to date as it
 * writes, so a re-import is recognised and known tags guide the tags-line splitter.
 */

/** The facts that tell one article from another. */
export interface ArticleIdentity {
  title: string;
  date: string;
  lead?: string;
  sourceUrl?: string;
}

/** Two records are the same article: same original URL, or (without one) same headline, date and lead. */
function identityKeys(article: ArticleIdentity): string[] {
  if (article.sourceUrl) return [`url ${article.sourceUrl}`];
  return [`text ${article.date}\u0000${article.title}\u0000${article.lead ?? ""}`];
}

/** Reads the YAML front matter of a Markdown file; undefined when it has none or it is broken. */
export function readFrontMatter(content: string): Record<string, unknown> | undefined {
  const match = content.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n/u);
  if (!match) return undefined;
  try {
    const data = yaml.load(match[1] as string, { schema: yaml.CORE_SCHEMA });
    return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

export class ArticleLibrary {
  /** Every tag used by an article in the folder. */
  readonly tags = new Set<string>();
  readonly #byIdentity = new Map<string, string>();

  /** Reads every `*.md` under `dir` (missing folder: an empty library). */
  static read(dir: string): ArticleLibrary {
    const library = new ArticleLibrary();
    for (const file of markdownFiles(dir)) {
      const data = readFrontMatter(readFileSync(file, "utf8"));
      if (data) library.add(file, data);
    }
    return library;
  }

  /** Records an article file; `data` is its front matter as read or written. */
  add(file: string, data: Record<string, unknown>): void {
    if (Array.isArray(data.tags)) for (const tag of data.tags) if (typeof tag === "string" && tag.trim() !== "") this.tags.add(tag.trim());
    const { title, date, lead, sourceUrl } = data;
    if (typeof title !== "string" || (typeof date !== "string" && !(date instanceof Date))) return;
    const identity: ArticleIdentity = {
      title,
      date: typeof date === "string" ? date : date.toISOString().slice(0, 10),
      ...(typeof lead === "string" ? { lead } : {}),
      ...(typeof sourceUrl === "string" ? { sourceUrl } : {}),
    };
    for (const key of identityKeys(identity)) if (!this.#byIdentity.has(key)) this.#byIdentity.set(key, file);
  }

  /** The file that already holds this article, if any. */
  find(article: ArticleIdentity): string | undefined {
    for (const key of identityKeys(article)) {
      const file = this.#byIdentity.get(key);
      if (file !== undefined) return file;
    }
    return undefined;
  }
}

/**
 * Tags from a list the newsroom keeps (`_data/tags.json` or `_data/tags.yaml`): a list of tags,
 * or an object whose keys are tags. Throws with the file name when the list cannot be read.
 */
export function readTagsList(file: string): string[] {
  const content = readFileSync(file, "utf8");
  let data: unknown;
  try {
    data = file.endsWith(".json") ? JSON.parse(content) : yaml.load(content, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new Error(`${file}: cannot read the tags list (${error instanceof Error ? error.message : String(error)}); fix its syntax`);
  }
  const tags = Array.isArray(data) ? data : typeof data === "object" && data !== null ? Object.keys(data) : undefined;
  if (!tags) throw new Error(`${file}: the tags list must be a list of tags, e.g. ["Логистика", "Узбекистан"]`);
  return tags.filter((tag): tag is string => typeof tag === "string" && tag.trim() !== "").map((tag) => tag.trim());
}

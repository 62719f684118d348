import yaml from "js-yaml";
import { type ArticleFrontMatter, articleSchema, type Photo } from "../articles/schema.ts";
import { parseArticleDate } from "../dates.ts";
import { paragraphToMarkdown } from "./body-markdown.ts";

/** Where a piece of input came from, for messages: `exports/kazinform.txt:1`. */
export interface InputPlace {
  file: string;
  /** 1-based line number in the file; 0 for the file as a whole. */
  line: number;
}

/** Bad input, told the way an editor can fix it: the file and line, what is wrong, what to do. */
export class InputProblem extends Error {
  constructor(
    readonly place: InputPlace,
    /** What is wrong, e.g. `no date line`. */
    readonly reason: string,
    /** How to fix it, e.g. `the export starts with «date 2025-11-15 РУ»`. */
    readonly fix: string,
  ) {
    super(`${place.line > 0 ? `${place.file}:${place.line}` : place.file}: ${reason}; ${fix}`);
    this.name = "InputProblem";
  }
}

/** An article read from an export, before it is written as Markdown. */
export interface ImportedArticle {
  title: string;
  /** As written in the export: `2025-11-15` or an ISO date-time. */
  date: string;
  /** Only when it differs from the site's language, e.g. `kk`. */
  lang?: string;
  lead?: string;
  tags: string[];
  /** The byline. */
  author?: string;
  photos: Photo[];
  /** Body paragraphs, plain text as published (not Markdown). */
  body: string[];
  /** Where it was first published, e.g. `Kazinform`. */
  source?: string;
  sourceUrl?: string;
  license?: string;
  /** Where the article starts in the input. */
  place: InputPlace;
}

/** Front matter keys in the order an editor reads them; the seed article uses this order. */
function frontMatterOf(article: ImportedArticle): Record<string, unknown> {
  const data: Record<string, unknown> = { title: article.title, date: article.date };
  if (article.lang !== undefined) data.lang = article.lang;
  if (article.lead !== undefined && article.lead !== "") data.lead = article.lead;
  if (article.tags.length > 0) data.tags = article.tags;
  if (article.author !== undefined && article.author !== "") data.author = article.author;
  if (article.photos.length > 0) data.photos = article.photos;
  if (article.source !== undefined && article.source !== "") data.source = article.source;
  if (article.sourceUrl !== undefined && article.sourceUrl !== "") data.sourceUrl = article.sourceUrl;
  if (article.license !== undefined && article.license !== "") data.license = article.license;
  return data;
}

// The site reads front matter with YAML's core schema, where a date is plain text; js-yaml's
// default schema would quote it. Any ISO date or date-time is written bare, as editors write it.
const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The article as a Markdown file: YAML front matter (plain scalars, 2-space lists) and the body.
 * Checks the front matter against the build's schema first, so nothing the build would refuse is written.
 * Throws an InputProblem naming the field when it does not pass.
 */
export function renderArticle(article: ImportedArticle, zone: string): string {
  const data = frontMatterOf(article);
  const checked = articleSchema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join(".") : "front matter";
    throw new InputProblem(article.place, `${field} ${issue?.message ?? "is invalid"}`, "correct it in the export");
  }
  const date = parseArticleDate(article.date, zone);
  if (!date.ok) throw new InputProblem(article.place, `date ${date.problem}`, "correct the date in the export");
  let front = yaml.dump(data, { lineWidth: -1, noRefs: true, schema: yaml.DEFAULT_SCHEMA });
  if (isoDate.test(article.date)) front = front.replace(/^date: .*$/m, `date: ${article.date}`);
  // The file must read back as written under the core schema the build uses.
  const back = articleSchema.parse(yaml.load(front, { schema: yaml.CORE_SCHEMA })) satisfies ArticleFrontMatter;
  if (back.title !== article.title || back.date !== article.date) {
    throw new InputProblem(article.place, "front matter does not read back as written", "report this as an importer bug");
  }
  const body = article.body.map(paragraphToMarkdown).join("\n\n");
  return `---\n${front}---\n\n${body}\n`;
}

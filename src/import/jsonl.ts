import type { Photo } from "../articles/schema.ts";
import { type ImportedArticle, InputProblem } from "./article.ts";

/**
 * JSON Lines archives (as in shared/corpus/*.jsonl): one article a line, an object with
 * `title`, `date` (ISO), `lead`, `body` (paragraphs split by blank lines), `tags[]`, `author`
 * (may be null), `captions[]` (photo captions, no credits), `lang`, `url`, `license`, `source`.
 * Other keys (`id`, `date_estimated`, `via`, …) are ignored.
 */
export interface JsonLinesOptions {
  /** The site's language: an article in it gets no `lang`. Default `ru`. */
  siteLanguage?: string;
  /** The language of a line without `lang` (`--lang`). Default: the site's. */
  language?: string;
}

/** One line's outcome: an article, or the problem that line has. */
export type JsonLine = { ok: true; article: ImportedArticle } | { ok: false; problem: InputProblem };

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function textList(value: unknown, place: { file: string; line: number }, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputProblem(place, `${field} must be a list of strings`, `write it as "${field}": ["…", "…"]`);
  return [...new Set(value.map(text).filter((item): item is string => item !== undefined))];
}

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** Reads one line's object into an article. Throws InputProblem naming the field. */
function articleOf(raw: unknown, place: { file: string; line: number }, options: JsonLinesOptions): ImportedArticle {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InputProblem(place, "not a JSON object", 'each line holds one article as {"title": …, "date": …, "body": …}');
  }
  const record = raw as Record<string, unknown>;
  const title = text(record.title);
  if (!title) throw new InputProblem(place, "title is missing or empty", 'add "title": "…"');
  const date = text(record.date);
  if (!date) throw new InputProblem(place, "date is missing", 'add "date": "2025-11-15" (ISO 8601)');
  let lead = text(record.lead);
  let body = (typeof record.body === "string" ? record.body : "")
    .split(/\n[ \t]*\n/u)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "");
  // Archives repeat the lead as the first body paragraph; the page shows the lead already. When
  // the lead is the whole text (a one-paragraph note, or an archive with no paragraph breaks), it
  // is not a lead at all: the text stays the body and the article has no lead.
  if (lead !== undefined && body[0] === lead) {
    if (body.length > 1) body = body.slice(1);
    else lead = undefined;
  }
  if (body.length === 0) {
    throw new InputProblem(place, "empty body", 'give the article text in "body", paragraphs separated by a blank line');
  }
  const photos: Photo[] = textList(record.captions, place, "captions").map((caption) => ({ caption }));
  const lang = text(record.lang) ?? options.language;
  const url = text(record.url);
  if (url !== undefined && !isUrl(url)) {
    throw new InputProblem(place, `url «${url}» is not a full web address`, "give it as https://… or leave it out");
  }
  const author = text(record.author);
  const source = text(record.source);
  const license = text(record.license);
  return {
    title,
    date,
    ...(lang !== undefined && lang !== (options.siteLanguage ?? "ru") ? { lang } : {}),
    ...(lead !== undefined ? { lead } : {}),
    tags: textList(record.tags, place, "tags"),
    ...(author !== undefined ? { author } : {}),
    photos,
    body,
    ...(source !== undefined ? { source } : {}),
    ...(url !== undefined ? { sourceUrl: url } : {}),
    ...(license !== undefined ? { license } : {}),
    place,
  };
}

/** Reads every line; a bad line is reported with its number and the others still come through. */
export function* parseJsonLines(content: string, file: string, options: JsonLinesOptions = {}): Generator<JsonLine> {
  const lines = content.replace(/^\uFEFF/u, "").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const source = (lines[i] as string).trim();
    if (source === "") continue;
    const place = { file, line: i + 1 };
    let raw: unknown;
    try {
      raw = JSON.parse(source);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      yield { ok: false, problem: new InputProblem(place, `invalid JSON (${reason})`, "fix or remove this line") };
      continue;
    }
    try {
      yield { ok: true, article: articleOf(raw, place, options) };
    } catch (error) {
      if (!(error instanceof InputProblem)) throw error;
      yield { ok: false, problem: error };
    }
  }
}

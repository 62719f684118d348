import type { Photo } from "../articles/schema.ts";
import { type ImportedArticle, InputProblem } from "./article.ts";
import type { TagSplitter } from "./tags-line.ts";

/**
 * The news agency's plain-text export (see shared/seed/README.md), one article a file:
 *
 *     date 2025-11-15 РУ                      ← date and language (РУ, ҚАЗ, ENG; else --lang)
 *     Headline
 *
 *     Lead paragraph.
 *
 *     Photo caption                           ← a photo: caption, then its credit
 *     Фото: portaktau.kz
 *
 *     Body paragraph…                         ← body paragraphs, photos between them
 *
 *     Tag one Tag two Tag three               ← the tags, joined by spaces
 *     Author Name                             ← the byline
 *
 * Leading indentation is not content. Lines of one paragraph are joined with a space.
 */
export interface AgencyTextOptions {
  /** The agency's name for `source`, e.g. `Kazinform`. */
  source: string;
  /** Splits the tags line into tags. */
  tags: TagSplitter;
  /** The site's language: an article in it gets no `lang`. Default `ru`. */
  siteLanguage?: string;
  /** The language of an export whose date line names none (`--lang`). Default: the site's. */
  language?: string;
}

/** A run of non-blank lines, with the line number of its first line. */
interface Block {
  lines: string[];
  line: number;
}

// The language marks the export uses, and what a tired editor may type instead.
const languages: [RegExp, string][] = [
  [/^(?:РУ|РУС|RU|RUS|РУССКИЙ)$/u, "ru"],
  [/^(?:ҚАЗ|КАЗ|KAZ|KZ|KK|QAZ|ҚАЗАҚ|КАЗАХ)$/u, "kk"],
  [/^(?:ENG|EN|АНГЛ|АНГ|ENGLISH)$/u, "en"],
];

function languageOf(mark: string): string | undefined {
  const cleaned = mark.toUpperCase().replace(/[^\p{L}]/gu, "");
  return languages.find(([pattern]) => pattern.test(cleaned))?.[1];
}

const dateLine = /^date\s+(\S+)(?:\s+(\S+))?\s*$/iu;
const creditLine = /^(?:Фото|Photo|Сурет|Foto)\s*:\s*(.*)$/iu;
// A paragraph ends like a sentence; a tags line or a byline does not.
const sentenceEnd = /[.!?…»")]$/u;

function blocksOf(lines: string[], from: number): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === "") {
      current = undefined;
    } else if (current) {
      current.lines.push(line);
    } else {
      current = { lines: [line], line: i + 1 };
      blocks.push(current);
    }
  }
  return blocks;
}

/** Reads one exported article. `file` is only used in messages. Throws InputProblem on bad input. */
export function parseAgencyText(text: string, file: string, options: AgencyTextOptions): ImportedArticle {
  const lines = text.replace(/^\uFEFF/u, "").split(/\r?\n|\r/u);
  const first = lines.findIndex((line) => line.trim() !== "");
  const at = (line: number) => ({ file, line });
  if (first === -1) throw new InputProblem(at(1), "the file is empty", "export the article again");

  const header = (lines[first] as string).trim().match(dateLine);
  if (!header) {
    throw new InputProblem(at(first + 1), "no date line", "the export starts with a line such as «date 2025-11-15 РУ»");
  }
  const date = header[1] as string;
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\S+)?$/u.test(date)) {
    throw new InputProblem(at(first + 1), `unparsable date «${date}»`, "write it as YYYY-MM-DD, e.g. «date 2025-11-15 РУ»");
  }
  let lang: string | undefined = options.language;
  if (header[2] !== undefined) {
    lang = languageOf(header[2]);
    if (lang === undefined) {
      throw new InputProblem(at(first + 1), `unknown language «${header[2]}»`, "use РУ, ҚАЗ or ENG after the date");
    }
  }

  const blocks = blocksOf(lines, first + 1);
  const headline = blocks.shift();
  if (!headline) throw new InputProblem(at(first + 2), "no headline after the date line", "put the headline on the next line");
  const lead = blocks.shift();
  if (!lead) throw new InputProblem(at(headline.line + 1), "no lead paragraph after the headline", "add the lead after a blank line");

  // The last block holds the tags line and the byline; a last block that reads like a sentence is body.
  const tail = blocks.at(-1);
  let tagsLine: string | undefined;
  let author: string | undefined;
  if (tail && !(tail.lines.length === 1 && sentenceEnd.test(tail.lines[0] as string))) {
    blocks.pop();
    if (tail.lines.length === 1) {
      tagsLine = tail.lines[0];
    } else {
      author = tail.lines.at(-1);
      tagsLine = tail.lines.slice(0, -1).join(" ");
    }
  }

  const body: string[] = [];
  const photos: Photo[] = [];
  for (const block of blocks) {
    const credit = (block.lines.at(-1) as string).match(creditLine);
    if (credit) {
      const photo: Photo = {};
      const caption = block.lines.slice(0, -1).join(" ");
      if (caption !== "") photo.caption = caption;
      if ((credit[1] as string).trim() !== "") photo.credit = (credit[1] as string).trim();
      photo.after = body.length;
      photos.push(photo);
    } else {
      body.push(block.lines.join(" "));
    }
  }
  if (body.length === 0) {
    throw new InputProblem(at(lead.line), "empty body: no paragraphs after the lead and photos", "export the full article text");
  }

  return {
    title: headline.lines.join(" "),
    date,
    ...(lang !== undefined && lang !== (options.siteLanguage ?? "ru") ? { lang } : {}),
    lead: lead.lines.join(" "),
    // Split by the article's language: a Kazakh line has Kazakh conjunctions and surnames.
    tags: tagsLine ? options.tags.split(tagsLine, lang ?? options.siteLanguage ?? "ru") : [],
    ...(author !== undefined ? { author } : {}),
    photos,
    body,
    source: options.source,
    place: at(first + 1),
  };
}

import { existsSync } from "node:fs";
import path from "node:path";
import { loadMorphology, type Morphology } from "../morphology/word-facts.ts";
import { parseAgencyText } from "./agency-text.ts";
import { type ImportedArticle, InputProblem, renderArticle } from "./article.ts";
import { parseJsonLines } from "./jsonl.ts";
import { ArticleLibrary, readTagsList } from "./library.ts";
import { readUtf8 } from "./read.ts";
import { TagSplitter } from "./tags-line.ts";
import { ArticleWriter, type WriteOutcome } from "./write.ts";

/** One import run: which files, where to, and how. */
export interface ImportOptions {
  /** `.txt` agency exports and `.jsonl` archives, in the order given. */
  files: string[];
  /** The articles folder. Default `articles`. */
  outDir?: string;
  /** Replace articles imported before. Default false. */
  force?: boolean;
  /**
   * Lists of tags the newsroom uses (JSON or YAML), to split tags lines by. Default: `_data/tags.json`
   * and `_data/tags.yaml` where they exist. Tags already in the articles folder are always known.
   */
  tagsFiles?: string[];
  /** The agency's name, written as `source` of its text exports. Default `Kazinform`. */
  source?: string;
  /** The site's language; articles in it get no `lang`. Default `ru`. */
  siteLanguage?: string;
  /**
   * The language of files that do not say theirs (a date line without РУ/ҚАЗ/ENG, a JSON line
   * without `lang`): one of `importLanguages`. Default: the site's.
   */
  language?: string;
  /** The site's time zone, for checking dates. Default `Asia/Almaty`. */
  timeZone?: string;
  /** How tags-line words are analysed. Default: the OpenCorpora dictionary (see word-facts.ts). */
  morphology?: Morphology;
  /** Called after each article, for a progress line. */
  onProgress?: (progress: ImportProgress) => void;
  /** Warnings that do not stop the run (e.g. the dictionary could not be loaded). */
  warn?: (message: string) => void;
}

export interface ImportProgress {
  /** Articles handled so far (written, skipped or failed). */
  done: number;
  /** The file being read. */
  file: string;
}

/** What a run did. Every article given ends up in exactly one list. */
export interface ImportReport {
  imported: string[];
  replaced: string[];
  /** Already there with the same content. */
  unchanged: string[];
  /** Already there with other content; `--force` would replace them. */
  kept: string[];
  /** Articles (or whole files) that could not be imported, with file, line and reason. */
  failed: InputProblem[];
}

/** The languages an import knows, for `--lang`: their tags lines split by their own rules. */
export const importLanguages = ["ru", "kk", "en"] as const;

const defaultTagsFiles = ["_data/tags.json", "_data/tags.yaml", "_data/tags.yml"];

/** Imports the files; never throws for bad input, which ends up in `failed`. */
export async function importArticles(options: ImportOptions): Promise<ImportReport> {
  const outDir = options.outDir ?? "articles";
  const zone = options.timeZone ?? "Asia/Almaty";
  const warn = options.warn ?? (() => {});
  const report: ImportReport = { imported: [], replaced: [], unchanged: [], kept: [], failed: [] };

  const library = ArticleLibrary.read(outDir);
  const known = new Set(library.tags);
  for (const file of options.tagsFiles ?? defaultTagsFiles.filter((candidate) => existsSync(candidate))) {
    for (const tag of readTagsList(file)) known.add(tag);
  }
  const tags = new TagSplitter({ known, morphology: options.morphology ?? (await loadMorphology(warn)) });
  const writer = new ArticleWriter(library, { outDir, force: options.force ?? false });

  let done = 0;
  const handle = (article: ImportedArticle): void => {
    try {
      const outcome: WriteOutcome = writer.write(article, renderArticle(article, zone));
      const list = { imported: report.imported, replaced: report.replaced, unchanged: report.unchanged, kept: report.kept }[outcome.status];
      list.push(outcome.file);
      // Tags of an archive's articles help split the tags lines of the exports that follow.
      for (const tag of article.tags) tags.learn(tag);
    } catch (error) {
      if (!(error instanceof InputProblem)) throw error;
      report.failed.push(error);
    }
  };
  const progress = (file: string) => {
    done += 1;
    options.onProgress?.({ done, file });
  };

  for (const file of options.files) {
    try {
      if (!existsSync(file)) throw new InputProblem({ file, line: 0 }, "no such file", "check the path");
      const content = readUtf8(file);
      const format = path.extname(file).toLowerCase();
      if (format === ".jsonl") {
        for (const line of parseJsonLines(content, file, { siteLanguage: options.siteLanguage ?? "ru", language: options.language })) {
          if (line.ok) handle(line.article);
          else report.failed.push(line.problem);
          progress(file);
        }
      } else if (format === ".txt") {
        handle(
          parseAgencyText(content, file, {
            source: options.source ?? "Kazinform",
            tags,
            siteLanguage: options.siteLanguage ?? "ru",
            language: options.language,
          }),
        );
        progress(file);
      } else {
        throw new InputProblem(
          { file, line: 0 },
          `unknown format «${format || "no extension"}»`,
          "give .txt agency exports or .jsonl archives",
        );
      }
    } catch (error) {
      if (!(error instanceof InputProblem)) throw error;
      report.failed.push(error);
      progress(file);
    }
  }
  return report;
}

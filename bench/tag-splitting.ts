/**
 * How well the tags-line splitter recovers real tag lists: each selected corpus article's tags are
 * joined with spaces, as the agency export writes them, split again with no known tags, and compared.
 *
 * Selection (the kind of tags an agency line holds): Russian Wikinews articles with at least 3 tags,
 * at least one of them of several words, and every tag Cyrillic words only — capitalised first word,
 * letters and inner hyphens, no Latin, digits, brackets, quotes or commas (that drops the dataset's
 * «Surname, Name» inversions and Latin brand names, which an agency line does not carry). Surface
 * forms such as «Японии» are kept as they are: they are noise the splitter has to live with.
 *
 * Run: npx tsx bench/tag-splitting.ts [--morphology rules|dictionary] [--failures]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TagSplitter } from "../src/import/tags-line.ts";
import { loadMorphology, type Morphology, spellingRules } from "../src/morphology/word-facts.ts";

const corpus = fileURLToPath(new URL("../../shared/corpus/ru-wikinews.jsonl", import.meta.url));

// A word: a Cyrillic letter, then lower-case Cyrillic letters, parts joined by hyphens.
const word = String.raw`\p{Script=Cyrillic}[\p{Script=Cyrillic}&&\p{Ll}]*(?:-\p{Script=Cyrillic}[\p{Script=Cyrillic}&&\p{Ll}]*)*`;
const agencyStyleTag = new RegExp(`^(?=\\p{Lu})${word}(?: ${word})*$`, "v");

/** The tag lists of the selected articles, in corpus order, duplicates (same list) once. */
export function corpusTagLists(file = corpus): string[][] {
  const seen = new Set<string>();
  const lists: string[][] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const { tags } = JSON.parse(line) as { tags?: unknown };
    if (!Array.isArray(tags) || !tags.every((tag): tag is string => typeof tag === "string")) continue;
    if (tags.length < 3 || !tags.every((tag) => agencyStyleTag.test(tag)) || !tags.some((tag) => tag.includes(" "))) continue;
    const key = tags.join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    lists.push(tags);
  }
  return lists;
}

export interface SplitAccuracy {
  lines: number;
  /** Share of lines split exactly into the original tags. */
  exact: number;
  /** Share of produced tags that are original tags. */
  precision: number;
  /** Share of original tags that were produced. */
  recall: number;
  failures: { expected: string[]; got: string[] }[];
}

export function measureTagSplitting(lists: string[][], morphology: Morphology): SplitAccuracy {
  const splitter = new TagSplitter({ morphology });
  let exact = 0;
  let produced = 0;
  let expectedTotal = 0;
  let correct = 0;
  const failures: SplitAccuracy["failures"] = [];
  for (const expected of lists) {
    const got = splitter.split(expected.join(" "));
    const want = new Set(expected);
    produced += got.length;
    expectedTotal += want.size;
    correct += got.filter((tag) => want.has(tag)).length;
    if (got.length === want.size && got.every((tag) => want.has(tag))) exact += 1;
    else failures.push({ expected, got });
  }
  return {
    lines: lists.length,
    exact: exact / lists.length,
    precision: correct / produced,
    recall: correct / expectedTotal,
    failures,
  };
}

export function describe(accuracy: SplitAccuracy, morphology: Morphology): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  return `${morphology.name}: ${accuracy.lines} lines, exact ${pct(accuracy.exact)}, tag precision ${pct(accuracy.precision)}, recall ${pct(accuracy.recall)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lists = corpusTagLists();
  const choice = process.argv.includes("--morphology") ? process.argv[process.argv.indexOf("--morphology") + 1] : undefined;
  const morphologies =
    choice === "rules" ? [spellingRules] : choice === "dictionary" ? [await loadMorphology()] : [spellingRules, await loadMorphology()];
  for (const morphology of morphologies) {
    const accuracy = measureTagSplitting(lists, morphology);
    console.log(describe(accuracy, morphology));
    if (process.argv.includes("--failures")) {
      for (const { expected, got } of accuracy.failures) console.log(`  want ${expected.join(" | ")}\n  got  ${got.join(" | ")}`);
    }
  }
}

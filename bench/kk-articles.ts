/**
 * A Kazakh test archive, recombined from KazNERD's sentences (`../shared/corpus/kk-kaznerd-sentences.jsonl`,
 * Kazakh TV news transcripts, CC BY 4.0, github.com/IS2AI/KazNERD, by ISSAI). The file's sentences
 * come shuffled, not as articles, so an article here is made of consecutive lines of the file:
 * eight at a time, in file order. Its headline is the first of its eight that reads as one (30–100
 * characters of letters, spaces, commas and «quotes», so the site's typography leaves it as it is),
 * without its full stop; its lead is the next sentence; the rest make its body, two sentences a
 * paragraph. Its tags are the names it mentions, as the words with a capital inside a sentence,
 * kept in the form the whole file has most often alone (so «Қазақстанның» is tagged «Қазақстан»),
 * at most three, the archive's rarer ones first. One article a day from 1 January 2024. The
 * sentences after those the articles use are left for the queries (search-queries-kk.ts): other
 * forms of the archive's words found there are forms a real text wrote.
 *
 * Run: npx tsx bench/kk-articles.ts [--count 300] > articles.jsonl
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const kazakhCorpus = fileURLToPath(new URL("../../shared/corpus/kk-kaznerd-sentences.jsonl", import.meta.url));
export const kazakhCredit = {
  source: "KazNERD (Kazakh TV news transcripts)",
  license: "CC BY 4.0",
  url: "https://github.com/IS2AI/KazNERD",
} as const;

/** Sentences per article. */
const perArticle = 8;
/** Articles in the evaluation archive: a few hundred, so that its build takes a minute or two. */
export const defaultArticleCount = 300;

/** One article as the JSON Lines importer reads it (src/import/jsonl.ts). */
export interface KazakhArticle {
  id: string;
  title: string;
  date: string;
  lead: string;
  body: string;
  tags: string[];
  lang: "kk";
  source: string;
  license: string;
  url: string;
  /** The article's sentences, title included: what the queries are made from. */
  sentences: string[];
}

export function kazakhSentences(): { id: string; text: string }[] {
  return readFileSync(kazakhCorpus, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { id: string; text: string })
    .map(({ id, text }) => ({ id, text: text.normalize("NFC").replace(/\s+/g, " ").trim() }));
}

const headline = /^[\p{L} ,«»]{30,100}\.$/u;
const wordPattern = /[\p{L}\p{N}]+/gu;

/** Words with a capital that do not begin their sentence: names of people, places, bodies. */
export function namesIn(sentence: string): string[] {
  const words = [...sentence.matchAll(/(?<=[\p{L}\p{N},;:»)] )(\p{Lu}\p{Ll}{2,})/gu)].map((match) => match[1] ?? "");
  return words.filter(Boolean);
}

/** The archive's articles, and the sentences of the file they leave unused. */
export function kazakhArchive(count = defaultArticleCount): { articles: KazakhArticle[]; rest: string[] } {
  const lines = kazakhSentences();
  const sentences = lines.map((line) => line.text);
  const sentenceIds = lines.map((line) => line.id);
  // The form each capitalised word has most often alone, file-wide: a name's tag.
  const bare = new Map<string, number>();
  for (const sentence of sentences) for (const name of namesIn(sentence)) bare.set(name, (bare.get(name) ?? 0) + 1);
  const tagOf = (name: string): string | undefined => {
    let best: string | undefined;
    for (let cut = name.length; cut >= 3; cut--) {
      const base = name.slice(0, cut);
      if ((bare.get(base) ?? 0) >= 3 && (best === undefined || (bare.get(base) ?? 0) >= (bare.get(best) ?? 0))) best = base;
    }
    return best;
  };
  const articles: KazakhArticle[] = [];
  const titles = new Set<string>();
  let next = 0;
  while (articles.length < count && next + perArticle <= sentences.length) {
    const group = sentences.slice(next, next + perArticle);
    next += perArticle;
    const at = group.findIndex((sentence) => headline.test(sentence) && !titles.has(sentence.slice(0, -1).toLowerCase()));
    if (at < 0) continue;
    const title = (group[at] ?? "").slice(0, -1);
    titles.add(title.toLowerCase());
    const others = group.filter((_, index) => index !== at);
    const [lead = "", ...body] = others;
    const paragraphs: string[] = [];
    for (let index = 0; index < body.length; index += 2) paragraphs.push(body.slice(index, index + 2).join(" "));
    const day = new Date(Date.UTC(2024, 0, 1 + articles.length));
    articles.push({
      id: `kaznerd-article-${String(articles.length + 1).padStart(4, "0")}`,
      title,
      date: day.toISOString().slice(0, 10),
      lead,
      body: paragraphs.join("\n\n"),
      tags: [],
      lang: "kk",
      ...kazakhCredit,
      // The importer tells articles apart by their source address: each names its first sentence.
      url: `${kazakhCredit.url}#${sentenceIds[next - perArticle]}`,
      sentences: [title, ...others],
    });
  }
  // Tags: the names an article mentions, the rarer ones in the archive first.
  const names = articles.map((article) => [
    ...new Set(
      article.sentences
        .flatMap(namesIn)
        .map(tagOf)
        .filter((tag) => tag !== undefined),
    ),
  ]);
  const articlesWith = new Map<string, number>();
  for (const tags of names) for (const tag of tags) articlesWith.set(tag, (articlesWith.get(tag) ?? 0) + 1);
  for (const [index, article] of articles.entries()) {
    article.tags = (names[index] ?? [])
      .filter((tag) => (articlesWith.get(tag) ?? 0) >= 2)
      .sort((a, b) => (articlesWith.get(a) ?? 0) - (articlesWith.get(b) ?? 0) || (a < b ? -1 : 1))
      .slice(0, 3);
  }
  return { articles, rest: sentences.slice(next) };
}

/** The words of a text, as search splits them. */
export function wordsOf(text: string): string[] {
  return text.match(wordPattern) ?? [];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const countAt = process.argv.indexOf("--count");
  const count = countAt > 0 ? Number(process.argv[countAt + 1]) : defaultArticleCount;
  for (const { sentences: _, ...article } of kazakhArchive(count).articles) process.stdout.write(`${JSON.stringify(article)}\n`);
}

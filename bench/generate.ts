/**
 * Synthetic newsroom archives for the scale benchmark: N articles recombined from the real Russian
 * news text in `../shared/corpus/` (Wikinews and Meduza) with a seeded PRNG, so the same seed always
 * gives the same files, byte for byte. Every article is marked `synthetic: true` (its page says so)
 * and credits the corpus it was taken from.
 *
 * What makes it look like an agency's archive, for the parts of the build that care:
 * - tags: one of a few rubrics on every article (thousands of articles each at 10,000), then one to
 *   six named-entity tags, 4.1 on average as in Russian Wikinews, grown by the law of real news tags
 *   (bench/tag-vocabulary.ts): the corpus's 2,107 real tags with their real counts («Россия», «США»
 *   big), and new people, villages and companies named from real parts as the archive grows. Seed 1
 *   gives 1,000 articles 1,742 tags (54 % of them used once), 10,000 articles 7,965 tags (43 %),
 *   50,000 articles 21,216 tags (41 %); with the rubric, 5.1 tags an article;
 * - dates spread over 2012–2025, some with a time and some a day only;
 * - bodies of 2–12 real paragraphs, leads, bylines, and a third of the articles with photos that
 *   have a caption and a credit but no image file.
 *
 * Run: `npx tsx bench/generate.ts --articles 10000 [--seed 1] --out /tmp/newsroom` writes a project
 * folder that builds with `npm run build` (see `createProject`).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import yaml from "js-yaml";
import { articleSchema } from "../src/articles/schema.ts";
import { paragraphToMarkdown } from "../src/import/body-markdown.ts";
import { slugOf } from "../src/slug.ts";
import { withSiteOptions } from "../test/support/site.ts";
import { prng } from "./random.ts";
import { nameMaker, TagDesk } from "./tag-vocabulary.ts";

export const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const corpusDir = path.resolve(repoRoot, "../shared/corpus");
const corpusFiles = ["ru-wikinews.jsonl", "ru-meduza-golunov.jsonl"];

export interface GenerateOptions {
  /** How many articles. */
  count: number;
  /** The PRNG seed; the same seed gives the same articles. Default 1. */
  seed?: number;
  /** Folder with the corpus's JSON Lines files. Default `../shared/corpus`. */
  corpus?: string;
}

/** One generated article file. */
export interface GeneratedArticle {
  /** Path under the project, e.g. `articles/2019/03/zakhvat-nemetskoi-zalozhnitsy.md`. */
  file: string;
  content: string;
  tags: string[];
}

interface CorpusArticle {
  title: string;
  lead?: string;
  paragraphs: string[];
}

interface Corpus {
  articles: CorpusArticle[];
  /** Every body paragraph, as Markdown that renders as the text. */
  paragraphs: string[];
  captions: string[];
  /** Distinct tags and how many articles carry each, in corpus order. */
  tags: Map<string, number>;
}

const corpusCache = new Map<string, Corpus>();

function readCorpus(dir: string): Corpus {
  const cached = corpusCache.get(dir);
  if (cached) return cached;
  const articles: CorpusArticle[] = [];
  const paragraphs: string[] = [];
  const captions: string[] = [];
  const tagUse = new Map<string, number>();
  for (const name of corpusFiles) {
    for (const line of readFileSync(path.join(dir, name), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const record = JSON.parse(line) as { title?: string; lead?: string; body?: string; captions?: string[]; tags?: string[] };
      // A few corpus "titles" are whole paragraphs; no agency headline is that long.
      if (!record.title || !record.body || record.title.length > 140) continue;
      const own = record.body
        .split(/\n[ \t]*\n/u)
        .map((paragraph) => paragraph.trim())
        .filter((paragraph) => paragraph !== "" && paragraph !== record.lead?.trim())
        .map(paragraphToMarkdown);
      if (own.length === 0) continue;
      articles.push({ title: record.title.trim(), lead: record.lead?.trim() || undefined, paragraphs: own });
      paragraphs.push(...own);
      captions.push(...(record.captions ?? []).map((caption) => caption.trim()).filter((caption) => caption !== ""));
      for (const tag of new Set((record.tags ?? []).map((tag) => tag.trim()))) {
        if (tag !== "") tagUse.set(tag, (tagUse.get(tag) ?? 0) + 1);
      }
    }
  }
  const corpus = { articles, paragraphs, captions, tags: tagUse };
  corpusCache.set(dir, corpus);
  return corpus;
}

/** Rubrics an agency puts on every article; their weights make them the archive's biggest tags. */
const rubrics: [string, number][] = [
  ["Политика", 0.24],
  ["Экономика", 0.2],
  ["Общество", 0.2],
  ["В мире", 0.16],
  ["Происшествия", 0.1],
  ["Спорт", 0.05],
  ["Культура", 0.05],
];

const authors = [
  "Анастасия Палагутина",
  "Ержан Сапаров",
  "Мария Кузнецова",
  "Айгерим Нурланова",
  "Дмитрий Орлов",
  "Асель Жумабаева",
  "Игорь Смирнов",
  "Динара Касымова",
  "Редакция",
];

const credits = ["Викисклад", "пресс-служба Акорды", "архив редакции", "РИА Новости", "Reuters", "Depositphotos"];

/** How many named-entity tags an article carries: one to six, 4.1 on average as in Russian Wikinews. */
const namedTagCounts: [number, number][] = [
  [1, 0.08],
  [2, 0.1],
  [3, 0.15],
  [4, 0.2],
  [5, 0.22],
  [6, 0.25],
];

/** A value from a table of [value, weight] whose weights add up to 1. */
function weighted<T>(table: readonly [T, number][], random: () => number): T {
  let roll = random();
  for (const [value, weight] of table) {
    if (roll < weight) return value;
    roll -= weight;
  }
  return (table[table.length - 1] as [T, number])[0];
}

const first = Date.UTC(2012, 0, 1);
const last = Date.UTC(2025, 9, 31);
const day = 24 * 60 * 60 * 1000;
const pad = (n: number) => String(n).padStart(2, "0");

/** The articles, in generation order. Deterministic: same options, same corpus → same articles. */
export function* generateArticles(options: GenerateOptions): Generator<GeneratedArticle> {
  const corpus = readCorpus(options.corpus ?? corpusDir);
  const random = prng(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // The tag desk draws from a stream of its own, so the tags do not shift the text and dates.
  const tagRandom = prng((options.seed ?? 1) ^ 0x5eed7a95);
  const desk = new TagDesk(
    tagRandom,
    nameMaker(corpus.tags.keys(), new Set([...corpus.tags.keys(), ...rubrics.map(([name]) => name)])),
    corpus.tags,
  );
  const takenUrls = new Set<string>();
  const takenFiles = new Set<string>();
  const days = Math.round((last - first) / day);

  for (let index = 0; index < options.count; index++) {
    const source = pick(corpus.articles);
    let date = new Date(first + Math.floor(random() * (days + 1)) * day);
    const dateOnly = random() < 0.1;
    const time = dateOnly ? "" : `T${pad(7 + Math.floor(random() * 16))}:${pad(Math.floor(random() * 60))}:00`;
    const ymdOf = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

    // One URL per day and headline: a repeated headline that day gets a number, as editors do. A
    // headline whose URL is cut short (src/slug.ts) loses the number, so it moves to the next day.
    let title = source.title;
    for (let n = 2; takenUrls.has(`${ymdOf(date)}/${slugOf(title)}`); n++) {
      title = `${source.title} (${n})`;
      if (slugOf(title) === slugOf(source.title)) {
        date = new Date(date.getTime() + day);
        title = source.title;
        n = 1;
      }
    }
    const ymd = ymdOf(date);
    takenUrls.add(`${ymd}/${slugOf(title)}`);
    const when = `${ymd}${time}`;

    const tags = [weighted(rubrics, random), ...desk.article(weighted(namedTagCounts, random))];

    const paragraphCount = 2 + Math.floor(random() * 11);
    const body = [source.paragraphs[0] ?? pick(corpus.paragraphs)];
    while (body.length < paragraphCount) body.push(pick(corpus.paragraphs));

    const photos: Record<string, unknown>[] = [];
    if (random() < 0.33 && corpus.captions.length > 0) {
      const photoCount = 1 + Math.floor(random() * 2);
      for (let n = 0; n < photoCount; n++) {
        photos.push({ caption: pick(corpus.captions), credit: pick(credits), after: Math.floor(random() * body.length) });
      }
    }
    const author = random() < 0.8 ? pick(authors) : undefined;

    const front: Record<string, unknown> = { title, date: when };
    if (source.lead) front.lead = source.lead;
    front.tags = tags;
    if (author) front.author = author;
    if (photos.length > 0) front.photos = photos;
    front.source = "Русские Викиновости и «Медуза»: абзацы статей, перемешанные для проверки производительности";
    front.license = "CC BY 4.0";
    front.synthetic = true;
    articleSchema.parse(front);

    const folder = `articles/${ymd.slice(0, 4)}/${ymd.slice(5, 7)}`;
    const slug = slugOf(title).slice(0, 120).replace(/-+$/, "");
    let file = `${folder}/${slug}.md`;
    for (let n = 2; takenFiles.has(file); n++) file = `${folder}/${slug}-${n}.md`;
    takenFiles.add(file);

    // Core schema, as the build reads it: the date stays plain text, never a YAML timestamp.
    const yamlText = yaml.dump(front, { lineWidth: -1, noRefs: true, schema: yaml.CORE_SCHEMA });
    yield { file, content: `---\n${yamlText}---\n\n${body.join("\n\n")}\n`, tags };
  }
}

/**
 * A project folder that builds like this repository, with generated articles instead of ours: the
 * plugin, layouts, site data and config files are copied (a snapshot: edits to this repository during
 * a long run do not leak into it, and Eleventy's watch mode sees one project, not paths outside it),
 * the packages symlinked. Returns the number of distinct tags.
 */
export function createProject(dir: string, options: GenerateOptions): { articles: number; tags: number } {
  mkdirSync(path.join(dir, "articles"), { recursive: true });
  if (!existsSync(path.join(dir, "node_modules"))) symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
  for (const name of ["bin", "src", "_includes", "_data"]) {
    if (existsSync(path.join(repoRoot, name))) cpSync(path.join(repoRoot, name), path.join(dir, name), { recursive: true });
  }
  for (const name of [".eleventyignore", "package.json"]) copyFileSync(path.join(repoRoot, name), path.join(dir, name));
  // A benchmark site is one language (and so may be built in shards), whatever the demo publishes,
  // with the plugin's own defaults otherwise (rare tags on shared pages, unlike test fixtures).
  writeFileSync(
    path.join(dir, ".eleventy.ts"),
    withSiteOptions(readFileSync(path.join(repoRoot, ".eleventy.ts"), "utf8"), {}, { pagePerTag: false }),
  );
  const tags = new Set<string>();
  const folders = new Set<string>();
  let articles = 0;
  for (const article of generateArticles(options)) {
    const folder = path.dirname(path.join(dir, article.file));
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(path.join(dir, article.file), article.content);
    for (const tag of article.tags) tags.add(tag);
    articles++;
  }
  return { articles, tags: tags.size };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: { articles: { type: "string", default: "1000" }, seed: { type: "string", default: "1" }, out: { type: "string" } },
  });
  if (!values.out) {
    console.error("Usage: tsx bench/generate.ts --articles 10000 [--seed 1] --out <new project folder>");
    process.exit(2);
  }
  const started = performance.now();
  const made = createProject(path.resolve(values.out), { count: Number(values.articles), seed: Number(values.seed) });
  console.log(`${made.articles} articles, ${made.tags} tags in ${values.out} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

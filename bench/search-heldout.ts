/**
 * Held-out search queries: new queries of the evaluation's categories, made from the Wikinews corpus
 * by rule, never from the public sample. Articles that any public query is about are left out, so
 * these are articles and words the search was never tuned on. So are articles whose headline the
 * site's typography changes beyond what the evaluator's comparison ignores (a Latin «C» inside a
 * Russian word, straight quotes and apostrophes, a hyphen for a dash): the evaluator compares the
 * published headline, so such an article could never be judged found.
 *
 * Each category draws from a random stream of its own (the seed and the category's name), so a
 * change to one category's rule leaves the other categories' queries as they were.
 *
 * Run: npx tsx bench/search-heldout.ts [--per-category 40] [--seed 4] > bench/search-heldout.jsonl
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Az from "az";
import { loadMorphology } from "../src/morphology/word-facts.ts";
import { Typography } from "../src/typography.ts";
import { namedStreams } from "./random.ts";

interface Paradigm {
  word: string;
  parser: string;
  score: number;
  formCnt?: number;
  tag: Record<string, unknown>;
  normalize(): Paradigm | false;
  inflect(form: number | string[]): Paradigm | false;
  toString(): string;
}
const analyse = Az.Morph as unknown as (word: string, config?: object) => Paradigm[];

const shared = fileURLToPath(new URL("../../shared/", import.meta.url));
const { values } = parseArgs({ options: { "per-category": { type: "string", default: "40" }, seed: { type: "string", default: "4" } } });
const perCategory = Number(values["per-category"]);

// A small seeded generator (mulberry32), so the file is the same on every run; `stream` starts the
// sequence of one part of the file, from the seed and the part's name.
const { stream, random, shuffle } = namedStreams(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

interface Doc {
  id: string;
  title: string;
  words: string[];
  text: string;
  tags: string[];
}
const publicLines = readFileSync(path.join(shared, "search-eval/queries.public.jsonl"), "utf8").split("\n").filter(Boolean);
const publicDocs = new Set(
  publicLines.flatMap((line) => [...(JSON.parse(line).note as string).matchAll(/ruwikinews-\d+/g)].map((m) => m[0])),
);
const publicQueries = new Set(publicLines.map((line) => (JSON.parse(line).query as string).toLowerCase()));

const docs: Doc[] = [];
for (const line of readFileSync(path.join(shared, "corpus/ru-wikinews.jsonl"), "utf8").split("\n")) {
  if (!line.trim()) continue;
  const a = JSON.parse(line) as { id: string; title: string; lead?: string; body?: string; captions?: string[]; tags?: string[] };
  const text = [a.title, a.lead ?? "", a.body ?? "", ...(a.captions ?? []), ...(a.tags ?? [])].join("\n");
  docs.push({ id: a.id, title: a.title, text, words: text.match(/[\p{L}\p{N}]+/gu) ?? [], tags: a.tags ?? [] });
}
const low = (word: string) => word.toLowerCase().replace(/ё/g, "е");
// Document frequency of each folded word, and of each lemma.
const wordDf = new Map<string, number>();
for (const doc of docs) for (const word of new Set(doc.words.map(low))) wordDf.set(word, (wordDf.get(word) ?? 0) + 1);
const allWords = [...wordDf.keys()];
const prefixes = new Set<string>();
for (const word of allWords) for (let i = 1; i <= word.length; i++) prefixes.add(word.slice(0, i));

await loadMorphology();
const known = (word: string) => analyse(word).filter((p) => p.parser === "Dictionary");
const lemmaCache = new Map<string, string[]>();
function lemmas(word: string): string[] {
  let found = lemmaCache.get(word);
  if (!found) {
    found = [...new Set(known(word).map((p) => low((p.normalize() || p).toString())))];
    lemmaCache.set(word, found);
  }
  return found;
}
const lemmaDocs = new Map<string, Set<string>>();
for (const doc of docs) {
  for (const word of new Set(doc.words.filter((w) => /^[а-яё]+$/u.test(w) && w.length >= 5))) {
    for (const lemma of lemmas(low(word))) {
      const set = lemmaDocs.get(lemma) ?? new Set();
      set.add(doc.id);
      lemmaDocs.set(lemma, set);
    }
  }
}
const lemmaDf = (lemma: string) => lemmaDocs.get(lemma)?.size ?? 0;
// Articles that have the word's stem anywhere (its first letters, less a two-letter ending): as in
// the public sample, a query is about a word at most three articles share in any form.
const lowTexts = docs.map((doc) => low(doc.text));
const stemDf = (word: string) => {
  const stem = low(word).slice(0, Math.max(4, word.length - 2));
  return lowTexts.filter((text) => text.includes(stem)).length;
};
/** Everyday forms of a word's lemma: no archaic -ою/-ье variants, no «наи-»/«по-» comparatives. */
function formsOf(p: Paradigm): string[] {
  const forms: string[] = [];
  for (let i = 0; i < (p.formCnt ?? 0); i++) {
    const form = p.inflect(i);
    if (form) forms.push(form.toString());
  }
  const start = p.toString().slice(0, 3);
  return forms.filter((f) => f.startsWith(start) && !/(ою|ею|ье|ьи|ьем|ьём)$/u.test(f));
}

// As the evaluator compares headlines: trimmed, spaces collapsed, ё as е, lower case.
const compared = (title: string) => title.trim().replace(/\s+/gu, " ").replace(/ё/gu, "е").toLowerCase();
const typography = new Typography("ru", {});
const judgeable = (doc: Doc) => compared(typography.text(doc.title)) === compared(doc.title);
stream("eligible");
const eligible = shuffle(docs.filter((doc) => !publicDocs.has(doc.id) && judgeable(doc)));
interface Query {
  id: string;
  category: string;
  query: string;
  expect: string[];
  note: string;
}
const out: Query[] = [];
const usedQueries = new Set<string>(publicQueries);
function add(category: string, query: string, doc: Doc | null, note: string): boolean {
  const q = query.toLowerCase();
  if (usedQueries.has(q) || out.filter((o) => o.category === category).length >= perCategory) return false;
  usedQueries.add(q);
  const n = out.filter((o) => o.category === category).length + 1;
  out.push({
    id: `heldout-${category}-${String(n).padStart(3, "0")}`,
    category,
    query,
    expect: doc ? [doc.title] : [],
    note: `${note}${doc ? `; doc ${doc.id}` : ""}`,
  });
  return true;
}
const full = (category: string) => out.filter((o) => o.category === category).length >= perCategory;

/** A content word of a document whose lemma is in at most 3 documents: a query that must find this one. */
function rareWords(doc: Doc, test: (p: Paradigm) => boolean): { word: string; parse: Paradigm; lemma: string }[] {
  const found: { word: string; parse: Paradigm; lemma: string }[] = [];
  for (const word of new Set(doc.words)) {
    if (!/^[а-яё]+$/u.test(word) || word.length < 5) continue;
    const parses = known(low(word));
    const parse = parses[0];
    if (!parse || !test(parse) || new Set(parses.map((p) => low((p.normalize() || p).toString()))).size > 1) continue;
    const lemma = low((parse.normalize() || parse).toString());
    const df = lemmaDf(lemma);
    if (df >= 1 && df <= 3) found.push({ word, parse, lemma });
  }
  return shuffle(found);
}
const pos =
  (...parts: string[]) =>
  (p: Paradigm) =>
    parts.some((part) => p.tag[part] === true);

// inflection: another form of the same word, not in the document's text
stream("inflection");
for (const doc of eligible) {
  if (full("inflection")) break;
  for (const { word, parse, lemma } of rareWords(doc, pos("NOUN", "ADJF"))) {
    const forms = formsOf(parse).filter((f) => low(f) !== low(word) && !doc.text.toLowerCase().includes(f) && !/ою$|ею$/u.test(f));
    if (forms.length === 0) continue;
    if (add("inflection", pick(forms), doc, `text «${word}» -> other form; lemma ${lemma}, df=${lemmaDf(lemma)}`)) break;
  }
}
// hard-inflection: fleeting vowels (цепочка/цепочек) and final -ой/-ий forms whose other forms lack й
stream("hard-inflection");
for (const doc of eligible) {
  if (full("hard-inflection")) break;
  for (const { word, parse, lemma } of rareWords(doc, pos("NOUN", "ADJF"))) {
    const forms = formsOf(parse).filter((f) => low(f) !== low(word) && !doc.text.toLowerCase().includes(f));
    const fleeting = forms.filter((f) => {
      const common = [...f].findIndex((c, i) => c !== word[i]);
      return (
        common >= 0 &&
        common <= Math.min(f.length, word.length) - 3 &&
        /[оеё][кцнл]$/u.test(f) !== /[оеё][кцнл]$/u.test(word) &&
        /(ок|ек|ец|ен|ол)$/u.test(f + word)
      );
    });
    const yot = parse.tag.ADJF || /а$/u.test(lemma) ? forms.filter((f) => /[ои]й$/u.test(f) && !/й$/u.test(word)) : [];
    const candidates = [...fleeting, ...yot];
    if (candidates.length === 0) continue;
    const query = pick(candidates);
    if (
      add(
        "hard-inflection",
        query,
        doc,
        `text «${word}» -> «${query}»; lemma ${lemma}, df=${lemmaDf(lemma)}; ${fleeting.includes(query) ? "fleeting vowel" : "й-fold"}`,
      )
    )
      break;
  }
}
// derivation: a related word by the suffix rules the category names
stream("derivation");
const derivationRules: [RegExp, string][] = [
  [/ист$/u, "изм"],
  [/изм$/u, "ист"],
  [/ция$/u, "ционный"],
  [/ционный$/u, "ция"],
  [/истический$/u, "изм"],
  [/ика$/u, "ический"],
  [/ический$/u, "ика"],
  [/ический$/u, "ия"],
  [/ия$/u, "ический"],
  [/ия$/u, "ский"],
  [/ский$/u, "ия"],
];
for (const doc of eligible) {
  if (full("derivation")) break;
  let added = false;
  for (const { word, parse, lemma } of rareWords(doc, pos("NOUN", "ADJF"))) {
    for (const [pattern, suffix] of shuffle([...derivationRules])) {
      if (!pattern.test(lemma)) continue;
      const derived = lemma.replace(pattern, suffix);
      if (derived === lemma || doc.text.toLowerCase().includes(derived.slice(0, -2))) continue;
      if (!known(derived).some((p) => low((p.normalize() || p).toString()) === derived)) continue;
      // As in the public sample: the related word itself is in at most 4 other articles.
      if (lemmaDf(derived) > 4) continue;
      if (add("derivation", derived, doc, `text «${word}» (lemma ${lemma}) -> «${derived}» via ${pattern.source} -> ${suffix}`)) {
        added = true;
        break;
      }
    }
    if (added) break;
    // X -> Xский for a place name
    if (parse.tag.Geox === true && /[бвгдзклмнпрстфхц]$/u.test(lemma)) {
      const derived = `${lemma}ский`;
      if (
        lemmaDf(derived) <= 4 &&
        !doc.text.toLowerCase().includes(derived.slice(0, -2)) &&
        add("derivation", derived, doc, `text «${word}» (lemma ${lemma}) -> «${derived}» via X -> Xский`)
      )
        break;
    }
  }
}
// yo: ё written as е, and an е-spelt word written with ё
stream("yo");
for (const doc of eligible) {
  if (full("yo")) break;
  // Russian letters only: «Лёғкие», with a Kazakh letter, is a slip in the text, not a word a reader types.
  const withYo = shuffle([...new Set(doc.words.filter((w) => /^[а-яё]+$/iu.test(w) && /ё/u.test(w) && w.length >= 5 && stemDf(w) <= 3))]);
  const first = withYo[0];
  if (first && add("yo", first.replace(/ё/g, "е"), doc, `text «${first}» -> е`)) continue;
  for (const word of shuffle([...new Set(doc.words.filter((w) => /^[а-я]+$/u.test(w) && /е/u.test(w) && w.length >= 5))])) {
    if (stemDf(word) > 3) continue;
    const spelt = analyse(word)
      .filter((p) => p.parser === "Dictionary")
      .map((p) => p.toString())
      .find((s) => /ё/u.test(s) && s.replace(/ё/g, "е") === word.toLowerCase());
    if (spelt && /^[а-яё]+$/u.test(spelt) && add("yo", spelt, doc, `text «${word}» -> «${spelt}»`)) break;
  }
}
// multiword: two rare words of one article, both in other forms
stream("multiword");
for (const doc of eligible) {
  if (full("multiword")) break;
  const words = rareWords(doc, pos("NOUN", "ADJF"));
  const chosen: string[] = [];
  for (const { word, parse } of words) {
    const forms = formsOf(parse).filter((f) => low(f) !== low(word) && !doc.text.toLowerCase().includes(f) && !/ою$|ею$/u.test(f));
    if (forms.length > 0) chosen.push(pick(forms));
    if (chosen.length === 2) break;
  }
  if (chosen.length === 2) add("multiword", chosen.join(" "), doc, "two rare words of the article, other forms");
}
// typo: one letter wrong, missing, or two swapped, in a rare word of the text
stream("typo");
const letters = "абвгдежзийклмнопрстуфхцчшщыьэюя";
for (const doc of eligible) {
  if (full("typo")) break;
  const candidates = shuffle([...new Set(doc.words.filter((w) => /^[а-яё]+$/iu.test(w) && w.length >= 7 && stemDf(w) <= 3))]);
  const word = candidates[0];
  if (!word) continue;
  const at = 1 + Math.floor(random() * (word.length - 2));
  const kind = pick(["substitution", "deletion", "transposition"] as const);
  let typo = word;
  if (kind === "substitution") typo = word.slice(0, at) + pick([...letters].filter((c) => c !== word[at])) + word.slice(at + 1);
  if (kind === "deletion") typo = word.slice(0, at) + word.slice(at + 1);
  if (kind === "transposition" && word[at] !== word[at + 1] && at + 1 < word.length)
    typo = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  if (typo === word || wordDf.has(low(typo))) continue;
  add("typo", typo, doc, `«${word}» -> «${typo}» (${kind} at ${at})`);
}
// phrase-name: a surname in another case; a part of a hyphenated name
stream("phrase-name");
for (const doc of eligible) {
  if (full("phrase-name")) break;
  const hyphenated = doc.tags.flatMap((tag) => tag.split(/\s+/)).filter((w) => /^\p{Lu}[\p{L}]+(-[\p{L}’]+)+$/u.test(w));
  if (hyphenated.length > 0 && random() < 0.4) {
    const name = pick(hyphenated);
    const part = pick(name.split("-").filter((p) => /^\p{Lu}\p{L}{3,}$/u.test(p)));
    if (part && stemDf(`${part}xx`) <= 3 && add("phrase-name", part, doc, `hyphenated «${name}» -> part «${part}»`)) continue;
  }
  const surnames = shuffle(doc.tags.filter((tag) => /^\p{Lu}\p{L}+ \p{Lu}\p{L}+$|^\p{Lu}\p{L}+ \p{Lu}\p{L}+ \p{Lu}\p{L}+$/u.test(tag)));
  for (const tag of surnames) {
    const surname = tag.split(" ").pop() ?? "";
    if (!/(ов|ев|ёв|ин|ын)$/u.test(surname) || stemDf(`${surname}xx`) > 3) continue;
    const forms = [`${surname}а`, `${surname}у`, `${surname}ым`, `${surname}е`].filter((f) => !doc.text.includes(f));
    if (forms.length > 0 && add("phrase-name", pick(forms), doc, `person «${tag}»: surname in another case (forms by rule)`)) break;
  }
}
// nonsense: not a word, not within two slips of one, not the start of one
function withinTwo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  return ((d[a.length] as number[])[b.length] as number) <= 2;
}
const vowels = "аеиоуыэюя";
const consonants = "бвгджзклмнпрстфхцчшщ";
stream("nonsense");
while (!full("nonsense")) {
  const kind = pick(["random", "pronounceable", "short"] as const);
  const length = kind === "short" ? 2 : 6 + Math.floor(random() * 3);
  let word = "";
  for (let i = 0; i < length; i++) word += kind === "pronounceable" ? pick([...(i % 2 ? vowels : consonants)]) : pick([...letters]);
  if (wordDf.has(word) || prefixes.has(word)) continue;
  if (kind !== "short" && allWords.some((w) => withinTwo(word, w))) continue;
  add("nonsense", word, null, `${kind} letters, length ${length}; no corpus word within edit distance 2, not a prefix of any corpus word`);
}

// Latin keyboards. These rules are written from the keyboard and the two standards, not from the
// reader's code (src/search/keyboard.ts, romanisation.ts), so that the queries test it.
// layout: a held-out word (another form, as inflection; or a surname form) typed on QWERTY keys
const qwertyOf: Record<string, string> = Object.fromEntries(
  [..."йцукенгшщзхъфывапролджэячсмитьбюё"].map((letter, index) => [letter, "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"[index] ?? ""]),
);
const typedOnQwerty = (word: string) => [...word.toLowerCase()].map((letter) => qwertyOf[letter] ?? letter).join("");
stream("layout");
for (const doc of eligible) {
  if (full("layout")) break;
  const words = rareWords(doc, pos("NOUN", "ADJF"));
  const two = random() < 0.3;
  const chosen: string[] = [];
  for (const { word, parse } of words) {
    const forms = formsOf(parse).filter((f) => low(f) !== low(word) && !/ою$|ею$/u.test(f));
    chosen.push(random() < 0.5 && forms.length > 0 ? pick(forms) : word.toLowerCase());
    if (chosen.length === (two ? 2 : 1)) break;
  }
  if (chosen.length === (two ? 2 : 1))
    add("layout", chosen.map(typedOnQwerty).join(" "), doc, `«${chosen.join(" ")}» typed in the Latin layout`);
}
// translit: a person's surname (a tag «Имя Фамилия»), nominative, in passport (ICAO 9303, 2013) or
// BGN/PCGN letters as newspapers simplify them (ё yo, ь and ъ dropped, й y, -ий -iy)
const icao: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "ie",
  ы: "y",
  ь: "",
  э: "e",
  ю: "iu",
  я: "ia",
};
const bgn: Record<string, string> = { ...icao, ё: "yo", й: "y", ъ: "", ю: "yu", я: "ya" };
function romanised(word: string, table: Record<string, string>): string {
  const letters = [...word.toLowerCase()];
  const latin = letters
    .map((letter, index) => {
      const before = letters[index - 1];
      // BGN/PCGN: е and ё after a vowel, й, ь, ъ or at the start are ye, yo
      if (table === bgn && (letter === "е" || letter === "ё") && (before === undefined || /[аеёиоуыэюяйьъ]/u.test(before)))
        return letter === "е" ? "ye" : "yo";
      return table[letter] ?? letter;
    })
    .join("");
  return (latin[0]?.toUpperCase() ?? "") + latin.slice(1);
}
stream("translit");
for (const doc of eligible) {
  if (full("translit")) break;
  for (const tag of shuffle(doc.tags.filter((tag) => /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(tag)))) {
    const surname = tag.split(" ")[1] ?? "";
    if (!/^[А-ЯЁ][а-яё]{3,}$/u.test(surname) || stemDf(`${surname}xx`) > 3) continue;
    const standard = random() < 0.5 ? "icao" : "bgn";
    const query = romanised(surname, standard === "icao" ? icao : bgn);
    if (add("translit", query, doc, `«${surname}» in Latin letters (${standard}); person «${tag}»`)) break;
  }
}
// nonsense-latin: Latin letters that are no word of the corpus typed in either layout or spelling
stream("nonsense-latin");
const latinLetters = "abcdefghijklmnopqrstuvwxyz";
const russianOfQwerty = Object.fromEntries(Object.entries(qwertyOf).map(([letter, key]) => [key, letter]));
const plainReading = (latin: string) =>
  latin
    .replace(/shch/g, "щ")
    .replace(/kh/g, "х")
    .replace(/zh/g, "ж")
    .replace(/ts/g, "ц")
    .replace(/ch/g, "ч")
    .replace(/sh/g, "ш")
    .replace(/y[ao]/g, "я")
    .replace(/yu/g, "ю")
    .replace(
      /[a-z]/g,
      (letter) =>
        ({
          a: "а",
          b: "б",
          c: "к",
          d: "д",
          e: "е",
          f: "ф",
          g: "г",
          h: "х",
          i: "и",
          j: "й",
          k: "к",
          l: "л",
          m: "м",
          n: "н",
          o: "о",
          p: "п",
          q: "к",
          r: "р",
          s: "с",
          t: "т",
          u: "у",
          v: "в",
          w: "в",
          x: "кс",
          y: "ы",
          z: "з",
        })[letter] ?? letter,
    );
while (!full("nonsense-latin")) {
  const pronounceable = random() < 0.5;
  const length = 6 + Math.floor(random() * 3);
  let word = "";
  for (let i = 0; i < length; i++) word += pronounceable ? pick([...(i % 2 ? "aeiouy" : "bdfgklmnprstvz")]) : pick([...latinLetters]);
  const readings = [[...word].map((key) => russianOfQwerty[key] ?? key).join(""), plainReading(word), word];
  if (readings.some((reading) => wordDf.has(reading) || prefixes.has(reading) || allWords.some((w) => withinTwo(reading, w)))) continue;
  add(
    "nonsense-latin",
    word,
    null,
    `${pronounceable ? "pronounceable" : "random"} Latin letters, length ${length}; neither its layout reading nor its plain reading is within edit distance 2 of a corpus word`,
  );
}

for (const query of out) console.log(JSON.stringify(query));
const counts = [...new Set(out.map((q) => q.category))].map((c) => `${c} ${out.filter((q) => q.category === c).length}`);
console.error(`held-out queries: ${counts.join(", ")}`);

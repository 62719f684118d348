/**
 * Judged Kazakh search queries over the archive of kk-articles.ts, in two halves: public (to look
 * at while working) and held-out (written before the search was tuned, and only scored). Made by
 * rule, not by the search's own analysis (src/search/kazakh.ts): a word's forms are the words of
 * the whole KazNERD file that are a word of it plus one of a flat list of common endings (or, for a
 * stem in п, к, қ, its voiced б, г, ғ plus a vowel ending), so a query is always a form a real text
 * wrote. A query's expected articles are all the archive's articles with a form of the word (at
 * most three, so that ten results can hold them), and none of them has the query's own form.
 *
 * Categories:
 * - name: a name in another form (Қазақстанның → Қазақстанда, Тоқаевқа → Тоқаев);
 * - noun: a common noun in another case, number or possessive (мектептері → мектепте);
 * - alternation: a stem's п, к, қ against its б, г, ғ (кітап → кітабы, жүрегі → жүрек);
 * - lookalike: a word of an article with its Kazakh letters typed as Russian ones (қ → к, ұ, ү → у,
 *   ө → о, і → и, ғ → г, ң → н, ә → а, һ → х);
 * - nonsense: strings that are no word and no slip of one: expect no results.
 *
 * Run: npx tsx bench/search-queries-kk.ts   (writes bench/search-kk.public.jsonl and bench/search-kk.heldout.jsonl)
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { kazakhArchive, namesIn, wordsOf } from "./kk-articles.ts";
import { namedStreams } from "./random.ts";

const publicFile = fileURLToPath(new URL("./search-kk.public.jsonl", import.meta.url));
const heldOutFile = fileURLToPath(new URL("./search-kk.heldout.jsonl", import.meta.url));
const perHalf = { public: 30, heldOut: 40 };

const { stream, random, shuffle } = namedStreams(20);

/** Common noun endings, as whole strings (both harmonies, each consonant variant): the flat list forms are found by. */
const endings = `ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті н да де та те нда нде дан ден тан тен нан нен мен бен пен
дағы дегі тағы тегі ндағы ндегі лар лер дар дер тар тер ы і сы сі ын ін сын сін ына іне сына сіне ында інде сында сінде ының інің
сының сінің ынан інен сынан сінен ымен імен сымен сімен ындағы індегі сындағы сіндегі лары лері дары дері тары тері ларын лерін
дарын дерін тарын терін ларының лерінің дарының дерінің тарының терінің ларына леріне дарына деріне тарына теріне ларында лерінде
дарында дерінде тарында терінде ларды лерді дарды дерді тарды терді лардың лердің дардың дердің тардың тердің ларға лерге дарға
дерге тарға терге ларда лерде дарда дерде тарда терде лардан лерден дардан дерден тардан терден ым ім м ымыз іміз мыз міз ымыздың
іміздің мыздың міздің ымызға імізге мызға мізге ымызда імізде мызда мізде ың ің ң`
  .split(/\s+/)
  .filter(Boolean);
const vowelEndings = endings.filter((ending) => /^[ыі]/u.test(ending));
const voiced: Record<string, string> = { п: "б", к: "г", қ: "ғ" };
const lookAlike: Record<string, string> = { қ: "к", ұ: "у", ү: "у", ө: "о", і: "и", ғ: "г", ң: "н", ә: "а", һ: "х" };

interface Query {
  id: string;
  category: string;
  query: string;
  expect: string[];
  note: string;
}

const { articles, rest } = kazakhArchive();
// Every word the file has (its case kept), and the articles with each.
const attested = new Set<string>();
for (const sentence of [...articles.flatMap((article) => article.sentences), ...rest])
  for (const word of wordsOf(sentence)) attested.add(word);
const articlesWith = new Map<string, Set<number>>();
for (const [index, article] of articles.entries()) {
  for (const word of new Set([...article.sentences.flatMap(wordsOf), ...article.tags.flatMap(wordsOf)])) {
    const set = articlesWith.get(word) ?? new Set<number>();
    articlesWith.set(word, set);
    set.add(index);
  }
}

/** A word's forms the file has: the word, word + ending, and for п, к, қ the voiced stem + a vowel ending. */
function formsOf(base: string): { forms: string[]; voicedForms: string[] } {
  const forms = [base, ...endings.map((ending) => base + ending)].filter((form) => attested.has(form));
  const last = base.at(-1) ?? "";
  const soft = voiced[last];
  const voicedForms = soft ? vowelEndings.map((ending) => base.slice(0, -1) + soft + ending).filter((form) => attested.has(form)) : [];
  return { forms, voicedForms };
}

const titleOf = (index: number) => articles[index]?.title ?? "";
const articlesOfForms = (forms: string[]) => {
  const found = new Set<number>();
  for (const form of forms) for (const index of articlesWith.get(form) ?? []) found.add(index);
  return found;
};

/** Queries of one category: for each base word, another form than its articles have. */
function formQueries(
  category: string,
  bases: string[],
  pickForms: (base: string) => { all: string[]; query: string[] } | undefined,
): Query[] {
  stream(category);
  const queries: Query[] = [];
  for (const base of shuffle(bases)) {
    const picked = pickForms(base);
    if (!picked) continue;
    const expected = articlesOfForms(picked.all);
    if (expected.size === 0 || expected.size > 3) continue;
    const inArticles = new Set(
      [...expected].flatMap((index) => [...articlesWith.entries()].filter(([, set]) => set.has(index)).map(([w]) => w)),
    );
    const candidates = picked.query.filter((form) => !inArticles.has(form));
    if (candidates.length === 0) continue;
    const query = candidates[Math.floor(random() * candidates.length)] ?? "";
    const had = picked.all.filter((form) => inArticles.has(form));
    queries.push({
      id: `${category}-${String(queries.length + 1).padStart(3, "0")}`,
      category,
      query,
      expect: [...expected].sort((a, b) => a - b).map(titleOf),
      note: `articles have «${had.join("», «")}»; base «${base}»`,
    });
  }
  return queries;
}

const words = [...attested];
// A name: capitalised inside a sentence somewhere, and never written in lower case.
const midSentence = new Set([...articles.flatMap((article) => article.sentences), ...rest].flatMap(namesIn));
const nameBases = words.filter((word) => /^\p{Lu}\p{Ll}{3,}$/u.test(word) && midSentence.has(word) && !attested.has(word.toLowerCase()));
const nounBases = words.filter((word) => /^\p{Ll}{4,}$/u.test(word));

const byCategory = new Map<string, Query[]>();
byCategory.set(
  "name",
  formQueries("name", nameBases, (base) => {
    const { forms } = formsOf(base);
    return forms.length >= 2 ? { all: forms, query: forms } : undefined;
  }),
);
byCategory.set(
  "noun",
  formQueries("noun", nounBases, (base) => {
    const { forms } = formsOf(base);
    return forms.length >= 2 ? { all: forms, query: forms } : undefined;
  }),
);
byCategory.set(
  "alternation",
  formQueries("alternation", nounBases, (base) => {
    const { forms, voicedForms } = formsOf(base);
    if (voicedForms.length === 0 || forms.length === 0) return undefined;
    // The query is on the other side of the alternation from every form its articles have.
    const all = [...forms, ...voicedForms];
    const expected = articlesOfForms(all);
    const inArticles = (form: string) => [...expected].some((index) => articlesWith.get(form)?.has(index));
    if (forms.some(inArticles) && voicedForms.some(inArticles)) return undefined;
    return { all, query: forms.some(inArticles) ? voicedForms : forms };
  }),
);

stream("lookalike");
const lookalikes: Query[] = [];
for (const word of shuffle(words.filter((word) => /^\p{L}{5,}$/u.test(word) && /[әғқңөұүһі]/iu.test(word)))) {
  const where = articlesWith.get(word);
  if (!where || where.size > 3) continue;
  const typed = [...word].map((letter) => {
    const lower = letter.toLowerCase();
    const plain = lookAlike[lower];
    return plain === undefined ? letter : letter === lower ? plain : plain.toUpperCase();
  });
  const query = typed.join("");
  lookalikes.push({
    id: `lookalike-${String(lookalikes.length + 1).padStart(3, "0")}`,
    category: "lookalike",
    query,
    expect: [...where].sort((a, b) => a - b).map(titleOf),
    note: `text «${word}»`,
  });
}
byCategory.set("lookalike", lookalikes);

stream("nonsense");
const nonsense: Query[] = [];
const letters = "бвгғджзйкқлмнңпрстфхһцчшщ";
const allVowels = "аәеиіоөұүыэ";
const lowerWords = words.map((word) => word.toLowerCase());
/** At most one letter wrong, missing, extra or swapped: a typo correction could fairly find it. */
const near = (a: string, b: string) => {
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return (endA - start <= 1 && endB - start <= 1) || (endA - start === 2 && endB - start === 2 && a[start] === b[start + 1]);
};
while (nonsense.length < perHalf.public + perHalf.heldOut) {
  const length = 2 + Math.floor(random() * 7);
  let query = "";
  for (let index = 0; index < length; index++) {
    const pool = random() < 0.25 ? allVowels : letters;
    query += pool[Math.floor(random() * pool.length)];
  }
  if (lowerWords.some((word) => word === query || (query.length >= 4 && near(word, query)))) continue;
  nonsense.push({
    id: `nonsense-${String(nonsense.length + 1).padStart(3, "0")}`,
    category: "nonsense",
    query,
    expect: [],
    note: "no word",
  });
}
byCategory.set("nonsense", nonsense);

const halves = { public: [] as Query[], heldOut: [] as Query[] };
for (const [category, queries] of byCategory) {
  if (queries.length < perHalf.public + perHalf.heldOut)
    console.warn(`${category}: only ${queries.length} queries (${perHalf.public} public, the rest held out)`);
  halves.public.push(...queries.slice(0, perHalf.public).map((query) => ({ ...query, id: `public-${query.id}` })));
  halves.heldOut.push(
    ...queries.slice(perHalf.public, perHalf.public + perHalf.heldOut).map((query) => ({ ...query, id: `heldout-${query.id}` })),
  );
}
const lines = (queries: Query[]) => `${queries.map((query) => JSON.stringify(query)).join("\n")}\n`;
writeFileSync(publicFile, lines(halves.public));
writeFileSync(heldOutFile, lines(halves.heldOut));
console.log(`${halves.public.length} public and ${halves.heldOut.length} held-out queries`);

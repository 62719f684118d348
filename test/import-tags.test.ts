import { beforeAll, describe, expect, it } from "vitest";
import { corpusTagLists, describe as describeAccuracy, measureTagSplitting } from "../bench/tag-splitting.ts";
import { TagSplitter } from "../src/import/tags-line.ts";
import { loadMorphology, type Morphology, spellingRules } from "../src/morphology/word-facts.ts";
import { seedTags } from "./support/site.ts";

const seedLine =
  "Касым-Жомарт Токаев Логистика Транскаспийский транспортный маршрут Узбекистан Шавкат Мирзиёев Редкоземельные материалы Внешняя политика Казахстана";

let dictionary: Morphology;
beforeAll(async () => {
  dictionary = await loadMorphology();
});

describe("the seed article's tags line", () => {
  it("splits into its 7 tags with no known tags, by the dictionary", () => {
    expect(new TagSplitter({ morphology: dictionary }).split(seedLine)).toEqual(seedTags);
  });

  it("splits into its 7 tags with no known tags and no dictionary, by spelling rules alone", () => {
    expect(new TagSplitter({ morphology: spellingRules }).split(seedLine)).toEqual(seedTags);
  });

  it("splits into its 7 tags when the site already knows them", () => {
    expect(new TagSplitter({ known: seedTags, morphology: dictionary }).split(seedLine)).toEqual(seedTags);
  });

  it("is not misled by known tags that are only parts of its tags", () => {
    const known = ["Токаев", "Транскаспийский", "Внешняя политика", "Мирзиёев", "Казахстан"];
    expect(new TagSplitter({ known, morphology: dictionary }).split(seedLine)).toEqual(seedTags);
  });
});

describe("hard cases of tags lines", () => {
  const cases: [string, string, string[]][] = [
    ["an adjective joins its noun and a genitive joins the phrase", "Внешняя политика Казахстана", ["Внешняя политика Казахстана"]],
    ["a hyphenated first name and a surname are one tag", "Касым-Жомарт Токаев Узбекистан", ["Касым-Жомарт Токаев", "Узбекистан"]],
    ["a first name followed by a surname is one tag", "Россия Шавкат Мирзиёев Логистика", ["Россия", "Шавкат Мирзиёев", "Логистика"]],
    [
      "first name, patronymic and surname are one tag",
      "Нурсултан Абишевич Назарбаев Казахстан",
      ["Нурсултан Абишевич Назарбаев", "Казахстан"],
    ],
    ["lower-case words continue a tag", "Министерство иностранных дел Россия", ["Министерство иностранных дел", "Россия"]],
    ["two adjectives and their noun are one tag", "Китайская Народная Республика Япония", ["Китайская Народная Республика", "Япония"]],
    [
      "genitive adjectives and nouns stay with the body they name",
      "Совет Федерации Министерство обороны Российской Федерации",
      ["Совет Федерации", "Министерство обороны Российской Федерации"],
    ],
    [
      "a preposition carries the next word",
      "Организация по безопасности и сотрудничеству в Европе Вена",
      ["Организация по безопасности и сотрудничеству в Европе", "Вена"],
    ],
    ["places in a row are separate tags", "Астана Алматы Шымкент", ["Астана", "Алматы", "Шымкент"]],
    ["a man's first name does not join a woman's", "Николай Надежда Маркина", ["Николай", "Надежда Маркина"]],
    ["an adjective that does not agree with the next word ends its tag", "Чусовское Россия", ["Чусовское", "Россия"]],
    ["a repeated tag is given once", "Логистика Узбекистан Логистика", ["Логистика", "Узбекистан"]],
  ];
  it.each(cases)("%s", (_name, line, expected) => {
    expect(new TagSplitter({ morphology: dictionary }).split(line)).toEqual(expected);
  });

  it("prefers the longest known tag", () => {
    const splitter = new TagSplitter({ known: ["Транскаспийский", "Транскаспийский транспортный маршрут"], morphology: dictionary });
    expect(splitter.split("Транскаспийский транспортный маршрут Актау")).toEqual(["Транскаспийский транспортный маршрут", "Актау"]);
  });

  it("keeps a known tag that the rules alone would split", () => {
    const line = "Государство Палестина Израиль";
    expect(new TagSplitter({ morphology: dictionary }).split(line)).not.toEqual(["Государство Палестина", "Израиль"]);
    expect(new TagSplitter({ known: ["Государство Палестина"], morphology: dictionary }).split(line)).toEqual([
      "Государство Палестина",
      "Израиль",
    ]);
  });

  it("learns tags during a run", () => {
    const splitter = new TagSplitter({ morphology: dictionary });
    splitter.learn("Бирмингем Сити");
    expect(splitter.split("Бирмингем Сити Гонконг")).toEqual(["Бирмингем Сити", "Гонконг"]);
  });

  it("gives nothing for an empty line", () => {
    expect(new TagSplitter().split("   ")).toEqual([]);
  });
});

/*
 * The corpus table: real tag lists from Russian Wikinews, joined with spaces as the agency export
 * writes them, split with no known tags, compared with the original lists. Selection rule (in
 * bench/tag-splitting.ts): at least 3 tags, at least one of several words, every tag Cyrillic words
 * only with a capitalised first word (no Latin, digits, abbreviations, brackets, quotes or
 * «Surname, Name» inversions) — the multi-word names and places an agency's tags line holds.
 */
describe("splitting real tag lines from the corpus", () => {
  const lists = corpusTagLists();

  it("uses a table of at least 30 real tag lines", () => {
    expect(lists.length).toBeGreaterThanOrEqual(30);
  });

  it("recovers most lines exactly with the dictionary", () => {
    const accuracy = measureTagSplitting(lists, dictionary);
    console.log(describeAccuracy(accuracy, dictionary));
    expect(accuracy.exact).toBeGreaterThanOrEqual(0.65);
    expect(accuracy.precision).toBeGreaterThanOrEqual(0.85);
    expect(accuracy.recall).toBeGreaterThanOrEqual(0.85);
  });

  it("does markedly worse by spelling rules alone, which is why the dictionary is used", () => {
    const rules = measureTagSplitting(lists, spellingRules);
    const withDictionary = measureTagSplitting(lists, dictionary);
    console.log(describeAccuracy(rules, spellingRules));
    expect(rules.exact).toBeGreaterThanOrEqual(0.3);
    expect(withDictionary.exact).toBeGreaterThan(rules.exact + 0.2);
  });
});

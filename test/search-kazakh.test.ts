import { describe, expect, it } from "vitest";
import { queryWords } from "../src/search/expand.ts";
import { kazakhStems, kazakhStopWords } from "../src/search/kazakh.ts";
import { expandKazakhWord } from "../src/search/kazakh-expand.ts";
import { buildLexicon } from "../src/search/lexicon.ts";
import { fold } from "../src/search/normalise.ts";
import { readLexicon } from "./support/lexicon.ts";

/** Whether the analysis gives `stem` (written in Kazakh letters) as one of the word's stems. */
const hasStem = (word: string, stem: string, loose = false) => kazakhStems(word, { loose }).includes(fold(stem));

describe("Kazakh suffix analysis", () => {
  it("takes case, plural and possessive endings off a noun", () => {
    expect(hasStem("Қазақстанның", "Қазақстан")).toBe(true);
    expect(hasStem("мектептерімізде", "мектеп")).toBe(true);
    expect(hasStem("балаларымызға", "бала")).toBe(true);
    expect(hasStem("қаласының", "қала")).toBe(true);
    expect(hasStem("Алматыдан", "Алматы")).toBe(true);
    expect(hasStem("Қазақстандағы", "Қазақстан")).toBe(true);
    expect(hasStem("үйіне", "үй")).toBe(true);
    expect(hasStem("достарымен", "дос")).toBe(true);
  });

  it("gives the word itself first, then shorter stems", () => {
    const stems = kazakhStems("мектептерімізде");
    expect(stems[0]).toBe(fold("мектептерімізде"));
    expect(stems.indexOf(fold("мектептер"))).toBeLessThan(stems.indexOf(fold("мектеп")));
  });

  it("voices a final п, к, қ back: кітабы is кітап, мектебі мектеп, жүрегі жүрек", () => {
    expect(hasStem("кітабы", "кітап")).toBe(true);
    expect(hasStem("мектебі", "мектеп")).toBe(true);
    expect(hasStem("жүрегі", "жүрек")).toBe(true);
    expect(hasStem("тілегіміз", "тілек")).toBe(true);
    expect(hasStem("табағы", "табақ")).toBe(true);
  });

  it("puts back a vowel some stems drop: халқы is халық, орны орын, аузы ауыз", () => {
    expect(hasStem("халқы", "халық")).toBe(true);
    expect(hasStem("халқының", "халық")).toBe(true);
    expect(hasStem("орны", "орын")).toBe(true);
    expect(hasStem("аузы", "ауыз")).toBe(true);
  });

  it("keeps vowel harmony: a back stem takes no front ending, nor a front stem a back one", () => {
    expect(hasStem("қаланің", "қала")).toBe(false);
    expect(hasStem("мектептарда", "мектеп")).toBe(false);
    expect(hasStem("мектептерде", "мектеп")).toBe(true);
    expect(hasStem("қалаларда", "қала")).toBe(true);
  });

  it("lets the last consonant choose the ending's: -ның after н, -тың after п, -дың after р", () => {
    expect(hasStem("Қазақстандың", "Қазақстан")).toBe(false);
    expect(hasStem("мектептің", "мектеп")).toBe(true);
    expect(hasStem("мектепнің", "мектеп")).toBe(false);
    expect(hasStem("шаһардың", "шаһар")).toBe(true);
    expect(hasStem("шаһартың", "шаһар")).toBe(false);
  });

  it("takes an ending only in its own letters from a word written in Kazakh ones: the н of «аман» is no possessive ң", () => {
    expect(hasStem("аман", "ама")).toBe(false);
    expect(hasStem("анаң", "ана")).toBe(true);
    expect(hasStem("Жетісудың", "Жетісу")).toBe(true);
  });

  it("takes the endings of Russian names with their back harmony: Тоқаевқа, Назарбаевтың", () => {
    expect(hasStem("Тоқаевқа", "Тоқаев")).toBe(true);
    expect(hasStem("Назарбаевтың", "Назарбаев")).toBe(true);
    expect(hasStem("Путинге", "Путин")).toBe(true);
  });

  it("reads a word typed with Russian look-alike letters loosely, whatever its harmony", () => {
    expect(hasStem("Казакстаннын", "Қазақстан", true)).toBe(true);
    expect(hasStem("мектептеримизде", "мектеп", true)).toBe(true);
    expect(hasStem("китабы", "кітап", true)).toBe(true);
    // «сәтке» typed «сатке»: its а may be ә, so the front ending still fits.
    expect(hasStem("сатке", "сәт", true)).toBe(true);
    expect(hasStem("сатке", "сәт", false)).toBe(false);
  });

  it("leaves a word with no ending as it is", () => {
    expect(kazakhStems("мектеп")).toEqual([fold("мектеп")]);
    expect(kazakhStems("хлогщрк")).toEqual(["хлогщрк"]);
  });
});

describe("Kazakh queries", () => {
  it("leave out conjunctions and particles among other words, and find nothing of only those", () => {
    expect(queryWords("Тоқаев және Путин", kazakhStopWords)).toEqual(["токаев", "путин"]);
    expect(queryWords("мектеп пен ауыл", kazakhStopWords)).toEqual(["мектеп", "ауыл"]);
    expect(queryWords("және мен", kazakhStopWords)).toEqual([]);
  });
});

describe("Kazakh lexicon", () => {
  const site = [
    "Қазақстанның Президенті мектептерде болды.",
    "Елордадағы мектебі жөндеуден өтті.",
    "Жаңа кітабы жарық көрді. Халқы қуанды.",
    "Алматы қаласында жиын өтті.",
    "Алмат есімді бала жеңді.",
  ];
  const lexicon = async () => readLexicon((await buildLexicon(site, () => {}, { language: "kk" })).files);
  const forms = async (query: string) => (await expandKazakhWord(fold(query), await lexicon())).map((variant) => variant.text);

  it("says it is Kazakh, so search.js reads queries by Kazakh stems", async () => {
    const { files } = await buildLexicon(site, () => {}, { language: "kk-KZ" });
    expect(JSON.parse(files.get("search/lexicon.json") ?? "{}").grammar).toBe("kk");
    const russian = await buildLexicon(["Новости дня."]);
    expect(JSON.parse(russian.files.get("search/lexicon.json") ?? "{}").grammar).toBeUndefined();
  });

  it("finds the site's forms of a word the site never writes alone", async () => {
    expect(await forms("Қазақстан")).toContain("қазақстанның");
    expect(await forms("Қазақстанда")).toContain("қазақстанның");
    expect(await forms("мектептерімізде")).toEqual(expect.arrayContaining(["мектептерде", "мектебі"]));
    expect(await forms("кітап")).toContain("кітабы");
    expect(await forms("халықтың")).toContain("халқы");
  });

  it("finds Kazakh words typed with Russian look-alike letters", async () => {
    expect(await forms("Казакстан")).toContain("қазақстанның");
    expect(await forms("китаптын")).toContain("кітабы");
  });

  it("keeps the city and the name apart where the form tells them apart", async () => {
    const city = await forms("Алматыда");
    expect(city).toContain("алматы");
    expect(city).not.toContain("алмат");
  });

  it("finds nothing for a word the site has in no form", async () => {
    expect(await forms("хлогщрк")).toEqual([]);
    expect(await forms("университет")).toEqual([]);
  });
});

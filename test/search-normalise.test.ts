import { describe, expect, it } from "vitest";
import {
  corrections,
  decodeGroups,
  expandWord,
  type Lexicon,
  type LexiconGroup,
  pageKeyOf,
  queryWords,
  weights,
} from "../src/search/expand.ts";
import { buildLexicon, derivationOf, maxListedPages, mergePageWords, wordsOfPages } from "../src/search/lexicon.ts";
import { fold, key, oneSlipApart, splitWords, typoShards } from "../src/search/normalise.ts";
import { pagefindStem } from "../src/search/pagefind-stem.ts";
import { readLexicon } from "./support/lexicon.ts";

const site = [
  "Касым-Жомарт Токаев призвал создавать благоприятные условия для участников логистических цепочек.",
  "Новая цепочка поставок через Қазақстан: логистика портов Актау и Курык.",
  "Авиационный завод в Пенсильвании выпустил двойню самолётов. Политик Панайотов обиделся.",
  "А в Ташкенте прошли переговоры о сотрудничестве.",
];

describe("folding", () => {
  it("writes Kazakh letters, ё and upper case the Russian way", () => {
    expect(fold("Қазақстан")).toBe("казакстан");
    expect(fold("ӘҒҢӨҰҮҺІ")).toBe("агноуухи");
    expect(fold("Пхёнчхан")).toBe("пхенчхан");
    expect(fold("новый")).toBe("новый");
  });

  it("splits a text into words, hyphenated names into their parts", () => {
    expect(splitWords("Касым-Жомарт Токаев, «аль-Багдади» и COVID-19.")).toEqual([
      "Касым",
      "Жомарт",
      "Токаев",
      "аль",
      "Багдади",
      "и",
      "COVID",
      "19",
    ]);
  });
});

describe("keys", () => {
  it("cut inflectional endings so forms of one word share a key", () => {
    expect(key("цепочками")).toBe(key("цепочки"));
    expect(key("новая")).toBe(key("новый"));
    expect(key("логистика")).toBe(key("логистики"));
  });

  it("leave short words, numbers and Latin words whole", () => {
    expect(key("год")).toBe("год");
    expect(key("2019")).toBe("2019");
    expect(key("youtube")).toBe("youtube");
  });
});

describe("Pagefind's stems", () => {
  // Stems as Pagefind 1.6 wrote them into the Wikinews site's index.
  it("are the ones Pagefind files Russian words under, after folding ё and й", () => {
    expect(pagefindStem("Политковский")).toBe("политковск");
    expect(pagefindStem("политковской")).toBe("политковско");
    expect(pagefindStem("полиции")).toBe("полиц");
    expect(pagefindStem("Пхёнчхане")).toBe(pagefindStem("Пхенчхане"));
    expect(pagefindStem("двойня")).toBe("двоин");
  });

  it("are one for forms that find the same pages, and differ for words Pagefind tells apart", () => {
    expect(new Set(["элитным", "элитных", "элитном"].map(pagefindStem))).toEqual(new Set(["элитн"]));
    expect(pagefindStem("авиация")).not.toBe(pagefindStem("авиационный"));
  });

  it("leave spellings with other letters as they are: hyphenated, Latin", () => {
    expect(pagefindStem("аль-Багдади")).toBe("аль-Багдади");
    expect(pagefindStem("Tokayev")).toBe("Tokayev");
  });
});

describe("typo candidates", () => {
  it("are one letter wrong, missing, extra, or two neighbours swapped", () => {
    expect(oneSlipApart("логистка", "логистика")).toBe(true);
    expect(oneSlipApart("нелокво", "неловко")).toBe(true);
    expect(oneSlipApart("видеохосттнг", "видеохостинг")).toBe(true);
    expect(oneSlipApart("эсигрантка", "эмигрантка")).toBe(true);
    expect(oneSlipApart("логстка", "логистика")).toBe(false);
    expect(oneSlipApart("хлогщрк", "логистика")).toBe(false);
  });

  it("come from the two shards that must hold the word: its first two or its last two letters", async () => {
    const lexicon = readLexicon((await buildLexicon(site)).files);
    expect(typoShards("логистка")).toEqual(["pло", "sка"]);
    expect(await corrections("логистка", lexicon)).toContain("логистика");
    // The slip is in the first two letters: the last two find the word.
    expect(await corrections("лгоистика", lexicon)).toContain("логистика");
    expect(await corrections("хлогщрк", lexicon)).toEqual([]);
    // Short words are never corrected.
    expect(await corrections("кот", lexicon)).toEqual([]);
  });
});

describe("lemma expansion", () => {
  let lexicon: Lexicon;
  // Query words reach expandWord folded, as queryWords gives them.
  const texts = async (word: string) => (await expandWord(fold(word), lexicon)).map((variant) => variant.text);

  it("finds the site's forms of the reader's word, where the stems differ", async () => {
    lexicon = readLexicon((await buildLexicon(site)).files);
    expect(await texts("цепочка")).toEqual(expect.arrayContaining(["цепочек", "цепочка"]));
    expect(await texts("цепочек")).toContain("цепочка");
    expect(await texts("логистических")).toContain("логистика");
    expect(await texts("двоен")).toContain("двойню");
    expect(await texts("Панайотовым")).toContain("панайотов");
  });

  it("finds Kazakh spellings for a Russian-letter query", async () => {
    expect(await texts("Казакстан")).toContain("қазақстан");
    expect(await texts("Қазақстане")).toContain("қазақстан");
  });

  it("weights the reader's own form over other forms, and those over related words", async () => {
    const variants = await expandWord("цепочек", lexicon);
    expect(variants.find((variant) => variant.text === "цепочек")?.weight).toBe(weights.exact);
    expect(variants.find((variant) => variant.text === "цепочка")?.weight).toBe(weights.form);
    const aviation = await expandWord("авиация", lexicon);
    expect(aviation.find((variant) => variant.text === "авиационный")).toMatchObject({ weight: weights.related, via: "related" });
  });

  it("ranks the word a derivation rule names above the rest of its family", async () => {
    const poetry = readLexicon((await buildLexicon(["Премия за поэтический язык.", "Поэт прочёл стихи."])).files);
    const variants = await expandWord("поэтика", poetry);
    expect(variants.find((variant) => variant.text === "поэтический")).toMatchObject({ via: "related", weight: weights.related });
    expect(variants.find((variant) => variant.text === "поэт")).toMatchObject({ via: "family", weight: weights.family });
  });

  it("names related words from a three-letter base, which makes no family («пан» is a word of its own)", () => {
    expect(derivationOf("паника", false)).toEqual({ root: "паника", related: ["панический"] });
    expect(derivationOf("панический", false).related).toContain("паника");
    expect(derivationOf("морской", false).related).toEqual([]);
  });

  it("finds related words by their derivation family", () => {
    expect(derivationOf("авиация", false).root).toBe(derivationOf("авиационный", false).root);
    expect(derivationOf("социализм", false).root).toBe(derivationOf("социалист", false).root);
    expect(derivationOf("пенсильвания", true).root).toBe(derivationOf("пенсильванский", false).root);
    expect(derivationOf("бирмингем", true).related).toContain("бирмингемский");
    expect(derivationOf("стол", false).related).toEqual([]);
  });

  it("corrects a typo to the site's word and then its forms", async () => {
    const variants = await expandWord("логистка", lexicon);
    expect(variants.map((variant) => variant.text)).toContain("логистика");
    expect(variants.every((variant) => variant.via === "typo" && variant.weight <= weights.typo)).toBe(true);
  });

  it("corrects a word whose key the site has, but no lemma with its ending: «приказли» is «приказали»", async () => {
    const orders = readLexicon((await buildLexicon(["Им приказали уйти.", "Вышел приказ министра."])).files);
    const variants = await expandWord("приказли", orders);
    const [best] = variants.sort((a, b) => b.weight - a.weight);
    expect(best).toMatchObject({ text: "приказали", via: "typo", reading: "приказали", weight: weights.typo });
    // The key's own lemmas stay, after the correction.
    expect(variants.find((variant) => variant.text === "приказ")?.weight).toBeLessThan(weights.typo);
  });

  it("asks for every correction's entry of a slip at once, not one after another", async () => {
    const asked: string[] = [];
    let answerEntry: (groups: LexiconGroup[] | undefined) => void = () => {};
    const fixes = ["логистика", "логиства"];
    const waiting: Lexicon = {
      entry: (key) => {
        asked.push(`entry ${key}`);
        // The reader's word: answered when the test says so (it has none); a correction's, a moment later.
        if (asked.filter((line) => line.startsWith("entry")).length === 1) return new Promise((resolve) => (answerEntry = resolve));
        const fix = fixes.find((word) => word.startsWith(key));
        return new Promise((resolve) =>
          setTimeout(() => {
            asked.push(`answered ${key}`);
            resolve(fix ? [{ endings: ["*"], same: [fix], related: [] }] : undefined);
          }, 0),
        );
      },
      words: async () => fixes,
    };
    const expanded = expandWord("логистка", waiting);
    await new Promise((resolve) => setTimeout(resolve, 0));
    answerEntry(undefined);
    const variants = await expanded;
    expect(variants.map((variant) => variant.text).sort()).toEqual([...fixes].sort());
    // Both corrections' entries were asked for before either was answered.
    const corrections = asked.filter((line) => line.startsWith("entry")).slice(1);
    expect(corrections).toHaveLength(2);
    const firstAnswer = asked.findIndex((line) => line.startsWith("answered"));
    for (const line of corrections) expect(asked.indexOf(line)).toBeLessThan(firstAnswer);
  });

  it("only the lemmas that have the reader's ending count, when one has it", async () => {
    const groups: LexiconGroup[] = [
      { endings: ["ий", "ия"], same: ["нанесении"], related: [] },
      { endings: ["", "а"], same: ["нанесен"], related: [] },
    ];
    const only: Lexicon = { entry: async () => groups, words: async () => [] };
    expect((await expandWord("нанесений", only)).map((variant) => variant.text)).toEqual(["нанесении"]);
  });
});

describe("page lists", () => {
  it("name the pages that have a spelling few pages have, so pages that only share its stem can rank after them", async () => {
    const pages = [
      { id: "ru_a1", text: "Режиссёр Меньшов снял фильм." },
      ...Array.from({ length: maxListedPages + 1 }, (_, n) => ({ id: `ru_b${n}`, text: "Слов стало меньше." })),
    ];
    const { files } = await buildLexicon(pages);
    expect(JSON.parse(files.get("search/lexicon.json") ?? "{}")).toMatchObject({ pageKeys: 3 });
    const lexicon = readLexicon(files);
    expect((await expandWord("меньшове", lexicon)).find((variant) => variant.text === "меньшов")?.pages).toEqual([pageKeyOf("ru_a1")]);
    // On more pages than that: no list, every page Pagefind finds counts.
    expect((await expandWord("меньше", lexicon)).find((variant) => variant.text === "меньше")?.pages).toBeUndefined();
  });

  it("come out the same, byte for byte, when the index's parts are read one by one and put together", async () => {
    const pages = [
      { id: "ru_a1", text: "Режиссёр Меньшов снял фильм о Казахстане." },
      ...Array.from({ length: maxListedPages + 4 }, (_, n) => ({ id: `ru_b${n}`, text: `Слов стало меньше. Казахстанский выпуск ${n}.` })),
      { id: "ru_c1", text: "Меньшова сняла казахстанский фильм." },
    ];
    const whole = await buildLexicon(pages);
    for (const cut of [1, 6, maxListedPages + 3]) {
      const inParts = await buildLexicon(mergePageWords([wordsOfPages(pages.slice(0, cut)), wordsOfPages(pages.slice(cut))]));
      expect(inParts.files).toEqual(whole.files);
    }
  });

  it("name each page in three letters, one after the other, in every tier", () => {
    expect(pageKeyOf("ru_0a1b2c3d4e5f")).toMatch(/^[0-9A-Za-z_-]{3}$/);
    expect(pageKeyOf("ru_0a1b2c3d4e5f")).not.toBe(pageKeyOf("ru_0a1b2c3d4e60"));
    const [group] = decodeGroups("а,е|меньшов:a1-b2_ меньшова|меньшовский:c3X|меньшовы");
    expect(group?.same).toEqual(["меньшов", "меньшова"]);
    expect(group?.related).toEqual(["меньшовский"]);
    expect(group?.family).toEqual(["меньшовы"]);
    expect(group?.pages?.get("меньшов")).toEqual(["a1-", "b2_"]);
    expect(group?.pages?.get("меньшовский")).toEqual(["c3X"]);
    expect(group?.pages?.has("меньшова")).toBe(false);
  });
});

describe("junk suppression", () => {
  it("drops one-letter words and prepositions; a query of only those has no words", () => {
    expect(queryWords("а")).toEqual([]);
    expect(queryWords("в Москве и Казани")).toEqual(["москве", "казани"]);
    expect(queryWords("на по")).toEqual([]);
  });

  it("gives a word the site does not have, in any form or spelling, nothing to search", async () => {
    const lexicon = readLexicon((await buildLexicon(site)).files);
    for (const junk of ["хлогщрк", "шя", "ыт", "нямепык"]) expect(await expandWord(junk, lexicon), junk).toEqual([]);
  });
});

import fs from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAs, russianLayout } from "../src/search/keyboard.ts";
import { latinReaders, readLatinToken, romanisedForms } from "../src/search/latin.ts";
import { buildLexicon } from "../src/search/lexicon.ts";
import { cyrillicStarts, latinLetters, russianRomanisation, spelledStarts } from "../src/search/romanisation.ts";
import { browserAvailable, launchBrowser, serveSite } from "./support/browser.ts";
import { readLexicon } from "./support/lexicon.ts";
import { article, assertBuilt, buildSite } from "./support/site.ts";

describe("a query typed with the keyboard in the Latin layout", () => {
  it("reads as the Russian keys it was typed on, punctuation keys included", () => {
    expect(readAs(russianLayout, "hfpyjukfcbt")).toBe("разногласие");
    expect(readAs(russianLayout, ",thnvfyt")).toBe("бертмане");
    expect(readAs(russianLayout, "jnls[")).toBe("отдых");
    expect(readAs(russianLayout, "Vbhpb`td")).toBe("Мирзиёев");
    expect(readAs(russianLayout, "'nfkjy")).toBe("эталон");
    expect(readAs(russianLayout, "ve;xbyf")).toBe("мужчина");
    expect(readAs(russianLayout, "{jlj<f")).toBe("ХодоБа");
    expect(readAs(russianLayout, "lhjy-2")).toBe("дрон-2");
  });

  it("reads a digit as a letter in a layout that puts letters on the number row, as the Kazakh one does", () => {
    const numberRow = { language: "kk", keys: { ...russianLayout.keys, "2": "ә", "0": "һ" } };
    expect(readAs(numberRow, "2ktv")).toBe("әлем");
    expect(readAs(russianLayout, "2ktv")).toBe("2лем");
  });

  it("is not read so when it has no Latin letter or has a Cyrillic one", () => {
    expect(readAs(russianLayout, "2019")).toBeUndefined();
    expect(readAs(russianLayout, "ghbdtn,мир")).toBeUndefined();
  });
});

describe("a name in Latin letters", () => {
  it("is taken in plain letters, accents and apostrophes dropped", () => {
    expect(latinLetters("Gorbachëv")).toBe("gorbachev");
    expect(latinLetters("Vorob'yov")).toBe("vorobyov");
    expect(latinLetters("Голунов")).toBeUndefined();
  });

  it("spells the start of a Cyrillic word by passport and BGN/PCGN rules", () => {
    const spells = (latin: string, word: string) => spelledStarts(latin, word, russianRomanisation);
    expect(spells("vorobyov", "воробьева")).toEqual([8]);
    expect(spells("ponomaryov", "пономарев")).toEqual([9]);
    expect(spells("tokayev", "токаева")).toEqual([6]);
    expect(spells("tokaev", "токаев")).toEqual([6]);
    expect(spells("polonskiy", "полонский")).toEqual([9]);
    expect(spells("polonsky", "полонский")).toContain(9);
    expect(spells("tsivilev", "цивилев")).toEqual([7]);
    expect(spells("shchukin", "щукина")).toEqual([5]);
    expect(spells("dzhobs", "джобса")).toEqual([5]);
    expect(spells("khitto", "хитто")).toEqual([5]);
    expect(spells("iaroslav", "ярослав")).toEqual([7]);
    expect(spells("golunov", "голубев")).toEqual([]);
  });

  it("names the first letters its Cyrillic reading may have", () => {
    expect(cyrillicStarts("khitto", russianRomanisation)).toContain("хи");
    expect(cyrillicStarts("tsivilev", russianRomanisation)).toContain("ци");
    expect(cyrillicStarts("kostomarov", russianRomanisation)).toContain("ко");
    expect(cyrillicStarts("kostomarov", russianRomanisation)).not.toContain("ка");
  });
});

describe("reading a Latin word against the site's words", async () => {
  const lexicon = readLexicon(
    (
      await buildLexicon([
        "Путин уволил двух генералов полиции по делу журналиста Ивана Голунова.",
        "Андрей Воробьёв стал губернатором. Губернатор Воробьёв выступил.",
        "Группа Depeche Mode выпустила альбом Spirit.",
        "Встреча с Владимиром Зеленским и письмо Зеленскому.",
      ])
    ).files,
  );
  const reader = latinReaders.ru;

  it("reads a surname the site has only in another case back to its forms", async () => {
    const texts = (await romanisedForms("Golunov", lexicon, russianRomanisation)).map((variant) => variant.text);
    expect(texts).toContain("голунова");
  });

  it("reads a name whose dictionary ending the site's forms do not keep (-y for -ий)", async () => {
    for (const name of ["Zelensky", "Zelenskiy", "Zelenskyi"]) {
      const texts = (await romanisedForms(name, lexicon, russianRomanisation)).map((variant) => variant.text);
      expect(texts).toEqual(expect.arrayContaining(["зеленским", "зеленскому"]));
    }
  });

  it("reads ё spelt yo", async () => {
    const texts = (await romanisedForms("Vorobyov", lexicon, russianRomanisation)).map((variant) => variant.text);
    expect(texts).toContain("воробьёв");
  });

  it("keeps no reading the site's words do not confirm", async () => {
    expect(await romanisedForms("Kostomarov", lexicon, russianRomanisation)).toEqual([]);
    expect(await readLatinToken("zanobed", lexicon, reader)).toEqual([]);
  });

  it("does not rewrite a Latin word the site has as typed", async () => {
    const readings = await readLatinToken("Spirit", lexicon, reader);
    expect(readings?.map((reading) => reading.rewritten)).toEqual([false]);
    expect(readings?.[0]?.words[0]?.map((variant) => variant.text)).toEqual(["spirit"]);
  });

  it("gives a word typed in the wrong layout and a Latin name as rewritten readings", async () => {
    const layout = await readLatinToken("ujkeyjde", lexicon, reader);
    expect(layout?.every((reading) => reading.rewritten)).toBe(true);
    expect(layout?.flatMap((reading) => reading.words.flat().map((variant) => variant.text))).toContain("голунова");
    const name = await readLatinToken("Golunov", lexicon, reader);
    expect(name?.flatMap((reading) => reading.words.flat().map((variant) => variant.text))).toContain("голунова");
  });

  it("names in the lexicon's manifest how a Latin query is read, or that it is searched as typed only", async () => {
    const manifest = async (options: Parameters<typeof buildLexicon>[2]) =>
      JSON.parse((await buildLexicon(["Мир."], undefined, options)).files.get("search/lexicon.json") ?? "{}").latin;
    expect(await manifest({})).toBe("ru");
    expect(await manifest({ latin: false })).toBe(false);
  });

  it("ignores a token that says nothing in any reading", async () => {
    expect(await readLatinToken("f", lexicon, reader)).toBeUndefined();
  });
});

describe.runIf(browserAvailable())("searching from a Latin keyboard in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;
  let output = "";
  const golunov = "/2025/11/10/putin-uvolil-generalov/";
  const mirziyoyev = "/2025/11/11/mirziyoev-v-astane/";
  const latinGolunov = "/2025/11/12/guardian-o-dele-zhurnalista/";

  beforeAll(async () => {
    const site = assertBuilt(
      await buildSite({
        articles: {
          "a.md": article(
            { title: "Путин уволил генералов", date: "2025-11-10", permalink: golunov, tags: ["Полиция"] },
            "Президент уволил двух генералов полиции по делу журналиста Ивана Голунова.",
          ),
          "b.md": article(
            { title: "Мирзиёев в Астане", date: "2025-11-11", permalink: mirziyoyev, tags: ["Узбекистан"] },
            "Шавкат Мирзиёев прибыл в Астану, где стороны обсудили разногласия по воде.",
          ),
          "c.md": article(
            { title: "Газета о деле журналиста", date: "2025-11-12", permalink: latinGolunov, tags: ["Пресса"] },
            "Британская газета вышла под заголовком «Free Golunov» о деле журналиста.",
          ),
        },
      }),
    );
    output = site.output;
    server = await serveSite(site.output);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Responses of 400 and over that any search here got: the layout and name readings must ask only for files the site has. */
  const missing: string[] = [];

  async function found(query: string): Promise<string[]> {
    const tab = await browser.newPage();
    tab.on("response", (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
    });
    try {
      await tab.goto(`${server.url}search/`);
      const hits: { url: string }[] = await tab.evaluate(
        `import("${server.url}search/search.js").then((m) => m.search(${JSON.stringify(query)}, { limit: 10 }))`,
      );
      return hits.map((hit) => new URL(hit.url, server.url).pathname);
    } finally {
      await tab.close();
    }
  }

  it("finds the article for a word typed in the Latin layout", async () => {
    expect(await found("hfpyjukfcbt")).toEqual([mirziyoyev]);
    expect(await found("Vbhpb`td")).toEqual([mirziyoyev]);
  });

  it("finds the article for a surname in Latin letters or in the Latin layout, alone or beside a Russian word", async () => {
    expect(await found("Mirziyoyev")).toEqual([mirziyoyev]);
    expect(await found("Mirzieev")).toEqual([mirziyoyev]);
    expect(await found("ujkeyjde")).toEqual([golunov]);
    expect(await found("генерала ujkeyjde")).toEqual([golunov]);
    expect(await found("Шавкат Mirziyoyev")).toEqual([mirziyoyev]);
  });

  it("takes a Latin word the site has as typed as it is: those pages first, and no rewriting", async () => {
    // One page has «Golunov» in Latin letters, another «Голунова»: the reader typed the first.
    expect(await found("Golunov")).toEqual([latinGolunov]);
    expect(await found("журналиста Golunov")).toEqual([latinGolunov]);
  });

  it("finds nothing for a nonsense Latin string, and asks the server only for files the site has", async () => {
    expect(await found("zanobed")).toEqual([]);
    expect(await found("qvwqjmhy")).toEqual([]);
    expect(await found("Shchyukhtsz")).toEqual([]);
    expect(missing).toEqual([]);
  });

  it("never rewrites on an edition whose lexicon says its queries are read as typed (English)", async () => {
    const file = path.join(output, "search/lexicon.json");
    const manifest = JSON.parse(await fs.readFile(file, "utf8"));
    await fs.writeFile(file, JSON.stringify({ ...manifest, latin: false }));
    try {
      expect(await found("hfpyjukfcbt")).toEqual([]);
      expect(await found("Mirziyoyev")).toEqual([]);
      expect(await found("Golunov")).toEqual([latinGolunov]);
    } finally {
      await fs.writeFile(file, JSON.stringify(manifest));
    }
  });
});

import { describe, expect, it } from "vitest";
import { NewsroomCalendar } from "../src/dates.ts";
import { editionsOf } from "../src/editions.ts";
import { resolveOptions } from "../src/options.ts";
import { readerWords, readerWordTables } from "../src/theme/reader-words.ts";
import { stringTables, uiStrings } from "../src/theme/strings.ts";

const base = { title: "Вестник", baseUrl: "https://example.org/" };

/** Every entry of a table, called with sample arguments where it is a function: what a reader would see. */
function shown(table: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(table).map(([name, value]) => [name, typeof value === "function" ? String(value(3, 9)) : String(value)]),
  );
}

describe("the theme's strings tables", () => {
  it("ship Russian, Kazakh and English", () => {
    expect(Object.keys(stringTables).sort()).toEqual(["en", "kk", "ru"]);
  });

  for (const language of ["kk", "en"]) {
    it(`the ${language} table has every entry the Russian one has, of the same kind, none empty or left in Russian`, () => {
      const ru = stringTables.ru as object;
      const table = stringTables[language] as object;
      expect(Object.keys(table).sort()).toEqual(Object.keys(ru).sort());
      for (const [name, value] of Object.entries(table)) {
        expect(typeof value, name).toBe(typeof (ru as Record<string, unknown>)[name]);
      }
      const words = shown(table);
      const russian = shown(ru);
      for (const [name, text] of Object.entries(words)) {
        expect(text.trim(), name).not.toBe("");
        // «Фото:», «Эмбарго», «Тегтер» may be the same word in Kazakh; a sentence may not.
        if (text.length > 12) expect(text, name).not.toBe(russian[name]);
      }
    });
  }

  it("count articles with each language's plural forms: Kazakh nouns stay singular after a number", () => {
    const counts = [1, 2, 5, 12, 21];
    expect(counts.map(uiStrings("ru").articleCount)).toEqual(["1 статья", "2 статьи", "5 статей", "12 статей", "21 статья"]);
    expect(counts.map(uiStrings("kk").articleCount)).toEqual(["1 мақала", "2 мақала", "5 мақала", "12 мақала", "21 мақала"]);
    expect(counts.map(uiStrings("en").articleCount)).toEqual(["1 article", "2 articles", "5 articles", "12 articles", "21 articles"]);
  });

  it("give the reading time in each language", () => {
    expect([uiStrings("ru"), uiStrings("kk"), uiStrings("en")].map((table) => table.readingTime(3))).toEqual([
      "3 мин чтения",
      "3 мин оқу",
      "3 min read",
    ]);
  });

  it("fall back to Russian for a language without a table, and read a region subtag as its language", () => {
    expect(uiStrings("uk").readAlso).toBe("Читайте также");
    expect(uiStrings("en-GB").readAlso).toBe("Read also");
    expect(uiStrings("kk-KZ").readAlso).toBe("Тағы оқыңыз");
  });
});

describe("the browser's words", () => {
  it("are given for every language the theme has, entry for entry", () => {
    expect(Object.keys(readerWordTables).sort()).toEqual(Object.keys(stringTables).sort());
    const names = Object.keys(readerWordTables.ru as object).sort();
    for (const table of Object.values(readerWordTables)) expect(Object.keys(table).sort()).toEqual(names);
  });

  it("count search results with each language's plural forms", () => {
    const counts = [1, 2, 5, 21];
    expect(counts.map(readerWords("ru").results)).toEqual(["1 результат", "2 результата", "5 результатов", "21 результат"]);
    expect(counts.map(readerWords("kk").results)).toEqual(["1 нәтиже", "2 нәтиже", "5 нәтиже", "21 нәтиже"]);
    expect(counts.map(readerWords("en").results)).toEqual(["1 result", "2 results", "5 results", "21 results"]);
    expect(readerWords("en").found(2, "forum")).toBe("2 results for “forum”");
    expect(readerWords("kk").nothingFound("форум")).toBe("«форум» сұрауы бойынша ештеңе табылмады");
  });

  it("write a search hit's date in the site's zone, Kazakh from Vestnik's own month names", () => {
    // 20:30 UTC on 14 November is already the 15th in Almaty (UTC+5).
    const late = new Date("2025-11-14T20:30:00Z");
    expect(readerWords("kk").date(late, "Asia/Almaty")).toBe("15 қараша 2025 ж.");
    expect(readerWords("en").date(late, "Asia/Almaty")).toBe("15 November 2025");
    expect(readerWords("ru").date(late, "Asia/Almaty")).toBe("15 ноября 2025 г.");
  });

  it("weigh a download in each language's units", () => {
    const mb = 1024 * 1024;
    expect(readerWords("ru").size(9.46 * mb)).toBe("≈ 9,5 МБ");
    expect(readerWords("en").size(9.46 * mb)).toBe("≈ 9.5 MB");
    expect(readerWords("kk").size(340 * 1024)).toBe("≈ 340 КБ");
  });
});

describe("dates in each language", () => {
  const moment = new Date("2025-11-15T09:35:00Z");

  it("are written «15 қараша 2025 ж.» in Kazakh, day first as the Kazakh press writes them, not luxon's year first", () => {
    const kk = new NewsroomCalendar("kk", "Asia/Almaty");
    expect(kk.readable(moment)).toBe("15 қараша 2025 ж.");
    expect(kk.readableWithTime(moment)).toBe("15 қараша 2025 ж., 14:35");
    expect(kk.readable(new Date("2025-01-03T00:00:00+05:00"))).toBe("3 қаңтар 2025 ж.");
  });

  it("are written «15 November 2025» in English and «15 ноября 2025» in Russian, with a 24-hour time", () => {
    expect(new NewsroomCalendar("en", "Asia/Almaty").readableWithTime(moment)).toBe("15 November 2025, 14:35");
    expect(new NewsroomCalendar("ru", "Asia/Almaty").readableWithTime(moment)).toBe("15 ноября 2025, 14:35");
  });
});

describe("a site's own words", () => {
  it("go over the site language's table by name and an edition's under its code", () => {
    const options = resolveOptions({
      ...base,
      editions: ["kk", "en"],
      strings: { readAlso: "Ещё по теме", kk: { readAlso: "Осы тақырыпта" }, en: { photoCredit: "Picture:" } },
    });
    const [ru, kk, en] = editionsOf(options).map((edition) => edition.options.strings);
    expect([ru?.readAlso, kk?.readAlso, en?.readAlso]).toEqual(["Ещё по теме", "Осы тақырыпта", "Read also"]);
    expect([ru?.photoCredit, kk?.photoCredit, en?.photoCredit]).toEqual(["Фото:", "Фото:", "Picture:"]);
  });

  it("are refused for a language the site does not publish, naming the languages and the fix", () => {
    expect(() => resolveOptions({ ...base, editions: ["kk"], strings: { en: { readAlso: "More" } } })).toThrow(
      /`strings.en` is for a language the site does not publish; its languages are ru, kk \(add "en" to `editions`/,
    );
  });

  it("are refused under an edition's code when the name is not one of the table's", () => {
    expect(() => resolveOptions({ ...base, editions: ["kk"], strings: { kk: { readMore: "Тағы" } as never } })).toThrow(
      /Unknown string `strings.kk.readMore`/,
    );
    expect(() => resolveOptions({ ...base, editions: ["kk"], strings: { kk: "Тағы" } })).toThrow(/`strings.kk` must be an object/);
  });
});

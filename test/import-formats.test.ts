import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { parseAgencyText } from "../src/import/agency-text.ts";
import { InputProblem } from "../src/import/article.ts";
import { paragraphToMarkdown } from "../src/import/body-markdown.ts";
import { parseJsonLines } from "../src/import/jsonl.ts";
import { TagSplitter } from "../src/import/tags-line.ts";

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });
const seedText = readFileSync(new URL("../../shared/seed/000_c352576d79d9da91.txt", import.meta.url), "utf8");
const options = { source: "Kazinform", tags: new TagSplitter() };

/** What a reader sees of rendered Markdown: the text without tags and entities. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();
}

describe("body paragraphs render as published", () => {
  const tricky = [
    "1. Принять отставку правительства.",
    "# Far Cry 5.",
    "> цитата без кавычек",
    "- тире в начале строки",
    "Формула a*b*c и слово_с_подчёркиванием",
    "Тег <b>жирный</b> и сущность &mdash; в тексте",
    "Ссылка [в скобках](http://example.com) и `код`",
    "Обратная косая \\* черта",
    "~~зачёркнуто~~ и | таблица |",
  ];
  it.each(tricky)("«%s» is shown exactly as written", (text) => {
    const html = markdown.render(paragraphToMarkdown(text));
    expect(html.startsWith("<p>")).toBe(true);
    expect(visibleText(html)).toBe(text);
  });

  it("leaves ordinary paragraphs untouched", () => {
    const text = "Касым-Жомарт Токаев пригласил узбекскую сторону к партнерству (ТМТМ), коридора Север — Юг.";
    expect(paragraphToMarkdown(text)).toBe(text);
  });

  it("shows every paragraph of the corpus as published", () => {
    let paragraphs = 0;
    for (const name of ["ru-wikinews", "ru-meduza-golunov"]) {
      const file = new URL(`../../shared/corpus/${name}.jsonl`, import.meta.url);
      for (const line of parseJsonLines(readFileSync(file, "utf8"), name)) {
        if (!line.ok) continue;
        for (const text of line.article.body) {
          paragraphs += 1;
          expect(visibleText(markdown.render(paragraphToMarkdown(text)))).toBe(text.trim());
        }
      }
    }
    expect(paragraphs).toBeGreaterThan(7000);
  });
});

describe("the agency's text export", () => {
  it("reads headline, lead, photos with their place in the body, tags and byline", () => {
    const article = parseAgencyText(seedText, "seed.txt", options);
    expect(article.title).toBe("Касым-Жомарт Токаев призвал создавать благоприятные условия для участников логистических цепочек");
    expect(article.lead).toMatch(/^По мнению Главы государства/);
    expect(article.body).toHaveLength(9);
    expect(article.photos).toEqual([
      { caption: "порт Актау", credit: "portaktau.kz", after: 0 },
      { caption: article.title, credit: "Акорда", after: 2 },
    ]);
    expect(article.author).toBe("Анастасия Палагутина");
    expect(article.tags).toHaveLength(7);
    expect(article.lang).toBeUndefined();
  });

  it.each([
    ["ҚАЗ", "kk"],
    ["КАЗ", "kk"],
    ["kz", "kk"],
    ["ENG", "en"],
    ["Eng.", "en"],
    ["ru", undefined],
  ])("reads the language mark %s as %s", (mark, lang) => {
    expect(parseAgencyText(seedText.replace("РУ", mark), "seed.txt", options).lang).toBe(lang);
  });

  it("refuses an unknown language mark, naming the line and the marks it knows", () => {
    expect(() => parseAgencyText(seedText.replace("РУ", "FR"), "seed.txt", options)).toThrow(
      /seed\.txt:1: unknown language «FR»; use РУ, ҚАЗ or ENG/,
    );
  });

  it("reports problems as InputProblem with file and line", () => {
    try {
      parseAgencyText("\n\nЗаголовок\n", "x.txt", options);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputProblem);
      expect((error as InputProblem).place).toEqual({ file: "x.txt", line: 3 });
    }
  });
});

describe("JSON Lines archives", () => {
  it("drops the lead from the body where the archive repeats it, and keeps a one-paragraph text as body", () => {
    const lines = [
      JSON.stringify({ title: "А", date: "2020-01-01", lead: "Лид.", body: "Лид.\n\nТекст." }),
      JSON.stringify({ title: "Б", date: "2020-01-02", lead: "Весь текст.", body: "Весь текст." }),
    ].join("\n");
    const [first, second] = [...parseJsonLines(lines, "a.jsonl")];
    expect(first?.ok && [first.article.lead, first.article.body]).toEqual(["Лид.", ["Текст."]]);
    expect(second?.ok && [second.article.lead, second.article.body]).toEqual([undefined, ["Весь текст."]]);
  });

  it("turns captions into photos and keeps source, url and licence", () => {
    const line = JSON.stringify({
      title: "В",
      date: "2020-01-03",
      body: "Текст.",
      captions: ["Подпись"],
      author: null,
      url: "https://ru.wikinews.org/wiki/X",
      license: "CC BY 2.5",
      source: "Викиновости",
      lang: "kk",
      date_estimated: true,
    });
    const [result] = [...parseJsonLines(line, "a.jsonl")];
    expect(result?.ok && result.article).toMatchObject({
      photos: [{ caption: "Подпись" }],
      sourceUrl: "https://ru.wikinews.org/wiki/X",
      license: "CC BY 2.5",
      source: "Викиновости",
      lang: "kk",
    });
    expect(result?.ok && "author" in result.article).toBe(false);
  });

  it("names the line and field of a bad record", () => {
    const lines = [
      "[]",
      JSON.stringify({ title: "Г", body: "Текст." }),
      JSON.stringify({ title: "Д", date: "2020-01-01", body: "Т.", url: "ftp:x" }),
    ];
    const problems = [...parseJsonLines(lines.join("\n"), "a.jsonl")].map((line) => (line.ok ? "" : line.problem.message));
    expect(problems[0]).toMatch(/^a\.jsonl:1: not a JSON object/);
    expect(problems[1]).toMatch(/^a\.jsonl:2: date is missing/);
    expect(problems[2]).toMatch(/^a\.jsonl:3: url «ftp:x» is not a full web address/);
  });
});

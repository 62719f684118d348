import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { parseAgencyText } from "../src/import/agency-text.ts";
import { type CommandOutput, main } from "../src/import/cli.ts";
import { parseJsonLines } from "../src/import/jsonl.ts";
import { splitTagsLine, TagSplitter } from "../src/import/tags-line.ts";
import { spellingRules } from "../src/morphology/word-facts.ts";
import { testTempDir } from "./support/temp-root.ts";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(testTempDir(), "vestnik-import-lang-"));
  folders.push(folder);
  return folder;
}

/** Runs `vestnik import` in this process, its output kept. */
async function runImport(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CommandOutput = {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    errIsTerminal: false,
  };
  const code = await main(["--quiet", ...args], io);
  return { code, out, err };
}

/** The front matter of every article an import wrote into `dir`. */
function frontMatters(dir: string): Record<string, unknown>[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".md"))
    .sort()
    .map((file) => yaml.load(readFileSync(path.join(dir, file), "utf8").split("---\n")[1] ?? "") as Record<string, unknown>);
}

/** A Kazakh export as the agency writes it; `mark` is the language after the date, if any. */
const kazakhExport = (mark: string) => `date 2025-11-15${mark ? ` ${mark}` : ""}
    Астанада логистика форумы өтті

    Форумға Қазақстан мен Өзбекстанның барлық өңірінен қонақтар келді.

    Ақтау порты
    Сурет: portaktau.kz

    Қасым-Жомарт Тоқаев Транскаспий бағытын дамытуға шақырды.

    Қасым-Жомарт Тоқаев Логистика Қазақстанның сыртқы саясаты Өзбекстан Шавкат Мирзиёев
    Айгүл Сәрсенова
`;

const englishExport = (mark: string) => `date 2025-11-15${mark ? ` ${mark}` : ""}
    Logistics forum held in Astana

    Guests came from every region of Kazakhstan and Uzbekistan.

    Kassym-Jomart Tokayev called for the Trans-Caspian route to grow.

    Kassym-Jomart Tokayev Logistics Foreign policy of Kazakhstan Uzbekistan Shavkat Mirziyoyev
    Anastasia Palagutina
`;

describe("splitting a tags line in each language", () => {
  const cases: [string, string, string, string[]][] = [
    [
      "kk",
      "a first name and a surname are one tag, and a genitive joins the words after it",
      "Қасым-Жомарт Тоқаев Логистика Қазақстанның сыртқы саясаты",
      ["Қасым-Жомарт Тоқаев", "Логистика", "Қазақстанның сыртқы саясаты"],
    ],
    ["kk", "«және» joins the names on either side", "Босния және Герцеговина Өзбекстан", ["Босния және Герцеговина", "Өзбекстан"]],
    [
      "kk",
      "a possessive head noun stays with the name before it",
      "Қазақстан Республикасы Ұлттар Ұйымы Астана",
      ["Қазақстан Республикасы", "Ұлттар Ұйымы", "Астана"],
    ],
    ["kk", "places in a row are separate tags", "Астана Алматы Шымкент", ["Астана", "Алматы", "Шымкент"]],
    [
      "en",
      "a first name and a surname are one tag, and «of» joins the words after it",
      "Kassym-Jomart Tokayev Logistics Foreign policy of Kazakhstan",
      ["Kassym-Jomart Tokayev", "Logistics", "Foreign policy of Kazakhstan"],
    ],
    ["en", "«and» joins the names on either side", "Bosnia and Herzegovina Uzbekistan", ["Bosnia and Herzegovina", "Uzbekistan"]],
    [
      "en",
      "commas separate tags exactly",
      "Kassym-Jomart Tokayev, logistics, Trans-Caspian International Transport Route",
      ["Kassym-Jomart Tokayev", "logistics", "Trans-Caspian International Transport Route"],
    ],
    [
      "kk",
      "semicolons separate tags exactly",
      "Транскаспий халықаралық көлік бағыты; Ақтау порты",
      ["Транскаспий халықаралық көлік бағыты", "Ақтау порты"],
    ],
  ];
  it.each(cases)("%s: %s", (language, _name, line, tags) => {
    expect(splitTagsLine(line, { morphology: spellingRules }, language)).toEqual(tags);
  });

  it("keeps a tag the site already knows whole in English too", () => {
    const splitter = new TagSplitter({
      known: ["Trans-Caspian International Transport Route", "United States"],
      morphology: spellingRules,
    });
    expect(splitter.split("United States Trans-Caspian International Transport Route Aktau", "en")).toEqual([
      "United States",
      "Trans-Caspian International Transport Route",
      "Aktau",
    ]);
  });

  it("splits a Russian line as before when no language is given", () => {
    expect(splitTagsLine("Касым-Жомарт Токаев Логистика", { morphology: spellingRules })).toEqual(["Касым-Жомарт Токаев", "Логистика"]);
  });
});

describe("reading Kazakh and English articles", () => {
  const tags = new TagSplitter({ morphology: spellingRules });

  it("takes an export's language from its date line, and splits its tags in that language", () => {
    const kazakh = parseAgencyText(kazakhExport("ҚАЗ"), "kk.txt", { source: "Kazinform", tags });
    expect(kazakh.lang).toBe("kk");
    expect(kazakh.tags).toEqual(["Қасым-Жомарт Тоқаев", "Логистика", "Қазақстанның сыртқы саясаты", "Өзбекстан", "Шавкат Мирзиёев"]);
    expect(kazakh.photos).toEqual([{ caption: "Ақтау порты", credit: "portaktau.kz", after: 0 }]);
    const english = parseAgencyText(englishExport("ENG"), "en.txt", { source: "Kazinform", tags });
    expect(english.lang).toBe("en");
    expect(english.tags).toEqual([
      "Kassym-Jomart Tokayev",
      "Logistics",
      "Foreign policy of Kazakhstan",
      "Uzbekistan",
      "Shavkat Mirziyoyev",
    ]);
    expect(english.author).toBe("Anastasia Palagutina");
  });

  it("takes the language given for the import when the file names none, and the file's own over it", () => {
    expect(parseAgencyText(kazakhExport(""), "kk.txt", { source: "Kazinform", tags, language: "kk" }).lang).toBe("kk");
    expect(parseAgencyText(kazakhExport(""), "kk.txt", { source: "Kazinform", tags }).lang).toBeUndefined();
    expect(parseAgencyText(englishExport("ENG"), "en.txt", { source: "Kazinform", tags, language: "kk" }).lang).toBe("en");
    const lines = [
      JSON.stringify({ title: "Forum held", date: "2025-11-15", body: "Guests came." }),
      JSON.stringify({ title: "Форум өтті", date: "2025-11-15", body: "Қонақтар келді.", lang: "kk" }),
    ].join("\n");
    const articles = [...parseJsonLines(lines, "a.jsonl", { language: "en" })].map((line) => (line.ok ? line.article.lang : line.problem));
    expect(articles).toEqual(["en", "kk"]);
  });
});

describe("vestnik import --lang", () => {
  it("writes articles of files that do not say their language in the language given", async () => {
    const input = temporaryFolder();
    const out = temporaryFolder();
    writeFileSync(path.join(input, "forum.txt"), kazakhExport(""));
    writeFileSync(
      path.join(input, "archive.jsonl"),
      `${JSON.stringify({ title: "Мектеп ашылды", date: "2025-11-14", lead: "Ауылда жаңа мектеп.", body: "Балалар оқиды.", tags: ["Білім"] })}\n`,
    );
    const run = await runImport(["--lang", "kk", "--out", out, path.join(input, "forum.txt"), path.join(input, "archive.jsonl")]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const written = frontMatters(out);
    expect(written.map((front) => [front.title, front.lang])).toEqual([
      ["Астанада логистика форумы өтті", "kk"],
      ["Мектеп ашылды", "kk"],
    ]);
    expect(written[0]?.tags).toEqual(["Қасым-Жомарт Тоқаев", "Логистика", "Қазақстанның сыртқы саясаты", "Өзбекстан", "Шавкат Мирзиёев"]);
  });

  it("refuses a language it does not know, naming the flag, the languages it knows and an example", async () => {
    const run = await runImport(["--lang", "fr", "articles.txt"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^Unknown --lang «fr»: give ru, kk, en \(the language of files that do not say theirs\), e\.g\. --lang kk\./);
    expect(run.err).toContain("Usage: vestnik import");
  });

  it("lists --lang in its help", async () => {
    const run = await runImport(["--help"]);
    expect(run.out).toMatch(/--lang <ru\|kk\|en>\s+language of files that do not say theirs/);
  });
});

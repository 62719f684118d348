import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { articleSchema } from "../src/articles/schema.ts";
import { main } from "../src/import/cli.ts";

/** The import command, into a temporary folder. */
const root = fileURLToPath(new URL("..", import.meta.url));
const seed = path.join(root, "../shared/seed/000_c352576d79d9da91.txt");
const corpus = path.join(root, "../shared/corpus");
const seedArticle = path.join(
  root,
  "articles/2025/11/kasym-zhomart-tokaev-prizval-sozdavat-blagopriyatnye-usloviya-dlya-uchastnikov-logisticheskikh-tsepochek.md",
);
const seedTarget = path.relative(path.join(root, "articles"), seedArticle);

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "vestnik-import-"));
  folders.push(folder);
  return folder;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the command: in this process through the command's own `main` (the argument parsing, the
 * report and the exit code are the same), or as a child process through `bin/vestnik.js`, as a
 * newsroom types it. Tests run concurrently: each has its own folder.
 */
async function runImport(args: string[], options: { bin?: boolean } = {}): Promise<Run> {
  if (!options.bin) {
    let stdout = "";
    let stderr = "";
    const status = await main(args, {
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
      errIsTerminal: false,
    });
    return { status, stdout, stderr };
  }
  return new Promise((resolve) => {
    const command = [path.join(root, "bin/vestnik.js"), "import", ...args];
    const child = execFile(process.execPath, command, { cwd: root, encoding: "utf8" }, (_error, stdout, stderr) => {
      resolve({ status: child.exitCode, stdout, stderr });
    });
  });
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".md"))
    .sort();
}

/** Writes a file into a fresh folder and returns its path. */
function inputFile(name: string, content: string | Uint8Array): string {
  const file = path.join(temporaryFolder(), name);
  writeFileSync(file, content);
  return file;
}

const seedText = readFileSync(seed, "utf8");

describe.concurrent("importing the seed article", () => {
  it("reproduces the checked-in seed article byte for byte, but for the story key the newsroom added for its other editions", async () => {
    const out = temporaryFolder();
    const run = await runImport(["--out", out, seed]);
    expect(run.status).toBe(0);
    expect(markdownFiles(out)).toEqual([seedTarget]);
    const checkedIn = readFileSync(seedArticle, "utf8");
    expect(checkedIn).toMatch(/^story: tokaev-tashkent-2025\n/m);
    expect(readFileSync(path.join(out, seedTarget), "utf8")).toBe(checkedIn.replace(/^story: .*\n/m, ""));
    expect(run.stdout).toMatch(/imported 1, skipped 0, failed 0/);
  });

  it("writes front matter the build's schema accepts, with the photos placed after 0 and 2 paragraphs", async () => {
    const out = temporaryFolder();
    await runImport(["--out", out, seed]);
    const content = readFileSync(path.join(out, seedTarget), "utf8");
    const front = yaml.load(content.split("---\n")[1] ?? "", { schema: yaml.CORE_SCHEMA });
    const article = articleSchema.parse(front);
    expect(article.date).toBe("2025-11-15");
    expect(article.source).toBe("Kazinform");
    expect(article.lang).toBeUndefined();
    expect(article.photos.map((photo) => [photo.caption, photo.credit, photo.after])).toEqual([
      ["порт Актау", "portaktau.kz", 0],
      [article.title, "Акорда", 2],
    ]);
    expect(article.tags).toHaveLength(7);
  });

  it("recognises the seed article already in the site's articles folder and leaves it alone", async () => {
    const before = statSync(seedArticle).mtimeMs;
    const run = await runImport([seed]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/imported 0, skipped 1/);
    expect(statSync(seedArticle).mtimeMs).toBe(before);
  });

  it("works through the vestnik command too", async () => {
    const out = temporaryFolder();
    const run = await runImport(["--out", out, seed], { bin: true });
    expect(run.status).toBe(0);
    expect(markdownFiles(out)).toEqual([seedTarget]);
  });

  it("marks Kazakh and English exports with their language", async () => {
    const out = temporaryFolder();
    const kazakh = inputFile("kz.txt", seedText.replace("date 2025-11-15 РУ", "date 2025-11-15 ҚАЗ"));
    const english = inputFile("en.txt", seedText.replace("date 2025-11-15 РУ", "date 2025-11-16 eng").replace("порт Актау", "Aktau port"));
    expect((await runImport(["--out", out, kazakh, english])).status).toBe(0);
    const langs = markdownFiles(out).map((file) => readFileSync(path.join(out, file), "utf8").match(/^lang: (.*)$/m)?.[1]);
    expect(langs.sort()).toEqual(["en", "kk"]);
  });
});

describe.concurrent("importing again", () => {
  it("re-importing the same article skips it and leaves the file unchanged", async () => {
    const out = temporaryFolder();
    await runImport(["--out", out, seed]);
    const file = path.join(out, seedTarget);
    const before = { content: readFileSync(file, "utf8"), mtime: statSync(file).mtimeMs };
    const again = await runImport(["--out", out, seed]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/imported 0, skipped 1 \(1 already there/);
    expect(readFileSync(file, "utf8")).toBe(before.content);
    expect(statSync(file).mtimeMs).toBe(before.mtime);
    expect(markdownFiles(out)).toEqual([seedTarget]);
  });

  it("keeps an edited article unless --force is given, and --force replaces it", async () => {
    const out = temporaryFolder();
    await runImport(["--out", out, seed]);
    const corrected = inputFile("corrected.txt", seedText.replace("выспуплении", "выступлении"));
    const kept = await runImport(["--out", out, corrected]);
    expect(kept.status).toBe(0);
    expect(kept.stdout).toMatch(/1 changed: --force to replace/);
    expect(readFileSync(path.join(out, seedTarget), "utf8")).toContain("выспуплении");

    const forced = await runImport(["--out", out, "--force", corrected]);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/replaced 1/);
    expect(markdownFiles(out)).toEqual([seedTarget]);
    expect(readFileSync(path.join(out, seedTarget), "utf8")).toContain("В\u00a0своем выступлении");
  });

  it("gives a different article with the same headline on the same day its own file", async () => {
    const out = temporaryFolder();
    const other = inputFile("other.txt", seedText.replace(/По мнению Главы государства/, "Как считает Глава государства"));
    expect((await runImport(["--out", out, seed, other])).status).toBe(0);
    expect(new Set(markdownFiles(out))).toEqual(new Set([seedTarget, seedTarget.replace(/\.md$/, "-2.md")]));
  });

  it("leaves no temporary files behind", async () => {
    const out = temporaryFolder();
    await runImport(["--out", out, seed]);
    const all = readdirSync(out, { recursive: true, encoding: "utf8" });
    expect(all.filter((file) => file.endsWith(".tmp"))).toEqual([]);
  });
});

describe.concurrent("bad input in a batch", () => {
  it("reports each broken file with its line and still imports the rest, exiting with 1", async () => {
    const out = temporaryFolder();
    const jsonl = inputFile(
      "archive.jsonl",
      [
        JSON.stringify({ title: "Первая новость", date: "2024-05-01", lead: "Лид.", body: "Лид.\n\nТекст первой новости." }),
        '{"title": "Сломанная строка", "date": ',
        JSON.stringify({ title: "Без текста", date: "2024-05-02", body: "" }),
        JSON.stringify({ title: "Неверная дата", date: "2024-02-30", body: "Текст." }),
        JSON.stringify({ title: "Вторая новость", date: "2024-05-03", body: "Текст второй новости." }),
      ].join("\n"),
    );
    const cp1251 = inputFile("windows.txt", Buffer.from([0x64, 0x61, 0x74, 0x65, 0x0a, 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]));
    const noDate = inputFile("no-date.txt", seedText.replace(" date 2025-11-15 РУ\n", ""));
    const badDate = inputFile("bad-date.txt", seedText.replace("2025-11-15", "15.11.2025"));
    const noBody = inputFile(
      "no-body.txt",
      "date 2025-11-15 РУ\nЗаголовок\n\nЛид новости.\n\nФото подписи\nФото: Акорда\n\nТег Другой тег\nАвтор Авторов\n",
    );
    const run = await runImport(["--out", out, jsonl, cp1251, noDate, badDate, seed, noBody]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${jsonl}:2: invalid JSON`);
    expect(run.stderr).toContain(`${jsonl}:3: empty body`);
    expect(run.stderr).toMatch(new RegExp(`${jsonl}:4: date .*2024-02-30`));
    expect(run.stderr).toContain(`${cp1251}:2: not UTF-8 text`);
    expect(run.stderr).toContain(`${noDate}:1: no date line`);
    expect(run.stderr).toContain(`${badDate}:1: unparsable date «15.11.2025»`);
    expect(run.stderr).toContain(`${noBody}:4: empty body`);
    expect(run.stdout).toMatch(/imported 3, skipped 0, failed 7/);
    expect(markdownFiles(out)).toEqual(["2024/05/pervaya-novost.md", "2024/05/vtoraya-novost.md", seedTarget]);
  });

  it("exits with 0 when everything landed and 2 for a wrong command line", async () => {
    expect((await runImport(["--out", temporaryFolder(), seed])).status).toBe(0);
    expect((await runImport([])).status).toBe(2);
    expect((await runImport(["--no-such-option", seed])).status).toBe(2);
  });

  it("says which file does not exist or has an unknown format", async () => {
    const run = await runImport(["--out", temporaryFolder(), "/no/such/file.txt", inputFile("notes.docx", "x")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("/no/such/file.txt: no such file");
    expect(run.stderr).toMatch(/notes\.docx: unknown format «\.docx»/);
  });
});

describe.concurrent("importing archives", () => {
  it("keeps source, licence and original address in the front matter", async () => {
    const out = temporaryFolder();
    const line = readFileSync(path.join(corpus, "ru-wikinews.jsonl"), "utf8").split("\n")[0] ?? "";
    const record = JSON.parse(line) as { title: string; url: string; license: string; source: string; tags: string[] };
    await runImport(["--out", out, inputFile("one.jsonl", line)]);
    const [file] = markdownFiles(out);
    const front = yaml.load(readFileSync(path.join(out, file ?? ""), "utf8").split("---\n")[1] ?? "", { schema: yaml.CORE_SCHEMA });
    const article = articleSchema.parse(front);
    expect(article).toMatchObject({
      title: record.title,
      source: record.source,
      sourceUrl: record.url,
      license: record.license,
      tags: record.tags,
    });
  });

  it("gives Meduza's two articles with the same headline two files", async () => {
    const out = temporaryFolder();
    const run = await runImport(["--out", out, path.join(corpus, "ru-meduza-golunov.jsonl")]);
    expect(run.status).toBe(0);
    expect(markdownFiles(out).filter((file) => file.endsWith("/prodolzhenie-sleduet.md"))).toHaveLength(2);
    expect(markdownFiles(out)).toHaveLength(100);
  });
});

// Alone, not beside the concurrent tests above: it measures time.
describe("importing the whole corpus", () => {
  // How fast is a benchmark's question (bench/), not a test's: this prints the time and checks the result.
  it("imports the whole Wikinews corpus with a progress line and a summary", async () => {
    const out = temporaryFolder();
    const started = performance.now();
    const run = await runImport(["--out", out, path.join(corpus, "ru-wikinews.jsonl")]);
    const seconds = (performance.now() - started) / 1000;
    const reported = Number(run.stdout.match(/ in ([\d.]+) s$/m)?.[1]);
    console.log(`imported the 1,047-article Wikinews corpus in ${reported} s (${seconds.toFixed(1)} s with process start)`);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/imported 1047, skipped 0, failed 0/);
    expect(run.stderr).toMatch(/Importing… 1000 articles/);
    expect(markdownFiles(out)).toHaveLength(1047);
    expect(reported).toBeGreaterThan(0);
  });
});

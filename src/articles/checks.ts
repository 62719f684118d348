import { readFileSync } from "node:fs";
import path from "node:path";
import type { ArticleProblems } from "./problems.ts";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Where a file stops being UTF-8, as a 1-based line number, or undefined when it is valid.
 * Eleventy decodes files leniently (bad bytes become U+FFFD), so the bytes are checked again,
 * but only for files whose text shows a replacement character.
 */
export function firstNonUtf8Line(path: string, decodedText: string): number | undefined {
  if (!decodedText.includes("\uFFFD")) return undefined;
  const bytes = readFileSync(path);
  try {
    strictUtf8.decode(bytes);
    return undefined;
  } catch {
    // Decode line by line to find the first bad one.
    let line = 1;
    let start = 0;
    for (let index = 0; index <= bytes.length; index++) {
      if (index === bytes.length || bytes[index] === 0x0a) {
        try {
          strictUtf8.decode(bytes.subarray(start, index));
        } catch {
          return line;
        }
        line++;
        start = index + 1;
      }
    }
    return 1;
  }
}

/** True when the Markdown body (front matter removed) has no text at all. */
export function isEmptyBody(body: string): boolean {
  const text = body.trimStart();
  // Checked for every article on every rebuild of npm start: only a body that opens with a comment
  // needs the comments taken out.
  if (!text.startsWith("<!--")) return text === "";
  return text.replace(/<!--[\s\S]*?-->/g, "").trim() === "";
}

let articleFolder = "";
let articleFiles = new Map<string, string | undefined>();

/** `./articles/x.md` → `articles/x.md`: the path an editor sees, relative to the site's input folder. */
export function inputRelativePath(filePath: string, inputDir: string): string {
  return path.relative(path.resolve(inputDir), path.resolve(filePath)).split(path.sep).join("/");
}

/**
 * The file's path relative to the input folder when it lies in the articles folder, else undefined.
 * Worked out once a file: npm start checks every article on every rebuild.
 */
export function articleFileOf(inputPath: string, inputDir: string, articlesDir: string): string | undefined {
  const folder = `${process.cwd()}\0${inputDir}\0${articlesDir}`;
  if (folder !== articleFolder) {
    articleFolder = folder;
    articleFiles = new Map();
  }
  if (articleFiles.has(inputPath)) return articleFiles.get(inputPath);
  const file = inputRelativePath(inputPath, inputDir);
  const answer = file.startsWith(`${articlesDir}/`) ? file : undefined;
  articleFiles.set(inputPath, answer);
  return answer;
}

/**
 * Checks an article's text as Eleventy read it: bytes that are not UTF-8 (an old archive in
 * Windows-1251, say) and a body with nothing in it. Other files are not the newsroom's articles.
 */
export function checkArticleText(inputPath: string, body: string, inputDir: string, articlesDir: string, problems: ArticleProblems): void {
  const file = articleFileOf(inputPath, inputDir, articlesDir);
  if (file === undefined) return;
  const badLine = firstNonUtf8Line(inputPath, body);
  if (badLine !== undefined) {
    problems.add(file, `line ${badLine}`, "the file is not UTF-8 text; save it as UTF-8 (e.g. iconv -f WINDOWS-1251 -t UTF-8)");
  }
  if (isEmptyBody(body)) problems.add(file, "body", "is empty; write the article's text below the front matter");
}

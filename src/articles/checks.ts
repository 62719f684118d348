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
  return body.replace(/<!--[\s\S]*?-->/g, "").trim() === "";
}

/**
 * Checks an article's text as Eleventy read it: bytes that are not UTF-8 (an old archive in
 * Windows-1251, say) and a body with nothing in it. Other files are not the newsroom's articles.
 */
export function checkArticleText(inputPath: string, body: string, inputDir: string, articlesDir: string, problems: ArticleProblems): void {
  const file = path.relative(path.resolve(inputDir), path.resolve(inputPath)).split(path.sep).join("/");
  if (!file.startsWith(`${articlesDir}/`)) return;
  const badLine = firstNonUtf8Line(inputPath, body);
  if (badLine !== undefined) {
    problems.add(file, `line ${badLine}`, "the file is not UTF-8 text; save it as UTF-8 (e.g. iconv -f WINDOWS-1251 -t UTF-8)");
  }
  if (isEmptyBody(body)) problems.add(file, "body", "is empty; write the article's text below the front matter");
}

import { DOMParser } from "@xmldom/xmldom";
import fc from "fast-check";
import { parse } from "parse5";
import { describe, expect, it } from "vitest";
import { createFrontMatterReader } from "../src/articles/front-matter.ts";
import { ArticleProblems } from "../src/articles/problems.ts";
import { parseAgencyText } from "../src/import/agency-text.ts";
import { InputProblem, renderArticle } from "../src/import/article.ts";
import { TagSplitter } from "../src/import/tags-line.ts";
import { resolveOptions } from "../src/options.ts";
import { buildInMemory, demoOptions, errorMessages } from "./support/memory-build.ts";
import { article } from "./support/site.ts";

/** The site's front-matter reader on its own, as the build sets it up for the demo site. */
function frontMatterReader() {
  return createFrontMatterReader({
    options: resolveOptions(demoOptions),
    problems: new ArticleProblems(),
    includeDrafts: () => true,
    inputDir: () => ".",
    warn: () => {},
  });
}

/** Parse errors of an HTML page, by the HTML standard's parser. */
function htmlErrors(html: string): string[] {
  const errors: string[] = [];
  parse(html, { onParseError: (error) => errors.push(error.code) });
  return errors;
}

function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(xml, "text/xml");
  return errors;
}

/** Every built file parses as what it is. */
function assertParses(pages: { outputPath: string | false; content: string }[]): void {
  for (const built of pages) {
    const file = String(built.outputPath);
    if (file.endsWith(".html")) expect(htmlErrors(built.content), file).toEqual([]);
    else if (file.endsWith(".xml") || file.endsWith(".atom") || file.endsWith(".opml")) expect(xmlErrors(built.content), file).toEqual([]);
    else if (file.endsWith(".json")) expect(() => JSON.parse(built.content), file).not.toThrow();
  }
}

describe("random front matter", () => {
  const reader = frontMatterReader();

  it("never makes the front-matter reader throw: it reports problems instead", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (yaml) => {
        expect(() => reader(yaml, { filePath: "./articles/random.md" })).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it("of any shape builds a site whose every page, feed and JSON parses, or fails with the problems listed", async () => {
    const text = fc.string({ unit: "binary", maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          title: text,
          lead: text,
          author: text,
          tags: fc.array(text, { maxLength: 4 }),
          caption: text,
          body: fc.string({ unit: "binary", maxLength: 400 }),
        }),
        async (random) => {
          // Most titles and bodies get a plain word too, so most runs build instead of being refused.
          const content = article(
            {
              title: `Новость ${random.title}`,
              lead: random.lead,
              author: random.author,
              tags: random.tags,
              photos: [{ caption: random.caption, credit: random.author }],
            },
            `Текст ${random.body}`,
          );
          try {
            assertParses(await buildInMemory({ "random.md": content }));
          } catch (error) {
            if (error instanceof Error && error.name === "AssertionError") throw error;
            // A refused article is fine, as long as the editor is told what and where.
            expect(
              errorMessages(error).some((message) => /^Vestnik: \d+ problems? in the articles/.test(message)),
              String(error),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("random agency text", () => {
  it("either imports as an article the build reads back without a problem, or is refused with the file and line", () => {
    const options = { source: "Kazinform", tags: new TagSplitter() };
    const reader = frontMatterReader();
    const line = fc.string({ unit: "binary", maxLength: 80 });
    const exportText = fc
      .array(fc.oneof(line, fc.constant(""), fc.constant("date 2025-11-15 РУ"), fc.constant("Фото: Акорда")), { maxLength: 20 })
      .map((lines) => lines.join("\n"));
    fc.assert(
      fc.property(fc.oneof(exportText, fc.string({ unit: "binary", maxLength: 400 })), (text) => {
        let markdown: string;
        try {
          markdown = renderArticle(parseAgencyText(text, "random.txt", options), "Asia/Almaty");
        } catch (error) {
          expect(error).toBeInstanceOf(InputProblem);
          expect((error as Error).message).toMatch(/^random\.txt(:\d+)?: /);
          return;
        }
        const front = markdown.slice(4, markdown.indexOf("\n---\n", 4) + 1);
        const data = reader(front, { filePath: "./articles/imported.md" });
        expect(data.article, markdown).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });
});

import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectSameSite, files, newsroom } from "./support/same-site.ts";
import { article, assertBuilt, type Build, buildSite } from "./support/site.ts";

// One clock for every build: the news sitemap and the Yandex feed show the last days before it.
const env = { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 11, 20) / 1000) };
// Parts of 8 articles: the fixture's index is in several parts, and only some of them change.
const siteOptions = { searchPartSize: 8 };

/** The production build again in the project of `first`, into `output`, with these flags. */
function buildAgain(first: Build, output: string, args: string[]): Promise<Build> {
  return buildSite({ atomic: true, again: first, env, args: [...args, `--output=${output}`] });
}

function said(build: Build): string {
  return `${build.stdout}\n${build.stderr}`;
}

describe("a build since the last one (--since-last)", () => {
  it("writes, after a new, an edited and a removed article, the site a full build writes, byte for byte", {
    timeout: 1_200_000,
  }, async () => {
    const first = assertBuilt(
      await buildSite({ atomic: true, articles: newsroom(), env, siteOptions, args: ["--since-last", "--workers", "1"] }),
    );
    expect(said(first)).toContain("Building the whole site: no earlier build");
    const temp = path.dirname(first.output);
    const articles = path.join(first.project, "articles");

    // Breaking news: the newest article, with tags the older ones carry (their «Читайте также» changes).
    await fs.writeFile(
      path.join(articles, "2024/12/srochno.md"),
      article(
        { title: "Срочная новость", date: "2024-12-19T14:35:00+05:00", tags: ["Нефть", "Астана", "Тема 1", "Новый тег"] },
        "Текст срочной новости.",
      ),
    );
    const breaking = assertBuilt(await buildAgain(first, first.output, ["--since-last", "--workers", "1"]));
    expect(said(breaking)).toMatch(/Since the last build: \d+ article pages/);
    const full = assertBuilt(await buildAgain(first, path.join(temp, "full-1"), ["--workers", "1"]));
    expectSameSite(full.output, breaking.output);
    // Not the whole site again: a handful of article pages, the rest kept from the last build.
    const [, pages] = /Since the last build: (\d+) article pages/.exec(said(breaking)) ?? [];
    expect(Number(pages)).toBeGreaterThan(0);
    expect(Number(pages)).toBeLessThan(20);

    // An edit that changes a title others show, and an article taken down.
    const edited = path.join(articles, "2022/06/novost-5.md");
    await fs.writeFile(edited, (await fs.readFile(edited, "utf8")).replace("Новость номер 5", "Новость номер пять, исправлено"));
    await fs.rm(path.join(articles, "2023/03/novost-2.md"));
    const corrected = assertBuilt(await buildAgain(first, first.output, ["--since-last", "--workers", "1"]));
    expect(said(corrected)).toMatch(/Since the last build: \d+ article pages/);
    const fullAgain = assertBuilt(await buildAgain(first, path.join(temp, "full-2"), ["--workers", "1"]));
    expectSameSite(fullAgain.output, corrected.output);
    expect([...files(corrected.output).keys()].some((name) => name.includes("novost-nomer-2/"))).toBe(false);
  });
});

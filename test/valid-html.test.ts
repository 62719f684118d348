import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, type Build, demoSite } from "./support/site.ts";
import { toolAvailable } from "./support/tools.ts";

/**
 * Every page of the demo site passes the Nu Html Checker (vnu.jar from npm `vnu-jar`, run with the
 * machine's Java), checked once over the whole build: the checker takes seconds to start.
 */

const vnuJar = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

/** Java runs the checker. */
function javaAvailable(): boolean {
  const found = spawnSync("java", ["-version"], { encoding: "utf8" }).status === 0;
  return toolAvailable({ name: "Java (for the Nu Html Checker)", found, install: "apt-get install -y default-jre-headless" });
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

async function htmlFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The checker's errors over all files, one line each: file, line, message and the markup around it. */
function checkHtml(files: string[], root: string): Promise<string[]> {
  const args = ["-jar", vnuJar, "--errors-only", "--format", "json", ...files];
  return new Promise((resolve, reject) => {
    execFile("java", args, { maxBuffer: 64 * 1024 * 1024, timeout: 240_000 }, (error, stdout, stderr) => {
      // The report is on stderr; the exit code is 1 when there are errors, which the report lists.
      let report: { messages: VnuMessage[] };
      try {
        report = JSON.parse(stderr || stdout);
      } catch {
        reject(new Error(`the Nu Html Checker failed: ${error?.message ?? ""}\n${stdout}\n${stderr}`));
        return;
      }
      resolve(
        report.messages
          .filter((message) => message.type === "error" || message.type === "non-document-error")
          .map((message) => {
            const file = message.url ? path.relative(root, new URL(message.url).pathname) : "?";
            return `${file}:${message.lastLine ?? "?"}: ${message.message} «${(message.extract ?? "").replace(/\s+/g, " ").trim()}»`;
          }),
      );
    });
  });
}

describe.runIf(javaAvailable())("the built demo site as HTML", () => {
  let site: Build;
  let files: string[];
  let errors: string[];

  beforeAll(async () => {
    site = assertBuilt(await demoSite());
    files = await htmlFiles(site.output);
    errors = await checkHtml(files, site.output);
  }, 300_000);

  it("is checked page by page: articles, lists, tags, search, feeds, 404 and offline pages, in every edition", () => {
    const pages = files.map((file) => path.relative(site.output, file));
    expect(pages).toEqual(
      expect.arrayContaining([
        "index.html",
        "page/1/index.html",
        "2025/11/15/kasym-zhomart-tokaev-prizval-sozdavat-blagopriyatnye-usloviya-dlya-uchastnikov-logisticheskikh-tsepochek/index.html",
        "tags/index.html",
        "tags/kazakhstan/index.html",
        "tags/few/lo/index.html",
        "search/index.html",
        "feeds/index.html",
        "404.html",
        "offline/index.html",
        // The Kazakh and English editions.
        "kk/index.html",
        "kk/2025/11/15/qasym-zhomart-toqaev-logistika-tizbegining-qatysushylaryna-qolayly-zhagday-zhasauga-shaqyrdy/index.html",
        "kk/tags/index.html",
        "kk/search/index.html",
        "kk/404.html",
        "en/index.html",
        "en/2025/11/15/kassym-jomart-tokayev-calls-for-good-conditions-for-everyone-in-the-logistics-chain/index.html",
        "en/tags/few/lo/index.html",
      ]),
    );
    // Tags on one article share pages (tagPageFrom): 39 pages for the 13-article demo.
    expect(pages.length).toBeGreaterThan(30);
  });

  it("has no errors in any page by the Nu Html Checker", () => {
    expect(errors).toEqual([]);
  });
});

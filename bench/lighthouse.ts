/**
 * Lighthouse on the demo site (issue 10): builds it as `npm run build` does into a temporary
 * folder, serves it on 127.0.0.1 with gzip as GitHub Pages does, and runs Lighthouse in the system
 * Chromium on the front page and the seed article. Prints the four category scores, and every audit
 * that cost points, so what to fix is in the output. A script, not a test: scores move with the
 * machine's load (performance most of all).
 *
 *   npm run lighthouse
 *   npm run lighthouse -- --preset desktop      # Lighthouse's desktop settings instead of a throttled phone
 *   npm run lighthouse -- --json scores.json    # also write the scores
 *
 * Chromium is CHROME_PATH, else the one the browser tests use (/usr/bin/chromium).
 */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";
import sirv from "sirv";
import { chromiumPath } from "../test/support/browser.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const pages = {
  Главная: "/",
  Статья: "/2025/11/15/kasym-zhomart-tokaev-prizval-sozdavat-blagopriyatnye-usloviya-dlya-uchastnikov-logisticheskikh-tsepochek/",
};
const categories = ["performance", "accessibility", "best-practices", "seo"] as const;

const { values: flags } = parseArgs({
  options: { preset: { type: "string", default: "mobile" }, json: { type: "string" } },
});
if (flags.preset !== "mobile" && flags.preset !== "desktop") throw new Error("--preset is mobile or desktop");

async function build(output: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "src/build.ts", `--output=${output}`, "--quiet"],
    {
      cwd: repoRoot,
      stdio: "inherit",
    },
  );
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`the build failed with exit code ${code}`);
}

/**
 * The built site on 127.0.0.1, text gzipped as GitHub Pages serves it: each text file gets a `.gz`
 * beside it, which sirv sends to browsers that accept gzip.
 */
async function serve(root: string): Promise<{ url: string; close(): Promise<void> }> {
  for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(html|css|js|mjs|json|xml|svg|txt|webmanifest)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    await fs.writeFile(`${file}.gz`, gzipSync(await fs.readFile(file), { level: 9 }));
  }
  const files = sirv(root, { dev: true, gzip: true });
  const server = http.createServer((request, response) =>
    files(request, response, () => {
      response.statusCode = 404;
      response.end("not found");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const chromePath = process.env.CHROME_PATH ?? chromiumPath;
if (!chromePath) throw new Error("No Chromium found: install it (apt-get install -y chromium) or set CHROME_PATH");

const temp = await fs.mkdtemp(path.join(os.tmpdir(), "vestnik-lighthouse-"));
const output = path.join(temp, "_site");
let chrome: chromeLauncher.LaunchedChrome | undefined;
let server: Awaited<ReturnType<typeof serve>> | undefined;
try {
  console.log("Building the demo site…");
  await build(output);
  server = await serve(output);
  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  const scores: Record<string, Record<string, number>> = {};
  for (const [name, url] of Object.entries(pages)) {
    const result = await lighthouse(
      server.url + url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...categories] },
      flags.preset === "desktop" ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
    scores[name] = Object.fromEntries(categories.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]));
    // What cost points: the audits of each category that did not pass.
    for (const id of categories) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 0.9) continue;
        console.log(`  ${name} · ${id}: ${audit.title} (${audit.displayValue ?? Math.round(audit.score * 100)})`);
      }
    }
  }
  console.log(`\nLighthouse ${flags.preset === "desktop" ? "(desktop)" : "(mobile: a throttled phone)"}, ${chromePath}`);
  console.log(`| Страница | ${categories.join(" | ")} |`);
  console.log(`|---|${categories.map(() => "---:").join("|")}|`);
  for (const [name, score] of Object.entries(scores)) console.log(`| ${name} | ${categories.map((id) => score[id]).join(" | ")} |`);
  if (flags.json) await fs.writeFile(flags.json, `${JSON.stringify({ preset: flags.preset, scores }, null, 2)}\n`);
} finally {
  await chrome?.kill();
  await server?.close();
  await fs.rm(temp, { recursive: true, force: true });
}

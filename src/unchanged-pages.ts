import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import type { EleventyConfig } from "./eleventy.ts";
import { eleventyModule, patchOnce } from "./eleventy-map.ts";

type Write = (this: unknown, filePath: string, content: string | Uint8Array) => unknown;

/** What was last written to each file while watching: the content's digest. */
const written = new Map<string, string>();
let watching = false;

/**
 * `npm start`, after an edit: Eleventy's `--incremental` re-renders every page of every template
 * that reads collections — the front and tag pages and every feed, 10,336 files at 10,000 articles
 * — and writes them all, though all but a few are what they were. While watching, a page whose
 * content is what was last written to its file is not written again. Eleventy's file writer is not
 * among its exports: its module beside Eleventy's entry point is patched, as src/eleventy-map.ts
 * does. A production build writes every file.
 */
export function skipUnchangedWrites(eleventyConfig: EleventyConfig): void {
  eleventyConfig.on("eleventy.before", async ({ runMode }) => {
    watching = runMode !== "build";
    if (!watching) written.clear();
    else await patchWriter();
  });
}

/** True when a write is the same content as the last one to that file, which is still there. */
function unchanged(filePath: string, content: string | Uint8Array): boolean {
  const digest = createHash("sha1").update(content).digest("base64");
  if (written.get(filePath) === digest && existsSync(filePath)) return true;
  written.set(filePath, digest);
  return false;
}

/** Eleventy's file writer; false when its module has moved (then every file is written, as Eleventy does). */
const patchWriter = patchOnce(async () => {
  const module = await eleventyModule<{ FileSystemManager?: { prototype?: Record<string, unknown> } }>("./Util/FileSystemManager.js");
  const prototype = module.FileSystemManager?.prototype;
  const writeSync = prototype?.writeFileSync as Write | undefined;
  const write = prototype?.writeFile as Write | undefined;
  if (!prototype || typeof writeSync !== "function" || typeof write !== "function") return false;
  prototype.writeFileSync = function (this: unknown, filePath: string, content: string | Uint8Array) {
    if (watching && unchanged(filePath, content)) return undefined;
    return writeSync.call(this, filePath, content);
  };
  prototype.writeFile = async function (this: unknown, filePath: string, content: string | Uint8Array) {
    if (watching && unchanged(filePath, content)) return undefined;
    return write.call(this, filePath, content);
  };
  return true;
});

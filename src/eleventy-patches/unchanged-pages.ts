import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { type EleventyPatch, expectMethod, isPatched, patchOnce, prototypeOf } from "./patch.ts";

type Write = (this: unknown, filePath: string, content: string | Uint8Array) => unknown;

/** What was last written to each file while watching: the content's digest. */
const written = new Map<string, string>();
let watching = false;

/** True when a write is the same content as the last one to that file, which is still there. */
function unchanged(filePath: string, content: string | Uint8Array): boolean {
  const digest = createHash("sha1").update(content).digest("base64");
  if (written.get(filePath) === digest && existsSync(filePath)) return true;
  written.set(filePath, digest);
  return false;
}

const name = "skip-unchanged-writes";

/**
 * `npm start`, after an edit: Eleventy's `--incremental` re-renders every page of every template
 * that reads collections — the front and tag pages and every feed, 10,336 files at 10,000 articles
 * — and writes them all, though all but a few are what they were. While watching, a page whose
 * content is what was last written to its file is not written again. A production build writes
 * every file.
 */
export const skipUnchangedWrites: EleventyPatch = {
  name,
  touches: "FileSystemManager#writeFile and #writeFileSync (src/Util/FileSystemManager.js)",
  costWithout:
    "npm start rewrites every list and feed after an edit (10,336 files at 10,000 articles), and the search index catches up on all of them",
  neededFor: ({ runMode }) => runMode !== "build",
  async prepare(eleventy) {
    const prototype = prototypeOf(
      await eleventy.module("./src/Util/FileSystemManager.js"),
      "FileSystemManager",
      "src/Util/FileSystemManager.js",
    );
    if (typeof prototype === "string") return prototype;
    if (isPatched(prototype, name)) return () => {};
    const writeSync = expectMethod(prototype, "FileSystemManager", "writeFileSync", 2);
    if (typeof writeSync === "string") return writeSync;
    const write = expectMethod(prototype, "FileSystemManager", "writeFile", 2);
    if (typeof write === "string") return write;
    return () =>
      patchOnce(prototype, name, () => {
        prototype.writeFileSync = function (this: unknown, filePath: string, content: string | Uint8Array) {
          if (watching && unchanged(filePath, content)) return undefined;
          return (writeSync as Write).call(this, filePath, content);
        };
        prototype.writeFile = async function (this: unknown, filePath: string, content: string | Uint8Array) {
          if (watching && unchanged(filePath, content)) return undefined;
          return (write as Write).call(this, filePath, content);
        };
      });
  },
  start({ runMode }, on) {
    watching = on && runMode !== "build";
    if (!watching) written.clear();
  },
};

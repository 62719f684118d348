import { readFileSync } from "node:fs";
import pLimit from "p-limit";
import { type EleventyPatch, expectMethod, isPatched, patchOnce, prototypeOf } from "./patch.ts";

/** What Eleventy 3 keeps of a page it rendered (Template.js: `getTemplates`, `_write`). */
interface PageEntry {
  data?: { eleventyExcludeFromCollections?: unknown };
  templateContent?: unknown;
  template?: { _cacheRenderedPromise?: unknown; _cacheRenderedTransformsAndLayoutsPromise?: unknown };
}

interface WriteResult {
  outputPath?: unknown;
  content?: unknown;
}

type Write = (this: unknown, page: PageEntry, content: unknown) => Promise<WriteResult | undefined>;
type Generate = (this: unknown, ...args: unknown[]) => Promise<unknown>;

/**
 * Templates a production build renders and writes at a time. Eleventy starts them all at once and
 * they advance together, so the pages of thousands of articles were rendered and waiting for their
 * turn to be written at the same moment: at 50,000 articles Node's peak went from 3.54 to 3.23 GiB
 * with 32 at a time, in the same time, and to 2.18 GiB with V8's heap grown by a quarter at a time
 * (src/build.ts), which alone did not help (3.45 GiB).
 */
const templatesAtOnce = 32;

const transformName = "vestnik/written-pages-as-bytes";
/** Pages the transform below turned from text into bytes. */
const fromText = new WeakSet<object>();
let releasing = false;

const name = "release-written-pages";

/**
 * Eleventy 3 keeps every page it wrote in memory until the build ends: the page's rendered content
 * (for collections to hand to other templates), the same again in its render cache, its final HTML
 * in the render cache of layouts and transforms, and that HTML once more in the results it hands to
 * `eleventy.after`. A heap snapshot at the end of a 2,000-article build: 209 MB of live heap and
 * 99 MB of page bytes, of which the per-tag feeds alone held 76 MB. A production build therefore:
 * - hands Eleventy each page as its UTF-8 bytes, as the last transform: a page waiting for its
 *   write is then off V8's heap, where a page with Russian text is a UTF-16 string twice its size
 *   on disk. The same file is written;
 * - once a page is on disk, lets go of its final HTML. The result handed to `eleventy.after` reads
 *   it back from the file when asked, as text, so a plugin that reads `results` still gets the page;
 * - lets go of the rendered content of a page that no collection holds (feeds, front and tag pages,
 *   generated files) as well: no template can ask for it. Articles keep theirs: feeds and lists,
 *   which Eleventy renders after them, read it;
 * - renders and writes `templatesAtOnce` templates at a time, not all of them at once.
 * Watch and serve mode keep everything (Eleventy reuses it between rebuilds, the dev server diffs
 * page text), and so do in-memory builds (`toJSON`).
 */
export const releaseWrittenPages: EleventyPatch = {
  name,
  touches: "Template#_write and #generateMapEntry (src/Template.js)",
  costWithout: "a production build keeps every page in memory to the end: at 50,000 articles a peak of 3.45 instead of 2.18 GiB",
  neededFor: ({ runMode, outputMode }) => runMode === "build" && (outputMode === undefined || outputMode === "fs"),
  async prepare(eleventy) {
    const module = await eleventy.module<Record<string, unknown>>("./src/Template.js");
    const prototype = prototypeOf(module, "default", "src/Template.js");
    if (typeof prototype === "string") return prototype;
    if (isPatched(prototype, name)) return () => {};
    const write = expectMethod(prototype, "Template", "_write", 2, ["outputPath", "fsManager"]);
    if (typeof write === "string") return write;
    const generate = expectMethod(prototype, "Template", "generateMapEntry", 2);
    if (typeof generate === "string") return generate;
    // The caches let go of below, as the class names them.
    const caches = ["_cacheRenderedPromise", "_cacheRenderedTransformsAndLayoutsPromise", "templateContent"];
    const missing = caches.filter((field) => !Function.prototype.toString.call(module.default).includes(field));
    if (missing.length > 0) return `Template no longer keeps ${missing.join(", ")}`;
    return () =>
      patchOnce(prototype, name, () => {
        prototype._write = async function (this: unknown, page: PageEntry, content: unknown) {
          const result = await (write as Write).call(this, page, content);
          if (releasing && result !== undefined) {
            const text = typeof content === "string" || (typeof content === "object" && content !== null && fromText.has(content));
            release(page, result, text);
          }
          return result;
        };
        // A template waits only for a turn, never for another template: Eleventy has rendered every
        // template's content (what collections read) before it generates any page.
        const limit = pLimit(templatesAtOnce);
        prototype.generateMapEntry = function (this: unknown, ...args: unknown[]) {
          if (!releasing) return (generate as Generate).apply(this, args);
          return limit(() => (generate as Generate).apply(this, args));
        };
      });
  },
  register(eleventyConfig) {
    eleventyConfig.addTransform(transformName, (content: unknown) => {
      if (!releasing || typeof content !== "string") return content;
      // A transform after this one would expect text: then leave the page as it is.
      if (Object.keys(eleventyConfig.transforms ?? {}).at(-1) !== transformName) return content;
      const bytes = Buffer.from(content);
      fromText.add(bytes);
      return bytes;
    });
  },
  start(start, on) {
    releasing = on && this.neededFor(start);
  },
};

function release(page: PageEntry, result: WriteResult, text: boolean): void {
  const file = result.outputPath;
  if (typeof file !== "string") return;
  Object.defineProperty(result, "content", {
    enumerable: true,
    configurable: true,
    get: () => (text ? readFileSync(file, "utf8") : readFileSync(file)),
  });
  const template = page.template;
  if (template === undefined) return;
  template._cacheRenderedTransformsAndLayoutsPromise = undefined;
  if (page.data?.eleventyExcludeFromCollections === true) {
    // Eleventy's setter: undefined marks the content as read, so a late reader gets undefined, not an error.
    page.templateContent = undefined;
    template._cacheRenderedPromise = undefined;
  }
}

/**
 * Eleventy 3 finds a template's entry in its template map by scanning the whole map
 * (`TemplateMap#getMapEntryForInputPath` is `this.map.find(…)`), and it does so for every template
 * while ordering them and again for every item of every collection: quadratic in the number of
 * articles. At 10,000 articles that was about 2 s of CPU per build, at 50,000 about 50 s. Eleventy 4
 * looks entries up in a Map (11ty/eleventy#3939); until Vestnik moves to it, this gives Eleventy 3 the
 * same lookup. An exact path is answered from an index kept in step with the map, anything else by
 * Eleventy's own method, so the answers are Eleventy's. Remove it with the move to Eleventy 4.
 */

interface MapEntry {
  inputPath: string;
}

interface TemplateMapLike {
  map: MapEntry[];
}

let indexed: Promise<boolean> | undefined;

/** Makes Eleventy's template map lookups constant-time; true when it could. Safe to call more than once. */
export function indexEleventyTemplateMap(): Promise<boolean> {
  indexed ??= (async () => {
    try {
      // TemplateMap is not among Eleventy's exports: take the module beside its entry point, the
      // very module Eleventy itself loaded.
      const eleventyEntry = import.meta.resolve("@11ty/eleventy");
      const templateMap = (await import(new URL("./TemplateMap.js", eleventyEntry).href)) as { default?: { prototype?: unknown } };
      const prototype = templateMap.default?.prototype as { getMapEntryForInputPath?: unknown } | undefined;
      const original = prototype?.getMapEntryForInputPath;
      if (prototype === undefined || typeof original !== "function") return false;
      const find = original as (this: TemplateMapLike, inputPath: string) => MapEntry | undefined;
      const indexes = new WeakMap<TemplateMapLike, { map: MapEntry[]; length: number; byPath: Map<string, MapEntry> }>();
      prototype.getMapEntryForInputPath = function (this: TemplateMapLike, inputPath: string): MapEntry | undefined {
        const map = this.map;
        if (!Array.isArray(map)) return find.call(this, inputPath);
        let index = indexes.get(this);
        // Entries are only added while the map is filled, before any lookup; a new length or a new
        // array means the index is stale.
        if (index === undefined || index.map !== map || index.length !== map.length) {
          const byPath = new Map<string, MapEntry>();
          for (const entry of map) if (!byPath.has(entry.inputPath)) byPath.set(entry.inputPath, entry);
          index = { map, length: map.length, byPath };
          indexes.set(this, index);
        }
        return index.byPath.get(inputPath) ?? find.call(this, inputPath);
      };
      return true;
    } catch {
      return false;
    }
  })();
  return indexed;
}

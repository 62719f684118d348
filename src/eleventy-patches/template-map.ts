import { type EleventyPatch, expectMethod, isPatched, patchOnce, prototypeOf } from "./patch.ts";

/**
 * Eleventy 3 finds a template's entry in its template map by scanning the whole map
 * (`TemplateMap#getMapEntryForInputPath` is `this.map.find(…)`), and it does so for every template
 * while ordering them and again for every item of every collection: quadratic in the number of
 * articles. At 10,000 articles that was about 2 s of CPU per build, at 50,000 about 50 s. Eleventy 4
 * looks entries up in a Map (11ty/eleventy#3939). An exact path is answered from an index kept in
 * step with the map, anything else by Eleventy's own method, so the answers are Eleventy's.
 */

interface MapEntry {
  inputPath: string;
}

interface TemplateMapLike {
  map: MapEntry[];
}

const name = "template-map-index";

export const templateMapIndex: EleventyPatch = {
  name,
  touches: "TemplateMap#getMapEntryForInputPath (src/TemplateMap.js)",
  costWithout: "every template is looked up by scanning all of them: about 2 s more CPU a build at 10,000 articles, 50 s at 50,000",
  neededFor: () => true,
  async prepare(eleventy) {
    const prototype = prototypeOf(await eleventy.module("./src/TemplateMap.js"), "default", "src/TemplateMap.js");
    if (typeof prototype === "string") return prototype;
    if (isPatched(prototype, name)) return () => {};
    const original = expectMethod(prototype, "TemplateMap", "getMapEntryForInputPath", 1, ["this.map.find", ".inputPath"]);
    if (typeof original === "string") return original;
    const find = original as (this: TemplateMapLike, inputPath: string) => MapEntry | undefined;
    return () =>
      patchOnce(prototype, name, () => {
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
      });
  },
};

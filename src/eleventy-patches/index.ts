import { fileURLToPath } from "node:url";
import type { EleventyConfig } from "../eleventy.ts";
import { dependencyGraphEdges } from "./dependency-graph.ts";
import { localDataPathsMemo } from "./local-data-paths.ts";
import { nunjucksCompileOnce } from "./nunjucks-compile.ts";
import type { BuildStart, EleventyPatch } from "./patch.ts";
import { pathNormalizerMemo } from "./path-normalizer.ts";
import { callingEleventyFolders, describeRange, findRunningEleventy, type VersionRange, withinRange } from "./running-eleventy.ts";
import { templateMapIndex } from "./template-map.ts";
import { skipUnchangedWrites } from "./unchanged-pages.ts";
import { releaseWrittenPages } from "./written-pages.ts";

/** Every change Vestnik makes to Eleventy's private modules; README.md beside this file lists them. */
export const eleventyPatches: readonly EleventyPatch[] = [
  templateMapIndex,
  dependencyGraphEdges,
  nunjucksCompileOnce,
  releaseWrittenPages,
  pathNormalizerMemo,
  localDataPathsMemo,
  skipUnchangedWrites,
];

/**
 * The Eleventy releases the patches were tested on: 3.1.2 to 3.1.8 have the same files for every
 * module patched; 3.1.0 and 3.0 differ. Another release runs without them (unless forced).
 */
export const patchedEleventy: VersionRange = { from: "3.1.2", below: "3.2.0" };

/**
 * `VESTNIK_ELEVENTY_PATCHES`: `on` (the default), `off` (Eleventy as it is, for tests and for
 * anyone debugging), `report` (as `on`, and print each patch's state), `force` (apply them on an
 * Eleventy outside the tested range, where they still fit: for trying a new release).
 */
export const patchesVariable = "VESTNIK_ELEVENTY_PATCHES";
const modes = ["on", "off", "report", "force"] as const;
type Mode = (typeof modes)[number];

function patchesMode(): Mode {
  const given = process.env[patchesVariable]?.trim().toLowerCase() || "on";
  if ((modes as readonly string[]).includes(given)) return given as Mode;
  throw new Error(`Vestnik: ${patchesVariable}=${given} is not one of ${modes.join(", ")}; unset it to use the patches.`);
}

/** What became of a patch in this process, for the build's report and for the tests. */
export interface PatchReport {
  patch: string;
  /** The running Eleventy's version, or `unknown` when it was not found. */
  eleventy: string;
  /** Its package folder, as a `file:` URL. */
  folder?: string;
  /**
   * `applied`; `ready` (it fits, and no build so far needed it); `off` (switched off);
   * `untested` (Eleventy outside the tested range); `unfit` (what it changes is not there as expected).
   */
  state: "applied" | "ready" | "off" | "untested" | "unfit";
  /** Why it is not applied. */
  reason?: string;
}

const reports = new Map<string, PatchReport>();
const said = new Set<string>();

/** The state of each patch after the builds so far in this process. */
export function eleventyPatchReport(): PatchReport[] {
  return eleventyPatches.map((patch) => reports.get(patch.name) ?? { patch: patch.name, eleventy: "unknown", state: "ready" });
}

/** Says a line once per process: a build in watch mode starts many times. */
function sayOnce(line: string): void {
  if (said.has(line)) return;
  said.add(line);
  console.warn(`[vestnik] ${line}`);
}

function record(patch: EleventyPatch, report: Omit<PatchReport, "patch">): void {
  reports.set(patch.name, { patch: patch.name, ...report });
}

type Prepared = Map<EleventyPatch, () => void>;

/** Finds the running Eleventy, checks each patch against it, and says once what is left off and what that costs. */
async function prepare(eleventyConfig: EleventyConfig, calledFrom: string[], mode: Mode): Promise<Prepared> {
  const prepared: Prepared = new Map();
  if (mode === "off") {
    for (const patch of eleventyPatches) record(patch, { eleventy: "unknown", state: "off", reason: `${patchesVariable}=off` });
    sayOnce(
      `${patchesVariable}=off: Eleventy runs without Vestnik's ${eleventyPatches.length} patches; the site is the same, built slower.`,
    );
    return prepared;
  }
  const eleventy = await findRunningEleventy(eleventyConfig, calledFrom);
  const tested = describeRange(patchedEleventy);
  for (const patch of eleventyPatches) {
    let reason: string | undefined;
    let state: PatchReport["state"] = "ready";
    if (eleventy === undefined) {
      state = "unfit";
      reason = "the running Eleventy's files were not found";
    } else if (!withinRange(eleventy.version, patchedEleventy) && mode !== "force") {
      state = "untested";
      reason = `tested on ${tested}`;
    } else {
      const apply = await patch.prepare(eleventy).catch((error: unknown) => `${error instanceof Error ? error.message : error}`);
      if (typeof apply === "string") {
        state = "unfit";
        reason = apply;
      } else {
        prepared.set(patch, apply);
        if (!withinRange(eleventy.version, patchedEleventy)) {
          sayOnce(
            `Eleventy ${eleventy.version} at ${fileURLToPath(eleventy.root)}: patch ${patch.name} fits and is forced on (tested on ${tested}).`,
          );
        }
      }
    }
    const version = eleventy?.version ?? "unknown";
    record(patch, { eleventy: version, folder: eleventy?.root, state, reason });
    if (reason !== undefined) {
      sayOnce(`Eleventy ${version}: patch ${patch.name} is off (${reason}). Without it ${patch.costWithout}; the site is the same.`);
    }
  }
  return prepared;
}

/**
 * Puts Vestnik's patches on the Eleventy that runs this build, each once it fits and a build needs
 * it; Eleventy's own code runs wherever one is off, and the site is byte for byte the same. Call it
 * from the plugin function itself, while Eleventy calls it (that call names the running Eleventy),
 * and after the plugin's other transforms: one patch adds the last transform.
 */
export function applyEleventyPatches(eleventyConfig: EleventyConfig): void {
  const mode = patchesMode();
  // Taken now: Eleventy is calling the plugin, so its folder is in the calls.
  const calledFrom = callingEleventyFolders();
  let prepared: Promise<Prepared> | undefined;
  for (const patch of eleventyPatches) patch.register?.(eleventyConfig);
  eleventyConfig.on("eleventy.before", async (event: BuildStart) => {
    prepared ??= prepare(eleventyConfig, calledFrom, mode);
    const ready = await prepared;
    for (const patch of eleventyPatches) {
      const apply = ready.get(patch);
      const on = apply !== undefined && patch.neededFor(event);
      if (on) {
        apply();
        record(patch, { ...(reports.get(patch.name) as PatchReport), state: "applied" });
      }
      patch.start?.(event, on);
      if (mode === "report") {
        const report = reports.get(patch.name) as PatchReport;
        const where = report.folder ? ` at ${fileURLToPath(report.folder)}` : "";
        sayOnce(`Eleventy ${report.eleventy}${where}: patch ${patch.name} ${report.state}${report.reason ? ` (${report.reason})` : ""}.`);
      }
    }
  });
}

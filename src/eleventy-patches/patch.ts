import type { EleventyConfig } from "../eleventy.ts";
import type { RunningEleventy } from "./running-eleventy.ts";

/** What Eleventy says at the start of each build (`eleventy.before`). */
export interface BuildStart {
  runMode: string;
  outputMode?: string;
}

/**
 * One change to a private module of Eleventy 3. Each is checked against the running Eleventy at
 * start-up and left off when it does not fit; the site is the same either way, only slower or
 * larger in memory.
 */
export interface EleventyPatch {
  /** The name the build prints, e.g. `template-map-index`. */
  name: string;
  /** The Eleventy internal it changes. */
  touches: string;
  /** What a build loses without it, as printed. */
  costWithout: string;
  /** Whether a build of this kind needs it; the others leave Eleventy's code as it is. */
  neededFor(start: BuildStart): boolean;
  /**
   * Finds what it changes in the running Eleventy and checks its shape. Returns the function that
   * makes the change (once per module, however often called), or why the change cannot be made.
   */
  prepare(eleventy: RunningEleventy): Promise<(() => void) | string>;
  /** What the patch adds to the configuration beside the change (a transform). */
  register?(eleventyConfig: EleventyConfig): void;
  /** Told at the start of each build whether the change is on for it. */
  start?(start: BuildStart, on: boolean): void;
}

const markers = new Map<string, symbol>();

function marker(patch: string): symbol {
  let symbol = markers.get(patch);
  if (symbol === undefined) {
    symbol = Symbol.for(`vestnik.eleventy-patches.${patch}`);
    markers.set(patch, symbol);
  }
  return symbol;
}

/** Whether `patch` has changed `target` already (in this process, by any copy of Vestnik). */
export function isPatched(target: object, patch: string): boolean {
  return marker(patch) in target;
}

/** Makes the change to `target` unless it has been made; a module is changed once per process. */
export function patchOnce(target: object, patch: string, change: () => void): void {
  if (isPatched(target, patch)) return;
  change();
  Object.defineProperty(target, marker(patch), { value: true });
}

// biome-ignore lint/complexity/noBannedTypes: any function of Eleventy's, called back with its own arguments.
type AnyMethod = Function;

/**
 * `target[name]` when it is a function of `arity` declared parameters whose source mentions each of
 * `mentions` (the fields the patch relies on); otherwise a sentence saying what is different.
 */
export function expectMethod(target: object, owner: string, name: string, arity: number, mentions: string[] = []): AnyMethod | string {
  const method = (target as Record<string, unknown>)[name];
  if (typeof method !== "function") return `${owner}.${name} is not a function`;
  if (method.length !== arity) return `${owner}.${name} takes ${method.length} arguments, not ${arity}`;
  const source = Function.prototype.toString.call(method);
  const missing = mentions.filter((mention) => !source.includes(mention));
  if (missing.length > 0) return `${owner}.${name} no longer uses ${missing.join(", ")}`;
  return method;
}

/** The prototype of a class a module exports, or why there is none. */
export function prototypeOf(module: Record<string, unknown>, exported: string, file: string): Record<string, unknown> | string {
  const found: unknown = module[exported];
  const prototype = typeof found === "function" ? (found.prototype as Record<string, unknown> | undefined) : undefined;
  if (prototype === undefined) return `${file} exports no class as ${exported}`;
  return prototype;
}

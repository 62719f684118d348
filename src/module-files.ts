import { fileURLToPath } from "node:url";

// This module is TypeScript when Vestnik runs from its sources (this repository, through tsx) and
// JavaScript in the package (compiled to dist/): every other module of Vestnik is the same.
const compiled = import.meta.url.endsWith(".js");

/**
 * The file of another Vestnik module, named by its source (`./indexing.ts`) relative to `from`
 * (the asking module's `import.meta.url`): the `.js` file it was compiled to when Vestnik runs from
 * its package. For a module started in a process of its own or bundled for the browser.
 */
export function moduleFile(relative: string, from: string): string {
  const file = fileURLToPath(new URL(relative, from));
  return compiled ? file.replace(/\.ts$/, ".js") : file;
}

/** Whether Vestnik runs from its TypeScript sources, so that the processes it starts need tsx's loader. */
export const runsFromSource = !compiled;

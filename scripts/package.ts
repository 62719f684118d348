// `npm pack` runs this first (the prepack script): the package's dist/ is src/ compiled to
// JavaScript with type declarations, and every other file under src/ beside it, at the same path,
// since the compiled modules find their stylesheets, icons, layouts and browser sources next to
// themselves (import.meta.url). The repository itself runs from src/ through tsx.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const src = path.join(root, "src");
const dist = path.join(root, "dist");

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });

let copied = 0;
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  // TypeScript is compiled above; hand-written declarations (.d.ts) are not, so they are copied.
  if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) continue;
  const from = path.join(entry.parentPath, entry.name);
  const to = path.join(dist, path.relative(src, from));
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
  copied++;
}
console.log(`dist/: src/ compiled, and ${copied} other files copied`);

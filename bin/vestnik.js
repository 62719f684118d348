#!/usr/bin/env node
// The `vestnik` command. In this repository Vestnik runs from its TypeScript sources through tsx; the
// package has them compiled to dist/ (npm pack builds it) and no src/.
import { existsSync } from "node:fs";

const source = new URL("../src/cli.ts", import.meta.url);
let cli;
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import(source.href);
} else {
  cli = await import("../dist/cli.js");
}
process.exitCode = await cli.main(process.argv.slice(2));

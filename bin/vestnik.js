#!/usr/bin/env node
// The `vestnik` command. Vestnik is written in TypeScript and runs through tsx, without a build step.
import { register } from "tsx/esm/api";

register();

const [command, ...rest] = process.argv.slice(2);
if (command === "import") {
  const { run } = await import("../src/import/cli.ts");
  await run(rest);
} else {
  const help = "Usage: vestnik import [options] <files…>   (vestnik import --help for the options)\n";
  if (command === undefined || command === "--help" || command === "-h") {
    process.stdout.write(help);
  } else {
    process.stderr.write(`Unknown command «${command}».\n${help}`);
    process.exitCode = 2;
  }
}

import { siteConfigFile } from "./build/eleventy-command.ts";

/** The `vestnik` command (bin/vestnik.js), run in the site's folder. Each command loads only its own modules. */
export const usage = `Usage: vestnik <command> [options]

Commands:
  build [Eleventy flags…]   the production build, all or nothing: pages, feeds, search index and
                            service worker into a fresh folder that replaces _site (or --output)
                            only when every step succeeded
  serve [Eleventy flags…]   Eleventy's local server, rebuilding what an edit changed; shows drafts
  import [options] <files…> agency text exports and JSON Lines archives into articles/
                            (vestnik import --help for its options)

build and serve run the site's own Eleventy with its config file (eleventy.config.js, .mjs, .cjs,
.ts or .eleventy.js), found in the folder they are run from.
`;

/** Runs one command with its arguments and gives the exit code. */
export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "build":
      await loadTypeScriptConfig(cwd);
      return (await import("./build.ts")).atomicBuild(rest, cwd);
    case "serve":
      return (await import("./build/serve.ts")).serve(rest, cwd);
    case "import": {
      const { run } = await import("./import/cli.ts");
      await run(rest);
      return Number(process.exitCode ?? 0);
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(usage);
      return 0;
    default:
      process.stderr.write(`Unknown command «${command}».\n${usage}`);
      return 2;
  }
}

/** A build in shards reads the site's config in this process: a TypeScript one needs tsx's loader here too. */
async function loadTypeScriptConfig(cwd: string): Promise<void> {
  if (/\.[mc]?ts$/.test(siteConfigFile(cwd) ?? "")) (await import("tsx/esm/api")).register();
}

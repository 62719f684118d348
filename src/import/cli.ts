import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type ImportProgress, importArticles, importLanguages } from "./run.ts";
import { removeTemporaryFiles } from "./write.ts";

/**
 * `npm run import -- <files…>` / `npx vestnik import <files…>`: agency text exports (.txt) and
 * JSON Lines archives (.jsonl) become Markdown articles. Exit code 0 when every article landed or
 * was already there, 1 when anything failed, 2 for a wrong command line.
 */
export const usage = `Usage: vestnik import [options] <files…>

Turns the agency's text exports (.txt) and JSON Lines archives (.jsonl) into articles/YYYY/MM/<slug>.md.

Options:
  --out <dir>          articles folder (default: articles)
  --force              replace articles imported before (same URL, or same headline, date and lead)
  --tags-file <file>   known tags, a JSON or YAML list; repeat for more
                       (default: _data/tags.json or _data/tags.yaml where present)
  --source <name>      the agency's name for text exports (default: Kazinform)
  --lang <ru|kk|en>    language of files that do not say theirs: a date line
                       without РУ/ҚАЗ/ENG, a JSON line without "lang" (default: ru)
  --quiet              no progress line
  -h, --help           this text`;

/** Where the command writes; tests pass their own. */
export interface CommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether `err` is a terminal, where one progress line can update in place. */
  errIsTerminal: boolean;
}

const processOutput: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTerminal: process.stderr.isTTY === true,
};

/** Progress on stderr: one updating line on a terminal, a line every 100 articles in a log. */
function progressReporter(io: CommandOutput): { update: (progress: ImportProgress) => void; end: () => void } {
  let last = 0;
  let shown = false;
  return {
    update({ done, file }) {
      if (io.errIsTerminal) {
        const now = Date.now();
        if (now - last < 100) return;
        last = now;
        io.err(`\rImporting… ${done} articles (${path.basename(file)})\u001b[K`);
        shown = true;
      } else if (done % 100 === 0) {
        io.err(`Importing… ${done} articles (${file})\n`);
      }
    },
    end() {
      if (shown) io.err("\r\u001b[K");
    },
  };
}

/** Runs the command; returns the exit code. */
export async function main(argv: string[], io: CommandOutput = processOutput): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`${usage}\n`);
    return 0;
  }
  const lang = values.lang?.trim().toLowerCase();
  if (lang !== undefined && !(importLanguages as readonly string[]).includes(lang)) {
    io.err(
      `Unknown --lang «${values.lang}»: give ${importLanguages.join(", ")} (the language of files that do not say theirs), e.g. --lang kk.\n\n${usage}\n`,
    );
    return 2;
  }
  if (positionals.length === 0) {
    io.err(`No files to import.\n\n${usage}\n`);
    return 2;
  }

  const started = performance.now();
  const progress = values.quiet ? undefined : progressReporter(io);
  let report: Awaited<ReturnType<typeof importArticles>>;
  try {
    report = await importArticles({
      files: positionals,
      outDir: values.out,
      force: values.force,
      ...(values["tags-file"] ? { tagsFiles: values["tags-file"] } : {}),
      source: values.source,
      ...(lang ? { language: lang } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
      warn: (message) => io.err(`warning: ${message}\n`),
    });
  } catch (error) {
    progress?.end();
    // Not bad input but a broken environment (disk full, no permission): say so and stop.
    io.err(`Import stopped: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  progress?.end();

  for (const problem of report.failed) io.err(`${problem.message}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const skipped = report.unchanged.length + report.kept.length;
  const parts = [
    `imported ${report.imported.length}`,
    ...(report.replaced.length > 0 ? [`replaced ${report.replaced.length}`] : []),
    `skipped ${skipped}${skipped > 0 ? ` (${report.unchanged.length} already there, ${report.kept.length} changed: --force to replace)` : ""}`,
    `failed ${report.failed.length}`,
  ];
  io.out(`${parts.join(", ")} — into ${values.out} in ${seconds} s\n`);
  return report.failed.length > 0 ? 1 : 0;
}

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "articles" },
      force: { type: "boolean", default: false },
      "tags-file": { type: "string", multiple: true },
      source: { type: "string", default: "Kazinform" },
      lang: { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

// Interrupted: remove the temporary file being written, so no half-written file stays behind.
function onSignal(signal: NodeJS.Signals): void {
  removeTemporaryFiles();
  process.stderr.write(`\nImport interrupted (${signal}); files written so far are complete.\n`);
  process.exit(130);
}

/** Runs as the `import` command: installs the signal handlers and sets the exit code. */
export async function run(argv: string[]): Promise<void> {
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.exitCode = await main(argv);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run(process.argv.slice(2));
}

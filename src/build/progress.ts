import type { ChildProcess, StdioOptions } from "node:child_process";
import { formatBytes, type OutputKind, type OutputSummary, outputKinds, sizeWarning, summariseOutput } from "./output-size.ts";

/**
 * Set by the production build (src/build.ts) for the processes it starts: they report their
 * progress to it over Node's IPC channel. Without it nothing is sent — not in `npm start`, not when
 * Eleventy runs on its own, not in a test runner that is itself an IPC child of its own parent.
 */
export const progressVariable = "VESTNIK_PROGRESS";

/**
 * The standard streams of a process whose progress a `BuildProgress` shows: output through the
 * parent (so a line the child prints never lands in the middle of the progress line) and an IPC
 * channel for the reports.
 */
export const progressStdio: StdioOptions = ["inherit", "pipe", "pipe", "ipc"];

/**
 * Eleventy's flags for a production build: `--quiet` (no line per written file; its errors and the
 * plugin's warnings still reach stderr), unless the build was asked for `--verbose`, which Eleventy
 * itself does not know.
 */
export function eleventyLogFlags(args: readonly string[]): string[] {
  const verbose = args.includes("--verbose");
  const rest = args.filter((arg) => arg !== "--verbose");
  const quiet = rest.some((arg) => arg === "--quiet" || arg.startsWith("--quiet="));
  return verbose || quiet ? rest : [...rest, "--quiet"];
}

/** What a child process says about a step of the build. */
export interface ProgressReport {
  vestnikProgress: true;
  /** The step: `pages`, `search`, `worker`, or any other name (shown as it is). */
  step: string;
  /** Work done so far, of `total`; undefined while the total is not known yet. */
  done?: number;
  total?: number;
  /** What the step is doing while it cannot count, e.g. «reading the articles». */
  note?: string;
  /** This process has finished its share of the step. */
  finished?: boolean;
}

/**
 * Sends a step's progress to the production build that started this process; does nothing in any
 * other process. Cheap enough to call for every page: at most a few reports a second are sent,
 * and always the one that completes the step.
 */
export function reportProgress(step: string, progress: Omit<ProgressReport, "vestnikProgress" | "step">): void {
  if (!reportingProgress()) return;
  const now = performance.now();
  const complete = progress.finished === true || (progress.done !== undefined && progress.done === progress.total);
  if (!complete && progress.note === undefined && now - (lastSent.get(step) ?? Number.NEGATIVE_INFINITY) < reportEveryMs) return;
  lastSent.set(step, now);
  const report: ProgressReport = { vestnikProgress: true, step, ...progress };
  process.send?.(report);
}

/** Whether this process reports its progress to a production build (then the build prints the summary). */
export function reportingProgress(): boolean {
  return process.env[progressVariable] === "ipc" && typeof process.send === "function" && process.connected;
}

/** A child reports a step at most this often (ms), apart from the report that completes it. */
const reportEveryMs = 200;
const lastSent = new Map<string, number>();

/** How each step is named on screen. */
const stepLabels: Record<string, string> = {
  pages: "Pages",
  search: "Search index parts",
  worker: "Service worker",
};

/** How each step is named in the summary. */
const summaryNames: Record<string, string> = { pages: "pages", search: "search index", worker: "service worker" };

/** A stream the progress is written to: a terminal's (`isTTY`, `columns`) or a plain one. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface BuildProgressOptions {
  /** Where progress lines and the children's output go. Default: `process.stdout`. */
  out?: ProgressStream;
  /** Where the children's error output goes. Default: `process.stderr`. */
  err?: ProgressStream;
  /**
   * One line updated in place (a terminal) or plain lines at a bounded rate (CI logs, files).
   * Default: whether `out` is a terminal.
   */
  live?: boolean;
  /** Plain lines: a step's line is printed each time it passes another tenth, or after this many seconds. Default: 10. */
  plainEverySeconds?: number;
  /** The clock, in milliseconds. Default: `performance.now`. */
  now?: () => number;
}

/** A step as the build saw it, for the summary. */
export interface StepTime {
  step: string;
  label: string;
  seconds: number;
  done?: number;
  total?: number;
}

interface Step {
  label: string;
  started: number;
  ended?: number;
  /** Started by the build itself, which also ends it; otherwise it ends when every process reporting it has finished. */
  held: boolean;
  /** Each reporting process's latest count, by process id: shards of one step add up. */
  counts: Map<number, { done?: number; total?: number; finished?: boolean }>;
  note?: string;
  /** Plain lines: the tenth last printed and when. */
  printedTenth: number;
  printedAt: number;
}

/**
 * What the production build shows while it runs: one line per step (pages n/N, search index parts
 * n/N, service worker), updated in place on a terminal, printed every tenth or every few seconds
 * elsewhere, and the time each step took. Steps are reported by any number of child processes
 * (`attach`) or by the build itself (`start`, `update`, `end`); the output of attached children is
 * passed on line by line, above the progress line.
 */
export class BuildProgress {
  readonly #out: ProgressStream;
  readonly #err: ProgressStream;
  readonly #live: boolean;
  readonly #plainEveryMs: number;
  readonly #now: () => number;
  readonly #steps = new Map<string, Step>();
  readonly #created: number;
  /** What the live line shows now; "" when nothing is drawn. */
  #shown = "";
  #ticker: NodeJS.Timeout | undefined;

  constructor(options: BuildProgressOptions = {}) {
    this.#out = options.out ?? process.stdout;
    this.#err = options.err ?? process.stderr;
    this.#live = options.live ?? this.#out.isTTY === true;
    this.#plainEveryMs = (options.plainEverySeconds ?? 10) * 1000;
    this.#now = options.now ?? (() => performance.now());
    this.#created = this.#now();
  }

  /**
   * Starts a step that the build itself ends (`end`), e.g. Eleventy's pages, which its processes
   * report. A step only children report starts with their first report and ends when each of them
   * has finished its share or exited.
   */
  start(step: string, note?: string): void {
    this.#begin(step, true, note);
  }

  /** A step's count as one process (`source`, its id) reports it. */
  update(step: string, progress: Omit<ProgressReport, "vestnikProgress" | "step">, source = 0): void {
    const state = this.#begin(step, false);
    if (state.ended !== undefined) return;
    const count = { ...state.counts.get(source) };
    if (progress.done !== undefined) count.done = progress.done;
    if (progress.total !== undefined) count.total = progress.total;
    if (progress.finished) count.finished = true;
    state.counts.set(source, count);
    state.note = progress.note;
    if (!state.held && [...state.counts.values()].every((each) => each.finished)) this.end(step);
    else if (this.#live) this.#draw();
    else this.#maybePrint(step, state);
  }

  /** Ends a step: its final line, with the time it took (`stopped`: the step failed). */
  end(step: string, { stopped = false }: { stopped?: boolean } = {}): void {
    const state = this.#begin(step, false);
    if (state.ended !== undefined) return;
    state.ended = this.#now();
    state.note = stopped ? "stopped" : undefined;
    this.#line(this.#describe(step));
    this.#draw();
  }

  #begin(step: string, held: boolean, note?: string): Step {
    let state = this.#steps.get(step);
    if (state) {
      state.held ||= held;
      return state;
    }
    const now = this.#now();
    state = { label: stepLabels[step] ?? step, started: now, held, counts: new Map(), note, printedTenth: -1, printedAt: now };
    this.#steps.set(step, state);
    // A plain log says when the build's own steps begin; a child's step shows with its first count.
    if (!this.#live && held) this.#line(this.#describe(step));
    this.#draw();
    return state;
  }

  /**
   * Shows the progress a child process reports and passes its output on. The child is spawned with
   * `progressStdio` and `progressVariable` set to `ipc` in its environment.
   */
  attach(child: ChildProcess): void {
    const source = child.pid ?? 0;
    child.on("message", (message: unknown) => {
      if (isReport(message)) this.update(message.step, message, source);
    });
    // A process that exits has finished its share of every step it reported; a failed one stopped them.
    child.on("close", (code) => {
      for (const [step, state] of this.#steps) {
        if (state.ended !== undefined || !state.counts.has(source)) continue;
        if (code !== 0) this.end(step, { stopped: true });
        else this.update(step, { finished: true }, source);
      }
    });
    if (child.stdout) this.#passOn(child.stdout, this.#out);
    if (child.stderr) this.#passOn(child.stderr, this.#err);
  }

  /** Prints a line of the build's own above the progress line (to the error stream with `error`). */
  say(text: string, { error = false }: { error?: boolean } = {}): void {
    this.#line(text, error ? this.#err : this.#out);
  }

  /**
   * The summary once the site is in place: time per step and in all, pages, feeds, search parts,
   * files and bytes by kind; and, above `warnAbove` bytes, the warning that says what takes the
   * space (output-size.ts). Returns what it counted. `counted`: the site's files as the build
   * already counted them (since-last.ts).
   */
  report(outputDir: string, { warnAbove, counted }: { warnAbove: number; counted?: OutputSummary }): OutputSummary | undefined {
    let output: OutputSummary;
    try {
      output = counted ?? summariseOutput(outputDir);
    } catch (error) {
      // The site is published by now: a folder that cannot be counted is not a failed build.
      this.say(`[vestnik] Could not count the files of ${outputDir}: ${error instanceof Error ? error.message : String(error)}`, {
        error: true,
      });
      return undefined;
    }
    const steps = this.times()
      .map((time) => `${summaryNames[time.step] ?? time.label} ${time.seconds.toFixed(1)} s`)
      .join(", ");
    const total = ((this.#now() - this.#created) / 1000).toFixed(1);
    const kinds = (Object.keys(outputKinds) as OutputKind[])
      .filter((kind) => output.byKind[kind].files > 0)
      .sort((a, b) => output.byKind[b].bytes - output.byKind[a].bytes)
      .map((kind) => `${outputKinds[kind]} ${formatBytes(output.byKind[kind].bytes)}`);
    const { articlePages, tagPages, listPages } = output.byKind;
    this.say(`[vestnik] Built in ${total} s${steps ? `: ${steps}` : ""}`);
    this.say(
      `[vestnik] ${formatCount(output.files)} files, ${formatBytes(output.bytes)}: ${formatCount(output.pages)} pages (${formatCount(articlePages.files)} articles, ${formatCount(tagPages.files)} tag pages, ${formatCount(listPages.files)} list pages), ${formatCount(output.feeds)} feeds, ${formatCount(output.searchParts)} search ${output.searchParts === 1 ? "part" : "parts"}`,
    );
    this.say(`[vestnik] By size: ${kinds.join(", ")}`);
    const warning = sizeWarning(output, warnAbove);
    if (warning) this.say(warning, { error: true });
    return output;
  }

  /** How long each step took (a step still running: so far), in the order they started. */
  times(): StepTime[] {
    return [...this.#steps].map(([step, state]) => {
      const { done, total } = sum(state);
      return { step, label: state.label, seconds: ((state.ended ?? this.#now()) - state.started) / 1000, done, total };
    });
  }

  /** Ends the live line; call once the build is over. */
  close(): void {
    this.#erase();
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  /** «Pages 4,380/43,800 (10%), 12.0 s», «Pages: reading the articles, 3.0 s», «Search index parts 3/3 in 30.1 s». */
  #describe(step: string): string {
    const state = this.#steps.get(step);
    if (!state) return "";
    const { done, total } = sum(state);
    const count = total === undefined ? "" : ` ${formatCount(done ?? 0)}/${formatCount(total)}`;
    const seconds = `${(((state.ended ?? this.#now()) - state.started) / 1000).toFixed(1)} s`;
    if (state.ended !== undefined)
      return `[vestnik] ${state.label}${count} ${state.note === "stopped" ? "stopped after" : "in"} ${seconds}`;
    const share = total ? ` (${Math.floor(((done ?? 0) / total) * 100)}%)` : "";
    const note = state.note ? `: ${state.note}` : "";
    return `[vestnik] ${state.label}${count}${share}${note}, ${seconds}`;
  }

  #maybePrint(step: string, state: Step): void {
    const { done, total } = sum(state);
    const tenth = total ? Math.floor(((done ?? 0) / total) * 10) : -1;
    const now = this.#now();
    // The tenth that completes a step is said by its last line, with its time.
    if ((tenth > state.printedTenth && tenth < 10) || now - state.printedAt >= this.#plainEveryMs) {
      state.printedTenth = Math.max(tenth, state.printedTenth);
      state.printedAt = now;
      this.#line(this.#describe(step));
    }
  }

  /** The live line: every running step, side by side. */
  #draw(): void {
    if (!this.#live) return;
    const running = [...this.#steps].filter(([, state]) => state.ended === undefined).map(([step]) => this.#describe(step));
    const text = running.map((line, index) => (index === 0 ? line : line.replace("[vestnik] ", ""))).join(" · ");
    const width = Math.max(20, (this.#out.columns || 80) - 1);
    // A line longer than the terminal wraps, and a wrapped line cannot be redrawn in place.
    const fitted = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    if (fitted !== this.#shown) {
      this.#out.write(`\r${fitted}\u001b[K`);
      this.#shown = fitted;
    }
    if (running.length > 0 && !this.#ticker) {
      // The seconds keep counting while a step has nothing new to say.
      this.#ticker = setInterval(() => this.#draw(), 1000);
      this.#ticker.unref();
    } else if (running.length === 0 && this.#ticker) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
    }
  }

  #erase(): void {
    if (this.#shown === "") return;
    this.#out.write("\r\u001b[K");
    this.#shown = "";
  }

  #line(text: string, stream = this.#out): void {
    this.#erase();
    stream.write(text.endsWith("\n") ? text : `${text}\n`);
    this.#draw();
  }

  /** A child's output, whole lines at a time (a half line would be overdrawn by the progress line). */
  #passOn(from: NodeJS.ReadableStream, to: ProgressStream): void {
    let pending = "";
    from.setEncoding("utf8");
    from.on("data", (chunk: string) => {
      pending += chunk;
      const end = pending.lastIndexOf("\n");
      if (end === -1) return;
      this.#line(pending.slice(0, end + 1), to);
      pending = pending.slice(end + 1);
    });
    from.on("end", () => {
      if (pending !== "") this.#line(pending, to);
      pending = "";
    });
  }
}

function isReport(message: unknown): message is ProgressReport {
  return typeof message === "object" && message !== null && (message as ProgressReport).vestnikProgress === true;
}

/** A step's counts over every process that reported it; the total is unknown until each of them knows its own. */
function sum(state: Step): { done?: number; total?: number } {
  if (state.counts.size === 0) return {};
  let done = 0;
  let total: number | undefined = 0;
  for (const count of state.counts.values()) {
    done += count.done ?? 0;
    total = count.total === undefined || total === undefined ? undefined : total + count.total;
  }
  return { done, total };
}

/** 43800 → «43,800». */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

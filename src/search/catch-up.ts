/**
 * The search index of `npm start`, made beside Eleventy rather than in its process: after an edit,
 * Pagefind re-reads the edited part and the lexicon is made again, seconds of CPU that would
 * otherwise share Eleventy's thread with the next rebuild. The index process (index-process.ts)
 * makes the catch-ups at a lower priority, so on a busy machine the rebuild of an edit's pages
 * comes first.
 */
import { type ChildProcess, fork } from "node:child_process";
import type { IndexJob } from "../indexing.ts";
import { moduleFile } from "../module-files.ts";

const indexProcessFile = moduleFile("./index-process.ts", import.meta.url);

/** A job sent to the index process. */
export interface IndexRequest {
  vestnikIndexJob: number;
  job: IndexJob;
  /** A catch-up after an edit: the index process lowers its priority for it and every later job. */
  background: boolean;
}

/** Its answer: what it did («1 of 5 parts re-indexed»), or why it failed. */
export interface IndexReply {
  vestnikIndexJob: number;
  done?: string;
  error?: string;
}

/** Whether an IPC message is one of these (tsx's loader may send messages of its own). */
export function isIndexMessage(message: unknown): message is { vestnikIndexJob: number } {
  return typeof message === "object" && message !== null && typeof (message as IndexRequest).vestnikIndexJob === "number";
}

/**
 * One long-lived index process: it keeps what each part was indexed from, so a later job re-indexes
 * only the parts that changed (SearchIndexWriter's `remember`). Started on the first job, started
 * again if it died.
 */
export class IndexProcess {
  #child: ChildProcess | undefined;
  readonly #waiting = new Map<number, { resolve: (done: string) => void; reject: (error: Error) => void }>();
  #jobs = 0;

  /**
   * Runs the job (src/indexing.ts `runIndexJob`) in the index process; says what it did.
   * `background`: a catch-up, made at a lower priority; the first build's index, which Eleventy
   * waits for, is not.
   */
  run(job: IndexJob, { background = false }: { background?: boolean } = {}): Promise<string> {
    const child = this.#started();
    const id = ++this.#jobs;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      // Held while a job runs, so that Node does not end while the index is awaited.
      child.ref();
      child.channel?.ref();
      child.send({ vestnikIndexJob: id, job, background } satisfies IndexRequest);
    });
  }

  #started(): ChildProcess {
    if (this.#child?.connected) return this.#child;
    // The same Node flags as Eleventy's (tsx's loader among them), but not a debugger's port.
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith("--inspect"));
    const child = fork(indexProcessFile, [], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.on("message", (message: unknown) => {
      if (!isIndexMessage(message)) return;
      const reply = message as IndexReply;
      const waiting = this.#waiting.get(reply.vestnikIndexJob);
      if (!waiting) return;
      this.#waiting.delete(reply.vestnikIndexJob);
      if (reply.error !== undefined) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.done ?? "");
      if (this.#waiting.size === 0) this.#idle(child);
    });
    child.on("exit", (code, signal) => {
      if (this.#child === child) this.#child = undefined;
      for (const { reject } of this.#waiting.values())
        reject(new Error(`the search index process ended (${signal ?? `exit code ${code}`})`));
      this.#waiting.clear();
    });
    this.#idle(child);
    this.#child = child;
    return child;
  }

  /** An idle index process does not keep Eleventy's process alive: it ends with it (index-process.ts). */
  #idle(child: ChildProcess): void {
    child.unref();
    child.channel?.unref();
  }
}

/**
 * Work that may lag behind the builds of `npm start`: one run at a time, and edits made during a run
 * folded into one more run after it, so the last edit is always indexed.
 */
export class CatchUp {
  private running = false;
  private next: (() => Promise<string>) | undefined;

  constructor(private readonly warn: (message: string) => void) {}

  /** `job` says what it did, e.g. «1 of 5 parts re-indexed». */
  run(job: () => Promise<string>): void {
    this.next = job;
    if (this.running) return;
    this.running = true;
    void (async () => {
      while (this.next) {
        const current = this.next;
        this.next = undefined;
        const started = performance.now();
        try {
          const done = await current();
          console.log(`[vestnik] search index updated in ${((performance.now() - started) / 1000).toFixed(1)} s: ${done}`);
        } catch (error) {
          this.warn(`the search index was not updated: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      this.running = false;
    })();
  }
}

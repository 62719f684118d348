/**
 * The index process of `npm start` (catch-up.ts): runs the index jobs Eleventy's process sends,
 * one at a time, keeping one SearchIndexWriter so each job re-indexes only the parts that changed.
 */
import { readdirSync } from "node:fs";
import os from "node:os";
import { runIndexJob } from "../indexing.ts";
import { type IndexReply, type IndexRequest, isIndexMessage } from "./catch-up.ts";
import { SearchIndexWriter } from "./index.ts";

/** Niceness of the index process once it catches up with edits: Eleventy's rebuild gets the CPU first. */
const niceness = 10;

let lowered = false;

/**
 * Lowers this process's priority (not for the first build's index, which Eleventy waits for).
 * Linux keeps a nice value per thread, and Node's threads (V8's, libuv's) are running already: each
 * is lowered; threads and programs started later (Pagefind's binary) inherit it.
 */
function lowerPriority(): void {
  if (lowered) return;
  lowered = true;
  let threads: number[] = [];
  try {
    threads = readdirSync("/proc/self/task").map(Number);
  } catch {
    // Not Linux: the process's priority is one setting.
  }
  for (const id of threads.length > 0 ? threads : [0]) {
    try {
      os.setPriority(id, niceness);
    } catch {
      // Not allowed here: the index is made at normal priority.
    }
  }
}

const writer = new SearchIndexWriter();
let queue = Promise.resolve();
process.on("message", (message: unknown) => {
  if (!isIndexMessage(message)) return;
  const { vestnikIndexJob, job, background } = message as IndexRequest;
  queue = queue.then(async () => {
    if (background) lowerPriority();
    let reply: IndexReply;
    try {
      reply = { vestnikIndexJob, done: await runIndexJob(job, { searchIndex: writer, remember: true }) };
    } catch (error) {
      reply = { vestnikIndexJob, error: error instanceof Error ? error.message : String(error) };
    }
    process.send?.(reply);
  });
});
// Eleventy's process ended (npm start stopped): so does this one.
process.on("disconnect", () => process.exit());

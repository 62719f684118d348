/**
 * The flags of `npm run build` that split the build into shards (src/shards.ts), read without loading
 * the plugin.
 */
/** The sharding flags of `npm run build`. */
export interface ShardFlags {
  /** `--workers N`: Eleventy processes side by side; default `os.availableParallelism()`. */
  workers?: number;
  /** `--shard k/N`: render only shard k of N (a job of a CI matrix), into `shardOutput`. */
  shard?: { number: number; count: number };
  /** `--shard-output DIR`: where `--shard` writes. */
  shardOutput?: string;
  /** `--join DIR…`: join shards rendered by `--shard` into the site. */
  join?: string[];
}

/** Below this many articles one process is faster than several: each starts Eleventy and reads the catalogue. */
export const shardFromArticles = 1000;

/** Takes the sharding flags out of the build's arguments; a malformed one is an error that says the fix. */
export function takeShardFlags(args: string[]): { flags: ShardFlags; rest: string[] } {
  const flags: ShardFlags = {};
  const rest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    const [name, inline] =
      arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? args[++index] ?? "";
    if (name === "--workers") {
      const workers = Number(value());
      if (!Number.isInteger(workers) || workers < 1) throw new Error("--workers needs a whole number of processes, e.g. --workers 2");
      flags.workers = workers;
    } else if (name === "--shard") {
      const match = /^(\d+)\/(\d+)$/.exec(value());
      const [number, count] = [Number(match?.[1]), Number(match?.[2])];
      if (!match || number < 1 || number > count) throw new Error("--shard needs k/N with 1 ≤ k ≤ N, e.g. --shard 2/4");
      flags.shard = { number, count };
    } else if (name === "--shard-output") flags.shardOutput = value();
    else if (name === "--join") {
      flags.join = inline === undefined ? [] : [inline];
      while (args[index + 1] !== undefined && !args[index + 1]?.startsWith("--")) flags.join.push(args[++index] ?? "");
      if (flags.join.length === 0) throw new Error("--join needs the folders --shard wrote, e.g. --join shards/1 shards/2");
    } else rest.push(arg);
  }
  if (flags.shard && !flags.shardOutput) throw new Error("--shard needs --shard-output DIR: the folder the shard is written to");
  return { flags, rest };
}

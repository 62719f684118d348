/** mulberry32: small, fast and good enough to recombine text; the benchmark's generators depend on this only. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random numbers in named streams: `stream(name)` starts the sequence of that name and seed again,
 * so a query file's categories do not shift when another category draws more or fewer numbers.
 */
export function namedStreams(seed: number): { stream(name: string): void; random(): number; shuffle<T>(items: T[]): T[] } {
  let next = prng(seed);
  const random = () => next();
  return {
    stream(name) {
      let state = seed >>> 0;
      for (const char of name) state = (Math.imul(state ^ (char.codePointAt(0) ?? 0), 0x01000193) + 0x6d2b79f5) >>> 0;
      next = prng(state);
    },
    random,
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [items[i], items[j]] = [items[j] as (typeof items)[number], items[i] as (typeof items)[number]];
      }
      return items;
    },
  };
}

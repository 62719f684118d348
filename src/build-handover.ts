/**
 * Set for Eleventy by src/build.ts: the file the Vestnik plugin writes its index job to instead of
 * running it (src/indexing.ts). Eleventy's process keeps the memory it took to render every page
 * until it exits (at 50,000 articles about 4 GiB), and Pagefind, started from it, added its own on
 * top (1.25 GiB a part); handed over, the index is made by a fresh process once Eleventy's has ended.
 * A module of its own: the plugin reads it, and build.ts loads the plugin only for a sharded build.
 */
export const indexJobVariable = "VESTNIK_INDEX_JOB";

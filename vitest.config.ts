import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/temp-root.ts"],
    // Tests build whole sites in child processes and drive a browser: give them room.
    testTimeout: 60_000,
    // Vitest runs one file at a time on two cores (cores − 1); most of a file's time is spent waiting
    // on a child build or a browser, so two at once use the machine instead of leaving a core idle.
    maxWorkers: 2,
    hookTimeout: 120_000,
  },
});

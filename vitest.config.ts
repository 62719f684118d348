import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/temp-root.ts"],
    // Tests build whole sites in child processes and drive a browser: give them room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

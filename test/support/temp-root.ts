import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * Vitest global setup: every test's temporary builds go under one folder for the run, removed
 * when the run ends, so repeated runs do not fill the disk with old sites.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "vestnik-tests-"));
  process.env.VESTNIK_TEST_TMP = root;
  return async () => {
    await fs.rm(root, { recursive: true, force: true });
  };
}

/** Where a test makes its temporary folders: the run's folder, or the system's outside vitest. */
export function testTempDir(): string {
  return process.env.VESTNIK_TEST_TMP ?? os.tmpdir();
}

/**
 * Whether a tool a test needs is installed. Without it the tests skip with a clear message, except
 * in CI (CI=true), where a missing tool means .ci/run's install step is broken: there they fail.
 */
export function toolAvailable(tool: { name: string; found: boolean; install: string }): boolean {
  if (tool.found) return true;
  if (process.env.CI === "true") throw new Error(`No ${tool.name} found; CI must install it: ${tool.install}`);
  console.warn(`Skipping tests that need ${tool.name}: it is not installed. Install it with: ${tool.install}`);
  return false;
}

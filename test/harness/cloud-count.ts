// How many local clouds the integration project runs on: read by vitest.config.ts (maxWorkers)
// and by the global setup (how many to start), so the two always agree. No vitest imports here:
// the config loads this file.

/** Directories of clouds to reuse (SCS_TEST_CLOUD_DIR, comma-separated), or none. */
export function reuseDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env['SCS_TEST_CLOUD_DIR'] ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');
}

/**
 * Clouds (= parallel integration files): as many as reused dirs, else SCS_TEST_CLOUDS, else 2
 * (the machine's two cores keep two clouds and two test files busy).
 */
export function cloudCount(env: NodeJS.ProcessEnv = process.env): number {
  const reused = reuseDirs(env).length;
  if (reused > 0) return reused;
  const n = Number(env['SCS_TEST_CLOUDS'] ?? 2);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`SCS_TEST_CLOUDS must be a whole number from 1 to 8, not ${env['SCS_TEST_CLOUDS']}`);
  return n;
}

// Which local cloud a test file gets.
//
// Integration files that share a cloud must not run at the same time (they delete all images,
// count requests, compare listings). So each vitest worker gets a cloud of its own: the global
// setup starts one cloud per worker, and a file uses the cloud of its worker's VITEST_POOL_ID
// (unique among the files running at once, 1..maxWorkers). vitest.config.ts sets maxWorkers to
// the number of clouds, so no two running files ever share one.
import { inject } from 'vitest';
import type { LocalCloud, LocalCloudInfo } from './cloud-info.js';
import { connectLocalCloud } from './local-cloud.js';

export { cloudCount, reuseDirs } from './cloud-count.js';

/** The cloud of the worker running this test file (call it from a test file, not the global setup). */
export function testCloudInfo(): LocalCloudInfo {
  const clouds = inject('localClouds');
  const poolId = Number(process.env['VITEST_POOL_ID'] ?? 1);
  const info = clouds[poolId - 1];
  if (!info) throw new Error(`no local cloud for vitest worker ${poolId} (${clouds.length} started): maxWorkers must not exceed the clouds`);
  return info;
}

export const testCloud = (): LocalCloud => connectLocalCloud(testCloudInfo());

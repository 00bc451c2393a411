// vitest globalSetup of the `integration` project: one local cloud per vitest worker (two by
// default, see cloud-count.ts), started side by side. A test file gets its worker's cloud with
// testCloud() from test-clouds.ts; files on different clouds run at the same time.
//
// Fast local iteration: `npx tsx scripts/local-cloud.ts start --dir .tmp/cloud` once, then
// `SCS_TEST_CLOUD_DIR=.tmp/cloud npx vitest run --project integration` reuses it (and leaves it
// running); several comma-separated dirs let that many files run at once.
import type { TestProject } from 'vitest/node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloudCount, reuseDirs } from './cloud-count.js';
import { isCloudHealthy, readCloudInfo, startLocalCloud, type LocalCloud, type LocalCloudInfo } from './local-cloud.js';
import { freePorts } from './ports.js';
import { findLeakedSecrets, OUTPUT_LOG_ENV } from './output-log.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One per vitest worker: index VITEST_POOL_ID - 1. */
    localClouds: LocalCloudInfo[];
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // set before the test workers start, so they inherit it (see output-log.ts); scripts/test.mjs
  // chooses the path and reads the verdict, because an error in a teardown does not fail vitest
  const outputLog = process.env[OUTPUT_LOG_ENV] ?? path.join(mkdtempSync(path.join(tmpdir(), 'scs-cli-output-')), 'cli-output.log');
  process.env[OUTPUT_LOG_ENV] = outputLog;
  const dirs = reuseDirs();
  if (dirs.length > 0) {
    const infos = await Promise.all(dirs.map(async (d) => readCloudInfo(d)));
    const healthy = await Promise.all(infos.map(async (i) => i !== undefined && (await isCloudHealthy(i))));
    if (healthy.every(Boolean)) {
      process.stderr.write(`[global-setup] reusing the local cloud(s) in ${dirs.join(', ')}\n`);
      const reused = infos as LocalCloudInfo[];
      project.provide('localClouds', reused);
      return async () => assertNoLeaks(outputLog, reused); // the clouds are not ours to stop
    }
    process.stderr.write(`[global-setup] SCS_TEST_CLOUD_DIR=${dirs.join(',')}: not every cloud there is running, starting fresh ones\n`);
  }
  const count = cloudCount();
  // ports for all clouds at once: clouds picking their own ports side by side could pick the same
  const ports = await freePorts(2 * count);
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, i) => startLocalCloud({ keystonePort: ports[2 * i]!, glancePort: ports[2 * i + 1]! })),
  );
  const clouds = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stopAll = async (): Promise<void> => {
    await Promise.all(clouds.map((c) => c.stop({ purge: true })));
  };
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const infos = clouds.map(({ tokenFor: _t, stop: _s, ...info }: LocalCloud) => info); // functions cannot cross to the test workers
  project.provide('localClouds', infos);
  return async () => {
    await stopAll();
    assertNoLeaks(outputLog, infos);
  };
}

function assertNoLeaks(outputLog: string, clouds: LocalCloudInfo[]): void {
  const leaks = clouds.flatMap((info) => findLeakedSecrets(outputLog, info));
  writeFileSync(`${outputLog}.leaks.json`, JSON.stringify(leaks));
  if (leaks.length > 0) throw new Error(`secrets leaked into CLI output (${outputLog}):\n${leaks.join('\n')}`);
  process.stderr.write(`[global-setup] no secret in the output of any CLI run (${outputLog})\n`);
}

// vitest globalSetup of the `integration` project: ONE local cloud for all integration test files
// (they run one after another, see vitest.config.ts). Tests get its data with inject('localCloud')
// and the LocalCloud API with connectLocalCloud(inject('localCloud')).
//
// Fast local iteration: `npx tsx scripts/local-cloud.ts start --dir .tmp/cloud` once, then
// `SCS_TEST_CLOUD_DIR=.tmp/cloud npx vitest run --project integration` reuses it (and leaves it running).
import type { TestProject } from 'vitest/node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isCloudHealthy, readCloudInfo, startLocalCloud, type LocalCloudInfo } from './local-cloud.js';
import { findLeakedSecrets, OUTPUT_LOG_ENV } from './output-log.js';

declare module 'vitest' {
  export interface ProvidedContext {
    localCloud: LocalCloudInfo;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // set before the test workers start, so they inherit it (see output-log.ts); scripts/test.mjs
  // chooses the path and reads the verdict, because an error in a teardown does not fail vitest
  const outputLog = process.env[OUTPUT_LOG_ENV] ?? path.join(mkdtempSync(path.join(tmpdir(), 'scs-cli-output-')), 'cli-output.log');
  process.env[OUTPUT_LOG_ENV] = outputLog;
  const reuseDir = process.env.SCS_TEST_CLOUD_DIR;
  if (reuseDir) {
    const info = await readCloudInfo(reuseDir);
    if (info && (await isCloudHealthy(info))) {
      process.stderr.write(`[global-setup] reusing the local cloud in ${info.dir}\n`);
      project.provide('localCloud', info);
      return async () => assertNoLeaks(outputLog, info); // the cloud is not ours to stop
    }
    process.stderr.write(`[global-setup] SCS_TEST_CLOUD_DIR=${reuseDir}: no running cloud there, starting a fresh one\n`);
  }
  const cloud = await startLocalCloud();
  const { tokenFor: _t, stop: _s, ...info } = cloud; // functions cannot cross to the test workers
  project.provide('localCloud', info);
  return async () => {
    await cloud.stop({ purge: true });
    assertNoLeaks(outputLog, info);
  };
}

function assertNoLeaks(outputLog: string, info: LocalCloudInfo): void {
  const leaks = findLeakedSecrets(outputLog, info);
  writeFileSync(`${outputLog}.leaks.json`, JSON.stringify(leaks));
  if (leaks.length > 0) throw new Error(`secrets leaked into CLI output (${outputLog}):\n${leaks.join('\n')}`);
  process.stderr.write(`[global-setup] no secret in the output of any CLI run (${outputLog})\n`);
}

// vitest globalSetup of the `integration` project: ONE local cloud for all integration test files
// (they run one after another, see vitest.config.ts). Tests get its data with inject('localCloud')
// and the LocalCloud API with connectLocalCloud(inject('localCloud')).
//
// Fast local iteration: `npx tsx scripts/local-cloud.ts start --dir .tmp/cloud` once, then
// `SCS_TEST_CLOUD_DIR=.tmp/cloud npx vitest run --project integration` reuses it (and leaves it running).
import type { TestProject } from 'vitest/node';
import { isCloudHealthy, readCloudInfo, startLocalCloud, type LocalCloudInfo } from './local-cloud.js';

declare module 'vitest' {
  export interface ProvidedContext {
    localCloud: LocalCloudInfo;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const reuseDir = process.env.SCS_TEST_CLOUD_DIR;
  if (reuseDir) {
    const info = await readCloudInfo(reuseDir);
    if (info && (await isCloudHealthy(info))) {
      process.stderr.write(`[global-setup] reusing the local cloud in ${info.dir}\n`);
      project.provide('localCloud', info);
      return undefined; // not ours to stop
    }
    process.stderr.write(`[global-setup] SCS_TEST_CLOUD_DIR=${reuseDir}: no running cloud there, starting a fresh one\n`);
  }
  const cloud = await startLocalCloud();
  const { tokenFor: _t, stop: _s, ...info } = cloud; // functions cannot cross to the test workers
  project.provide('localCloud', info);
  return async () => {
    await cloud.stop({ purge: true });
  };
}

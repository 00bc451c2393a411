import { defineConfig } from 'vitest/config';
import { cloudCount } from './test/harness/cloud-count.js';
import SlowFilesFirst from './test/harness/slow-files-first.js';

// Two projects: `unit` (pure logic, no server, runs in a second) and `integration` (real Keystone +
// Glance on 127.0.0.1, started by test/harness/global-setup.ts). Integration files run in parallel,
// one local cloud per worker: maxWorkers is the number of clouds, so no two files running at once
// share one (see test/harness/test-clouds.ts).
export default defineConfig({
  test: {
    restoreMocks: true,
    maxWorkers: cloudCount(),
    sequence: { sequencer: SlowFilesFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          // pure functions, no module state worth a fresh process per file: one shared module graph
          isolate: false,
          setupFiles: ['test/unit-setup.ts'],
          // property tests run hundreds of generated cases: a loaded host stretched them past the
          // default 5 s (a timeout says nothing about the logic); a hang still fails
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/harness/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure logic, no server, runs in a second) and `integration` (real Keystone +
// Glance on 127.0.0.1, started once by test/harness/global-setup.ts).
export default defineConfig({
  test: {
    restoreMocks: true,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/harness/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // one real cloud is shared: files run one after another so counts and listings stay exact
          fileParallelism: false,
        },
      },
    ],
  },
});

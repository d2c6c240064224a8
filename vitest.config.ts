import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two files at a time on this 2-core machine: one at a time left the processors idle half the run, waiting on
    // DynamoDB Local and Chromium (a full run: 840 s one at a time, 698 s two at a time). Browser files still run one
    // after another (fileParallelism below); tests that read the shared local outbox read their own addresses only.
    maxWorkers: 2,
    projects: [
      // The property tests of budget fitting solve hundreds of MILPs (about 4 s each on an idle machine):
      // a time limit, not a speed check (bench/ measures speed).
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/dynamo-global-setup.ts'],
          // The contract test: every response the suite receives is checked against its route's declared schema.
          setupFiles: ['tests/support/contract-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // One DynamoDB Local for the run; each file's product makes its own table in it (tests/e2e/browser.ts).
          globalSetup: ['tests/support/dynamo-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // One more try for a browser test that lost a race with the page on a loaded 2-core machine;
          // a test that fails twice fails the run.
          retry: 1,
        },
      },
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
    ],
  },
});

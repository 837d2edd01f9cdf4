import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Safety nets against a hang, not budgets: tests wait on progress (tests/support/progress.ts), and
    // a machine three times slower, or one pinned to a core, must still pass.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Suites start servers and child processes; on 2 cores, a few files at a time is fastest.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

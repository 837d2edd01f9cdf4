import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Suites start servers and child processes; on 2 cores, a few files at a time is fastest.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

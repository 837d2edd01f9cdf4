import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Tests run the workspace packages from their TypeScript sources (see each package's `exports`). */
const SOURCE = '@assay/source';

export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultServerConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions], externalConditions: [SOURCE] } },
  test: {
    // Node's own loader too (worker threads, e.g. the isolates, load modules without Vite).
    execArgv: [`--conditions=${SOURCE}`],
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Safety nets against a hang, not budgets: tests wait on progress (tests/support/progress.ts), and
    // a machine three times slower, or one pinned to a core, must still pass.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // `expect.poll` waits for what a page or server will do; its default (1 s) is a wall-clock budget.
    expect: { poll: { timeout: 60_000 } },
    // Suites start servers and child processes; on 2 cores, a few files at a time is fastest.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

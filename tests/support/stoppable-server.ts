import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { freePort, startChildServer, type ChildServer } from './child-server';
import { untilDone } from './progress';
import { createTestDatabase, databaseEnv, TEST_DB } from './test-database';

/** A run as the tests below read it. */
export interface RunState {
  status: string;
  output: unknown;
  error: unknown;
}

/**
 * For a suite about a machine that gives Assay no CPU for a while: `assay serve` as a child process
 * (on its own PostgreSQL database with ASSAY_TEST_DB=postgres), started before the suite's tests and
 * removed after them. `stopFor` stops the whole process (SIGSTOP): wall-clock time passes, CPU time
 * does not.
 */
export function stoppableServer(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-stoppable-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
  let server: ChildServer | null = null;
  const current = () => {
    if (!server) throw new Error('the server has not started');
    return server;
  };

  beforeAll(async () => {
    if (TEST_DB === 'postgres') database = await createTestDatabase();
    server = await startChildServer({ dataDir, port: await freePort(), env: { ...databaseEnv(database), ASSAY_DEMO: 'false', ...env } });
  });
  afterAll(async () => {
    server?.process.kill('SIGCONT');
    server?.process.kill('SIGTERM');
    await server?.exited();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const read = async (runId: string) => (await current().api('GET', `/v1/workflow-runs/${runId}`)).body.data as RunState;
  return {
    api: (method: string, urlPath: string, body?: unknown) => current().api(method, urlPath, body),
    /** Stops the server's process for `ms`, then lets it go on. */
    async stopFor(ms: number): Promise<void> {
      current().process.kill('SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, ms));
      current().process.kill('SIGCONT');
    },
    /** Waits until a worker has taken the run. */
    async untilStarted(runId: string): Promise<void> {
      await untilDone(async () => ({ done: (await read(runId)).status === 'queued' ? null : true, progress: null }), {
        what: 'the run to start',
        stallMs: 30_000,
      });
    },
    /** Waits until the run has ended, and returns it. */
    untilFinished(runId: string): Promise<RunState> {
      return untilDone(
        async () => {
          const data = await read(runId);
          return { done: ['completed', 'failed', 'cancelled'].includes(data.status) ? data : null, progress: data.status };
        },
        { what: 'the run', stallMs: 60_000 },
      );
    },
  };
}

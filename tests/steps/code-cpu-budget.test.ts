import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startChildServer, type ChildServer } from '../support/child-server';
import { untilDone } from '../support/progress';
import { createTestDatabase, databaseEnv, TEST_DB } from '../support/test-database';

/** About 0.6 s of QuickJS on this project's machines (1.8 s on one three times slower): well under the budget. */
const BUSY_CODE = 'let x = 0; for (let i = 0; i < 6e6; i++) x = (x + i * 7) % 1000003; return x;';
const BUDGET_MS = 3000;

/**
 * A code step's `timeoutMs` counts the CPU time its sandbox uses, not the wall clock: on a machine
 * too busy to give the (niced) sandbox thread CPU, code that fits its budget still completes. The
 * busiest machine there is: the server's process stopped (SIGSTOP) for longer than the whole budget
 * while the code runs.
 */
describe('a code step on a machine that gives it no CPU for a while', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-code-cpu-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
  let server: ChildServer;

  beforeAll(async () => {
    if (TEST_DB === 'postgres') database = await createTestDatabase();
    server = await startChildServer({ dataDir, port: await freePort(), env: { ...databaseEnv(database), ASSAY_DEMO: 'false' } });
  });
  afterAll(async () => {
    server.process.kill('SIGCONT');
    server.process.kill('SIGTERM');
    await server.exited();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes code that fits its budget even when the process is stopped for longer than the budget', async () => {
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Busy code',
      steps: [{ id: 'busy', type: 'code', with: { code: BUSY_CODE, timeoutMs: BUDGET_MS } }],
      output: { x: '{{ steps.busy.output }}' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const started = await server.api('POST', `/v1/workflows/${created.body.data.id as string}/runs`, { input: {} });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const runId = started.body.data.id as string;
    const read = async () => (await server.api('GET', `/v1/workflow-runs/${runId}`)).body.data as { status: string; output: unknown };
    await untilDone(async () => ({ done: (await read()).status === 'queued' ? null : true, progress: null }), {
      what: 'the run to start',
      stallMs: 30_000,
    });
    // The sandbox is loaded and the loop under way (it needs about 0.6 s of CPU here), then nothing runs.
    await new Promise((resolve) => setTimeout(resolve, 250));
    server.process.kill('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, BUDGET_MS + 500));
    server.process.kill('SIGCONT');

    const run = await untilDone(
      async () => {
        const data = await read();
        return { done: ['completed', 'failed', 'cancelled'].includes(data.status) ? data : null, progress: data.status };
      },
      { what: 'the run', stallMs: 60_000 },
    );
    expect(run).toMatchObject({ status: 'completed', output: { x: expect.any(Number) } });
  });
});

import { describe, expect, it } from 'vitest';
import { stoppableServer } from '../support/stoppable-server';

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
  const server = stoppableServer();

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
    await server.untilStarted(runId);
    // The sandbox is loaded and the loop under way (it needs about 0.6 s of CPU here), then nothing runs.
    await new Promise((resolve) => setTimeout(resolve, 250));
    await server.stopFor(BUDGET_MS + 500);

    expect(await server.untilFinished(runId)).toMatchObject({ status: 'completed', output: { x: expect.any(Number) } });
  });
});

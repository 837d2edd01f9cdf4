import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CrashPoint } from '@assay/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startChildServer, type ChildServer } from '../support/child-server';
import { untilDone } from '../support/progress';
import { createTestDatabase, databaseEnv, TEST_DB } from '../support/test-database';

interface StepView {
  id: string;
  status: string;
  attempts: number;
  startedAt: number | null;
  completedAt: number | null;
  output: unknown;
}

/**
 * `assay serve` killed (SIGKILL) at a named crash point (ASSAY_CRASH_AT), not by a signal hoped to
 * land between two writes. The run calls a local server from two steps (side effects counted per
 * step), then transforms. After the kill, a server that executes nothing shows what was durable;
 * then a normal restart completes the run, and no step whose outcome was committed runs again.
 */
const cases: Array<{
  crashAt: `${CrashPoint}` | `${CrashPoint}:${string}`;
  /** Side effects at the kill, by step. */
  atKill: { first: number; second: number };
  /** Steps completed (committed) at the kill. */
  committed: string[];
  /** Side effects once the run completed after the restart. */
  after: { first: number; second: number };
}> = [
  // Claimed, nothing executed: the run starts from the beginning, each step once.
  { crashAt: 'after-claim', atKill: { first: 0, second: 0 }, committed: [], after: { first: 1, second: 1 } },
  // `first` committed, `second` not started: `first` is not executed again.
  { crashAt: 'after-step-commit:first', atKill: { first: 1, second: 0 }, committed: ['first'], after: { first: 1, second: 1 } },
  // `second` did its side effect but its outcome was not committed: it runs again (at least once), `first` does not.
  { crashAt: 'before-step-commit:second', atKill: { first: 1, second: 1 }, committed: ['first'], after: { first: 1, second: 2 } },
];

describe.each(cases)('a server killed at crash point $crashAt', ({ crashAt, atKill, committed, after }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-crash-point-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
  let effects: Server;
  let effectsUrl: string;
  const calls = new Map<string, number>();
  let port: number;
  let server: ChildServer | null = null;

  const start = async (env: Record<string, string> = {}) => {
    server = await startChildServer({
      dataDir,
      port,
      env: {
        ...databaseEnv(database),
        ASSAY_DEMO: 'false',
        ASSAY_HTTP_ALLOW: '127.0.0.1',
        ASSAY_LEASE_MS: '1000',
        ASSAY_POLL_MS: '100',
        ...env,
      },
    });
    return server;
  };
  const stop = async (live: ChildServer) => {
    live.process.kill('SIGTERM');
    expect(await live.exited()).toBe(0);
  };

  beforeAll(async () => {
    effects = createServer((req, res) => {
      const step = new URL(req.url ?? '/', 'http://x').searchParams.get('step') ?? '';
      calls.set(step, (calls.get(step) ?? 0) + 1);
      res.end(JSON.stringify({ step }));
    });
    await new Promise<void>((resolve) => effects.listen(0, '127.0.0.1', resolve));
    effectsUrl = `http://127.0.0.1:${(effects.address() as AddressInfo).port}`;
    if (TEST_DB === 'postgres') database = await createTestDatabase();
    port = await freePort();
  });
  afterAll(async () => {
    if (server && server.process.exitCode === null && server.process.signalCode === null) {
      server.process.kill('SIGTERM');
      await server.exited();
    }
    effects.closeAllConnections();
    await new Promise<void>((resolve) => effects.close(() => resolve()));
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps what was committed, and completes the run after a restart without repeating a committed step', async () => {
    // Nothing crashes before a run is claimed: the crashing server creates the workflow too.
    let live = await start({ ASSAY_CRASH_AT: crashAt });
    const created = await live.api('POST', '/v1/workflows', {
      name: 'Two side effects',
      steps: [
        { id: 'first', type: 'http.request', with: { url: `${effectsUrl}/effect?step=first` } },
        { id: 'second', type: 'http.request', needs: ['first'], with: { url: `${effectsUrl}/effect?step=second` } },
        { id: 'third', type: 'transform', needs: ['second'], with: { expression: '"done"' } },
      ],
      output: { result: '{{ steps.third.output }}' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const workflowId = created.body.data.id as string;
    // The process may die before it answers (the claim races the response).
    await live.api('POST', `/v1/workflows/${workflowId}/runs`, { input: {} }).catch(() => undefined);
    expect(await live.exited()).toBeNull();
    expect(live.process.signalCode).toBe('SIGKILL');

    // What was durable at the kill, read by a server that executes nothing.
    live = await start({ ASSAY_WORKER_CONCURRENCY: '0' });
    const listed = (await live.api('GET', `/v1/workflows/${workflowId}/runs?limit=10`)).body.data as Array<{ id: string }>;
    expect(listed).toHaveLength(1);
    const runId = listed[0]?.id as string;
    const atTheKill = (await live.api('GET', `/v1/workflow-runs/${runId}`)).body.data as { status: string; steps: StepView[] };
    expect(atTheKill.status).toBe('running');
    expect(atTheKill.steps.filter((s) => s.status === 'completed').map((s) => s.id)).toEqual(committed);
    expect({ first: calls.get('first') ?? 0, second: calls.get('second') ?? 0 }).toEqual(atKill);
    await stop(live);

    // A normal restart finishes the run.
    live = await start();
    const run = await untilDone(
      async () => {
        const data = (await live.api('GET', `/v1/workflow-runs/${runId}`)).body.data as {
          status: string;
          output: unknown;
          steps: StepView[];
        };
        return {
          done: ['completed', 'failed', 'cancelled'].includes(data.status) ? data : null,
          progress: data.steps.map((s) => [s.id, s.status, s.attempts]),
        };
      },
      { what: 'the run after the restart', stallMs: 30_000 },
    );
    expect(run).toMatchObject({ status: 'completed', output: { result: 'done' } });
    expect({ first: calls.get('first') ?? 0, second: calls.get('second') ?? 0 }).toEqual(after);
    for (const id of committed) {
      const before = atTheKill.steps.find((s) => s.id === id) as StepView;
      expect(
        run.steps.find((s) => s.id === id),
        `${id}, committed before the kill`,
      ).toMatchObject({
        status: 'completed',
        attempts: 1,
        startedAt: before.startedAt,
        completedAt: before.completedAt,
        output: before.output,
      });
    }
    await stop(live);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startChildServer, type ChildServer } from '../support/child-server';
import { createTestDatabase, databaseEnv, TEST_DB, type TestDatabase } from '../support/test-database';

/** Runs per group: A finishes before the kill, B has done its side effect and is parked, C is mid side effect. */
const GROUP = 10;
const TERMINAL = ['completed', 'failed', 'cancelled'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value; fails after `timeoutMs` (a safety net, not a budget). */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still not the case after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * An attacker (or an operator's bad day) kills the server with SIGKILL while it works. A real
 * `assay serve` process is killed at a moment the test chooses by holding a step's outbound call
 * open — not by hoping a timer lands well — then restarted on the same data. No run is lost,
 * every run completes with the right output, and no step that had completed runs again: its
 * side effect (a call to a local server) happened exactly once and its record is unchanged.
 */
describe('attacks on durability: SIGKILL mid-run', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-security-crash-'));
  let database: TestDatabase | null = null;
  let port: number;
  let server: ChildServer | null = null;
  let effects: Server;
  let effectsUrl: string;
  /** Side-effect calls per run (by run id), and the answers being held back. */
  const calls = new Map<string, number>();
  const held: ServerResponse[] = [];
  let holdFrom = Infinity;

  const start = async () => {
    server = await startChildServer({
      dataDir,
      port,
      env: { ...databaseEnv(database), ASSAY_DEMO: 'false', ASSAY_HTTP_ALLOW: '127.0.0.1', ASSAY_LEASE_MS: '3000', ASSAY_POLL_MS: '100' },
    });
    return server;
  };

  beforeAll(async () => {
    // The side effect: counts calls per run; holds the answer to runs whose n is at least holdFrom.
    effects = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const run = url.searchParams.get('run') ?? '';
      calls.set(run, (calls.get(run) ?? 0) + 1);
      if (Number(url.searchParams.get('n')) >= holdFrom) held.push(res);
      else res.end(JSON.stringify({ ok: true }));
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

  /** Runs of the side-effect workflow (id → n), their records at the kill, and the runs created under fire. */
  const runs = new Map<string, number>();
  let before: any[] = [];
  const acknowledged = new Map<string, number>();
  let sideEffectWorkflow: string;
  let firedWorkflow: string;
  const read = async (id: string) => (await server!.api('GET', `/v1/workflow-runs/${id}`)).body.data;
  const listRuns = async (workflowId: string) =>
    (await server!.api('GET', `/v1/workflows/${workflowId}/runs?limit=1000`)).body.data as any[];

  beforeAll(async () => {
    let live = await start();
    const created = await live.api('POST', '/v1/workflows', {
      name: 'Durable with a side effect',
      inputs: { n: { type: 'integer', required: true }, pause: { type: 'number', required: true } },
      steps: [
        { id: 'call', type: 'http.request', with: { url: `${effectsUrl}/effect?run={{ run.id }}&n={{ input.n }}` } },
        { id: 'pause', type: 'wait', needs: ['call'], with: { seconds: '{{ input.pause }}' } },
        { id: 'double', type: 'transform', needs: ['pause'], with: { expression: 'input.n * 2' } },
        { id: 'label', type: 'transform', needs: ['double'], with: { expression: '"n=" & $string(steps.double.output)' } },
      ],
      output: { value: '{{ steps.double.output }}', label: '{{ steps.label.output }}' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    sideEffectWorkflow = created.body.data.id;
    firedWorkflow = (
      await live.api('POST', '/v1/workflows', {
        name: 'Created under fire',
        inputs: { n: { type: 'integer', required: true } },
        steps: [{ id: 'double', type: 'transform', with: { expression: 'input.n * 2' } }],
      })
    ).body.data.id;
    holdFrom = 2 * GROUP;

    // Group A (n < 10) runs straight through; B (10 ≤ n < 20) parks in a 2 s wait; C (n ≥ 20) hangs in its call.
    for (let n = 0; n < 3 * GROUP; n++) {
      const answer = await live.api('POST', `/v1/workflows/${sideEffectWorkflow}/runs`, { input: { n, pause: n < GROUP ? 0 : 2 } });
      expect(answer.status).toBe(201);
      runs.set(answer.body.data.id, n);
    }
    // Meanwhile clients keep creating runs of another workflow, up to the kill.
    let next = 0;
    const client = async () => {
      for (;;) {
        const n = next++;
        try {
          const answer = await live.api('POST', `/v1/workflows/${firedWorkflow}/runs`, { input: { n } });
          if (answer.status === 201) acknowledged.set(answer.body.data.id, n);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);
    // The crash point: every call of A and B checkpointed, every call of C in flight, runs being created.
    before = await until('A and B past their call, C inside it', async () => {
      if (held.length < GROUP || acknowledged.size < 20) return undefined;
      const now = await Promise.all([...runs.keys()].map(read));
      const pastCall = now.filter((run) => run.steps.find((s: { id: string }) => s.id === 'call').status === 'completed');
      return pastCall.length === 2 * GROUP ? now : undefined;
    });
    live.process.kill('SIGKILL');
    expect(await live.exited()).toBeNull();
    await Promise.all(clients);
    holdFrom = Infinity;
    for (const res of held.splice(0)) res.destroy();

    live = await start();
    await until('every run finished after the restart', async () => {
      const all = [...(await listRuns(sideEffectWorkflow)), ...(await listRuns(firedWorkflow))];
      return all.every((run) => TERMINAL.includes(run.status)) ? true : undefined;
    });
  }, 300_000);

  it('was killed mid-work: some runs unfinished, some steps in flight', () => {
    expect(before.filter((run) => run.status === 'completed').length).toBeLessThan(3 * GROUP);
    expect(before.filter((run) => run.steps.some((s: { status: string }) => s.status === 'running')).length).toBeGreaterThanOrEqual(GROUP);
    expect(acknowledged.size).toBeGreaterThanOrEqual(20);
  });

  it('loses no run: every run completes, with the right output, and none is added', async () => {
    const listed = await listRuns(sideEffectWorkflow);
    expect(listed.map((r) => r.id).sort()).toEqual([...runs.keys()].sort());
    for (const [id, n] of runs)
      expect(await read(id), `run n=${n}`).toMatchObject({ status: 'completed', output: { value: n * 2, label: `n=${n * 2}` } });
  });

  it('repeats no completed step: its side effect happened once and its record is unchanged', async () => {
    for (const [id, n] of runs) {
      if (n < 2 * GROUP) expect(calls.get(id), `side effects of run n=${n}`).toBe(1);
      else expect(calls.get(id), `side effects of run n=${n} (in flight at the kill, so run again)`).toBeGreaterThanOrEqual(1);
    }
    for (const run of before) {
      const after = await read(run.id);
      for (const step of run.steps.filter((s: { status: string }) => s.status === 'completed')) {
        const now = after.steps.find((s: { id: string }) => s.id === step.id);
        expect(now, `${run.id}/${step.id}`).toMatchObject({
          status: 'completed',
          attempts: 1,
          startedAt: step.startedAt,
          completedAt: step.completedAt,
          output: step.output,
        });
      }
    }
  });

  it('loses no run acknowledged while clients were creating runs, and half-creates none', async () => {
    const listed = await listRuns(firedWorkflow);
    const byId = new Map(listed.map((run) => [run.id, run]));
    for (const [id, n] of acknowledged)
      expect(byId.get(id), `acknowledged run n=${n}`).toMatchObject({ status: 'completed', output: n * 2 });
    // Runs committed whose answer was lost in the kill are there too, and complete like the others.
    for (const run of listed) expect(run).toMatchObject({ status: 'completed', output: run.input.n * 2 });
    expect(new Set(listed.map((run) => run.input.n)).size).toBe(listed.length);
  });
});

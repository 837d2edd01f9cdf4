import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startChildServer, type ChildServer } from '../support/child-server';
import { untilDone } from '../support/progress';

const RUNS = 500;

interface StepRow {
  run_id: string;
  step_id: string;
  attempts: number;
  started_at: number;
  completed_at: number;
}

async function countByStatus(server: ChildServer, workflowId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let cursor = '';
  for (;;) {
    const { body } = await server.api('GET', `/v1/workflows/${workflowId}/runs?limit=1000${cursor ? `&lt=${cursor}` : ''}`);
    for (const run of body.data) counts[run.status] = (counts[run.status] ?? 0) + 1;
    if (!body.hasMore) return counts;
    cursor = body.nextCursor;
  }
}

/**
 * A killed process loses no run: 500 runs of a multi-step workflow with a durable wait, SIGKILL in
 * the middle, restart, and every run completes; steps that had completed before the kill are not
 * executed again (one attempt, unchanged timestamps).
 */
describe('a server killed with SIGKILL mid-load', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('resumes every run from its checkpoints after a restart and completes all of them', async () => {
    const port = await freePort();
    let server = await startChildServer({ dataDir, port });
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Durable screen',
      inputs: { n: { type: 'integer', required: true } },
      steps: [
        { id: 'double', type: 'transform', with: { expression: 'input.n * 2' } },
        { id: 'pause', type: 'wait', needs: ['double'], with: { seconds: 0.6 } },
        { id: 'add', type: 'transform', needs: ['pause'], with: { expression: 'steps.double.output + 1' } },
        { id: 'label', type: 'transform', needs: ['add'], with: { expression: '"n=" & $string(steps.add.output)' } },
      ],
      output: { value: '{{ steps.add.output }}', label: '{{ steps.label.output }}' },
    });
    expect(created.status).toBe(201);
    const workflowId = created.body.data.id as string;

    // Create the runs in waves so that, at the kill, some are finished, some parked, some queued.
    const runIds: string[] = [];
    const inputs = new Map<string, number>();
    for (let wave = 0; wave < 10; wave++) {
      const answers = await Promise.all(
        Array.from({ length: RUNS / 10 }, (_, i) => {
          const n = wave * (RUNS / 10) + i;
          return server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n } }).then((r) => ({ r, n }));
        }),
      );
      for (const { r, n } of answers) {
        expect(r.status).toBe(201);
        runIds.push(r.body.data.id);
        inputs.set(r.body.data.id, n);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }

    // Kill once a good share (but not all) of the runs has completed.
    for (;;) {
      const counts = await countByStatus(server, workflowId);
      if ((counts.completed ?? 0) >= 100) {
        expect(counts.completed).toBeLessThan(RUNS);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    server.process.kill('SIGKILL');
    expect(await server.exited()).toBeNull();

    // What was durably checkpointed at the moment of the kill.
    const db = new Database(path.join(dataDir, 'assay.db'));
    const before = db
      .prepare("SELECT run_id, step_id, attempts, started_at, completed_at FROM step_runs WHERE status = 'completed'")
      .all() as StepRow[];
    const unfinished = (
      db.prepare("SELECT count(*) AS n FROM runs WHERE status NOT IN ('completed','failed','cancelled')").get() as { n: number }
    ).n;
    db.close();
    expect(unfinished).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);

    server = await startChildServer({ dataDir, port });
    await untilDone(
      async () => {
        const counts = await countByStatus(server, workflowId);
        expect(counts.failed ?? 0).toBe(0);
        return { done: (counts.completed ?? 0) === RUNS ? true : null, progress: counts };
      },
      { what: 'the runs after the restart', stallMs: 60_000, intervalMs: 100 },
    );

    // Every run completed with the right output.
    for (const id of runIds.filter((_, i) => i % 25 === 0)) {
      const { body } = await server.api('GET', `/v1/workflow-runs/${id}`);
      const n = inputs.get(id) as number;
      expect(body.data.status).toBe('completed');
      expect(body.data.output).toEqual({ value: n * 2 + 1, label: `n=${n * 2 + 1}` });
    }

    server.process.kill('SIGTERM');
    expect(await server.exited()).toBe(0);

    // Steps completed before the kill were not executed again.
    const after = new Database(path.join(dataDir, 'assay.db'), { readonly: true });
    const lookup = after.prepare('SELECT attempts, started_at, completed_at, status FROM step_runs WHERE run_id = ? AND step_id = ?');
    for (const step of before) {
      const now = lookup.get(step.run_id, step.step_id) as StepRow & { status: string };
      expect(now).toMatchObject({ status: 'completed', attempts: 1, started_at: step.started_at, completed_at: step.completed_at });
    }
    after.close();
  });
});

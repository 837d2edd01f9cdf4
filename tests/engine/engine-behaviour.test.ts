import { defineStepType, type VirtualClock } from '@assay/engine';
import { AssayError } from '@assay/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { engineHarness, type EngineHarness } from '../support/engine-harness';

/** Fails (retryably) until its attempt number reaches `succeedOn`. */
const flaky = defineStepType<{ succeedOn: number; retryAfterMs?: number }>({
  type: 'test.flaky',
  family: 'logic',
  description: 'fails until attempt N',
  config: z.object({ succeedOn: z.number(), retryAfterMs: z.number().optional() }),
  async execute(config, context) {
    if (context.attempt < config.succeedOn)
      throw new AssayError('step_failed', `attempt ${context.attempt} failed`, { retryable: true, retryAfterMs: config.retryAfterMs });
    return { kind: 'completed', output: { attempt: context.attempt, at: context.now() } };
  },
});

/** Runs until aborted, and says how it ended. */
const aborted: string[] = [];
const blocking = defineStepType<{ ignoreSignal?: boolean }>({
  type: 'test.block',
  family: 'logic',
  description: 'blocks until aborted',
  config: z.object({ ignoreSignal: z.boolean().optional() }),
  execute(config, context) {
    return new Promise((_, reject) => {
      if (config.ignoreSignal) return;
      context.signal.addEventListener('abort', () => {
        aborted.push(context.stepId);
        reject(new Error('aborted'));
      });
    });
  },
});

/** Polls `check` (real time, briefly) until it holds: for states the engine reaches without any timer. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 5));
}

// On virtual time: backoff, timeouts, sleeps and durable waits take no real milliseconds.
describe('the engine', () => {
  let h: EngineHarness;
  afterEach(() => h.close());

  it('retries a failing step by its policy and completes, counting attempts', async () => {
    h = await engineHarness([flaky], { virtualTime: true });
    const wf = await h.workflow({
      name: 'flaky',
      steps: [{ id: 'f', type: 'test.flaky', with: { succeedOn: 3 }, retry: { maxAttempts: 3, initialDelayMs: 10 } }],
    });
    const runId = await h.start(wf);
    expect(await h.finished(runId)).toBe('completed');
    const [step] = await h.store.runs.steps(runId);
    expect(step).toMatchObject({ status: 'completed', attempts: 3, output: { attempt: 3 } });
  });

  it('fails the run when the attempts run out, naming the step and its last error', async () => {
    h = await engineHarness([flaky], { virtualTime: true });
    const wf = await h.workflow({
      name: 'flaky',
      steps: [{ id: 'f', type: 'test.flaky', with: { succeedOn: 5 }, retry: { maxAttempts: 2, initialDelayMs: 5 } }],
    });
    const runId = await h.start(wf);
    expect(await h.finished(runId)).toBe('failed');
    const run = await h.store.runs.get(h.workspaceId, runId);
    expect(run?.error).toEqual({ code: 'step_failed', message: 'attempt 2 failed', stepId: 'f' });
    expect((await h.store.runs.steps(runId))[0]?.attempts).toBe(2);
  });

  it('honours a retry-after hint longer than the backoff', async () => {
    h = await engineHarness([flaky], { virtualTime: true });
    const wf = await h.workflow({
      name: 'hint',
      steps: [{ id: 'f', type: 'test.flaky', with: { succeedOn: 2, retryAfterMs: 400 }, retry: { maxAttempts: 2, initialDelayMs: 1 } }],
    });
    const started = h.clock.now();
    const runId = await h.start(wf);
    expect(await h.finished(runId)).toBe('completed');
    const [step] = await h.store.runs.steps(runId);
    expect((step?.output as { at: number }).at - started).toBeGreaterThanOrEqual(400);
  });

  it('times a step out and fails the run with step_timeout', async () => {
    h = await engineHarness([blocking], { virtualTime: true });
    const wf = await h.workflow({ name: 'slow', steps: [{ id: 'b', type: 'test.block', with: { ignoreSignal: true }, timeoutMs: 100 }] });
    const runId = await h.start(wf);
    expect(await h.finished(runId)).toBe('failed');
    expect((await h.store.runs.get(h.workspaceId, runId))?.error).toMatchObject({ code: 'step_timeout', stepId: 'b' });
  });

  it('fails a run that exceeds its run timeout', async () => {
    // Advanced by hand once the step runs: skipping ahead by itself could time the run out while its
    // first checkpoint is still on its way to the database, before the step exists.
    h = await engineHarness([blocking], { virtualTime: { autoAdvance: false } });
    const wf = await h.workflow({ name: 'slow', timeoutMs: 150, steps: [{ id: 'b', type: 'test.block', with: {} }] });
    const runId = await h.start(wf);
    await until(async () => (await h.store.runs.steps(runId))[0]?.status === 'running');
    await h.time?.advance(150);
    expect(await h.finished(runId)).toBe('failed');
    expect((await h.store.runs.get(h.workspaceId, runId))?.error).toMatchObject({ code: 'run_timeout' });
    expect((await h.store.runs.steps(runId))[0]?.status).toBe('cancelled');
  });

  it('aborts the step in flight through its AbortSignal when the run is cancelled', async () => {
    h = await engineHarness([blocking], { virtualTime: true });
    const wf = await h.workflow({ name: 'block', steps: [{ id: 'held', type: 'test.block', with: {} }] });
    const runId = await h.start(wf);
    await until(async () => (await h.store.runs.steps(runId))[0]?.status === 'running');
    const { changed } = await h.store.runs.cancel(h.workspaceId, runId);
    expect(changed).toBe(true);
    // The engine may have seen the cancel first (its lease renewal, on virtual time, is refused for a
    // cancelled run) and stopped the run itself: either way the step's signal must abort it.
    h.engine.abortRun(runId, 'cancelled');
    await until(() => h.engine.activeRuns === 0);
    expect(aborted).toContain('held');
    expect(h.engine.activeRuns).toBe(0);
    expect((await h.store.runs.get(h.workspaceId, runId))?.status).toBe('cancelled');
    expect((await h.store.runs.steps(runId))[0]?.status).toBe('cancelled');
  });

  it('runs independent branches in parallel', async () => {
    h = await engineHarness([], { virtualTime: true });
    const wf = await h.workflow({
      name: 'fan',
      steps: [
        { id: 'left', type: 'wait', with: { seconds: 0.2 } },
        { id: 'right', type: 'wait', with: { seconds: 0.2 } },
        { id: 'join', type: 'transform', needs: ['left', 'right'], with: { expression: '"joined"' } },
      ],
    });
    const runId = await h.start(wf);
    expect(await h.finished(runId)).toBe('completed');
    const steps = new Map((await h.store.runs.steps(runId)).map((s) => [s.stepId, s]));
    const left = steps.get('left');
    const right = steps.get('right');
    // Each branch started before the other finished: they overlapped.
    expect(right?.startedAt).toBeLessThan(left?.completedAt as number);
    expect(left?.startedAt).toBeLessThan(right?.completedAt as number);
  });

  it('skips untaken branches and every step that needs only skipped steps', async () => {
    h = await engineHarness([], { virtualTime: true });
    const wf = await h.workflow({
      name: 'branch',
      inputs: { n: { type: 'number', required: true } },
      steps: [
        { id: 'big', type: 'condition', with: { expression: 'input.n > 10' } },
        { id: 'yes', type: 'transform', if: 'steps.big.output.result', with: { expression: '"big"' } },
        { id: 'no', type: 'transform', if: '$not(steps.big.output.result)', with: { expression: '"small"' } },
        { id: 'afterYes', type: 'transform', needs: ['yes'], with: { expression: '"after"' } },
      ],
      output: { answer: '{{ steps.no.output }}' },
    });
    const runId = await h.start(wf, { n: 3 });
    expect(await h.finished(runId)).toBe('completed');
    const status = Object.fromEntries((await h.store.runs.steps(runId)).map((s) => [s.stepId, s.status]));
    expect(status).toEqual({ big: 'completed', yes: 'skipped', no: 'completed', afterYes: 'skipped' });
    expect((await h.store.runs.get(h.workspaceId, runId))?.output).toEqual({ answer: 'small' });
  });

  it('fails the step, naming the reference, when a template refers to something undefined', async () => {
    h = await engineHarness([], { virtualTime: true });
    const wf = await h.workflow({
      name: 'undefined',
      steps: [
        { id: 'a', type: 'transform', with: { expression: '{ "x": 1 }' } },
        { id: 'b', type: 'wait', with: { until: '{{ steps.a.output.missing }}' } },
      ],
    });
    const runId = await h.start(wf);
    expect(await h.finished(runId)).toBe('failed');
    const run = await h.store.runs.get(h.workspaceId, runId);
    expect(run?.error?.stepId).toBe('b');
    expect(run?.error?.message).toContain('steps.a.output.missing');
  });

  it('parks a run on a durable wait without holding a worker, then resumes it', async () => {
    // Time moved by hand: the run is seen parked before its wait is skipped.
    h = await engineHarness([], { virtualTime: { autoAdvance: false } });
    const time = h.time as VirtualClock;
    const wf = await h.workflow({
      name: 'sleep',
      steps: [
        { id: 'nap', type: 'wait', with: { seconds: 0.6 } },
        { id: 'after', type: 'transform', needs: ['nap'], with: { expression: '42' } },
      ],
    });
    const runId = await h.start(wf);
    await until(async () => (await h.store.runs.get(h.workspaceId, runId))?.status === 'waiting');
    await until(() => h.engine.activeRuns === 0);
    await time.advance(600);
    expect(await h.finished(runId)).toBe('completed');
    expect((await h.store.runs.get(h.workspaceId, runId))?.output).toBe(42);
  });

  it('refuses the checkpoints of a worker that lost its lease', async () => {
    h = await engineHarness([blocking], { virtualTime: true });
    const wf = await h.workflow({ name: 'lease', steps: [{ id: 'held', type: 'test.block', with: {} }] });
    const runId = await h.start(wf);
    await until(async () => (await h.store.runs.get(h.workspaceId, runId))?.status === 'running');
    const foreign = { runId, workerId: 'another-worker' };
    const accepted = await h.store.queue.recordStep(foreign, {
      stepId: 'held',
      type: 'test.block',
      status: 'completed',
      attempts: 1,
      startedAt: 1,
      completedAt: 2,
      config: {},
      output: 'forged',
      error: null,
      usage: null,
      wakeAt: null,
    });
    expect(accepted).toBe(false);
    expect(await h.store.queue.finishRun(foreign, { status: 'completed', output: 'forged', completedAt: 3 })).toBe(false);
    expect((await h.store.runs.get(h.workspaceId, runId))?.status).toBe('running');
    h.engine.abortRun(runId); // not left for close() to wait on
  });
});

describe('lease recovery', () => {
  it('resumes a run whose worker died (its lease expired) from its checkpoints, without redoing completed steps', async () => {
    const h = await engineHarness([], { leaseMs: 300, virtualTime: true });
    try {
      await h.engine.stop(0); // hold the workers while the crashed state is set up
      const wf = await h.workflow({
        name: 'resume',
        steps: [
          { id: 'first', type: 'transform', with: { expression: '1' } },
          { id: 'second', type: 'transform', needs: ['first'], with: { expression: 'steps.first.output + 1' } },
        ],
      });
      const runId = await h.start(wf);
      // A worker that died after checkpointing `first`: its lease ran out a moment ago.
      const dead = 'dead-worker';
      await h.store.db
        .updateTable('runs')
        .set({ status: 'running', due_at: null, lease_owner: dead, lease_expires_at: h.clock.now() - 1, started_at: h.clock.now() })
        .where('id', '=', runId)
        .execute();
      const checkpoint = {
        stepId: 'first',
        type: 'transform',
        status: 'completed' as const,
        attempts: 1,
        startedAt: 1000,
        completedAt: 2000,
        config: { expression: '1' },
        output: 1,
        error: null,
        usage: null,
        wakeAt: null,
      };
      expect(await h.store.queue.recordStep({ runId, workerId: dead }, checkpoint)).toBe(true);

      await h.engine.start({ exclusive: false });
      h.engine.checkLeases(); // the heartbeat, now rather than a third of a lease later
      expect(await h.finished(runId, 5000)).toBe('completed');
      const steps = new Map((await h.store.runs.steps(runId)).map((s) => [s.stepId, s]));
      expect(steps.get('first')).toMatchObject({ attempts: 1, startedAt: 1000, completedAt: 2000 });
      expect(steps.get('second')).toMatchObject({ status: 'completed', output: 2 });
    } finally {
      await h.close();
    }
  });

  it('keeps a run it is executing when its own heartbeat comes after the lease ran out (a stalled process)', async () => {
    const h = await engineHarness([blocking], { leaseMs: 300, virtualTime: true });
    try {
      aborted.length = 0;
      const wf = await h.workflow({ name: 'stalled', steps: [{ id: 'held', type: 'test.block', with: {} }] });
      const runId = await h.start(wf);
      const lease = () =>
        h.store.db
          .selectFrom('runs')
          .select(['status', 'lease_owner', 'lease_expires_at'])
          .where('id', '=', runId)
          .executeTakeFirstOrThrow();
      await until(async () => (await lease()).status === 'running');
      // The event loop stalled past the lease: no other process took the run, so it is still this one's.
      await h.store.db
        .updateTable('runs')
        .set({ lease_expires_at: h.clock.now() - 1 })
        .where('id', '=', runId)
        .execute();
      h.engine.checkLeases();
      await until(async () => Number((await lease()).lease_expires_at) > h.clock.now());
      expect(aborted).toEqual([]);
      expect(await lease()).toMatchObject({ status: 'running', lease_owner: 'test-worker' });
      h.engine.abortRun(runId);
    } finally {
      await h.close();
    }
  });
});

describe('credential values', () => {
  it('never reach step outputs, configs, errors or the run, even when a step echoes them', async () => {
    const echo = defineStepType<{ credential: string; fail?: boolean }>({
      type: 'test.echo',
      family: 'logic',
      description: 'returns (or fails with) a credential value',
      config: z.object({ credential: z.string(), fail: z.boolean().optional() }),
      async execute(config, context) {
        const value = await context.credentials.get(config.credential);
        context.logger.info({ value }, `read ${value}`);
        if (config.fail) throw new AssayError('step_failed', `upstream rejected token ${value}`);
        return { kind: 'completed', output: { echoed: value, nested: [`Bearer ${value}`] } };
      },
    });
    const h = await engineHarness([echo], { credentials: { api: 'tok_very_secret_42' } });
    try {
      const ok = await h.workflow({
        name: 'echo',
        steps: [{ id: 'e', type: 'test.echo', with: { credential: 'api' } }],
        output: { seen: '{{ steps.e.output.echoed }}' },
      });
      const bad = await h.workflow({ name: 'echo-fail', steps: [{ id: 'e', type: 'test.echo', with: { credential: 'api', fail: true } }] });
      const okRun = await h.start(ok);
      const badRun = await h.start(bad);
      expect(await h.finished(okRun)).toBe('completed');
      expect(await h.finished(badRun)).toBe('failed');
      const recorded = JSON.stringify([
        await h.store.runs.get(h.workspaceId, okRun),
        await h.store.runs.steps(okRun),
        await h.store.runs.get(h.workspaceId, badRun),
        await h.store.runs.steps(badRun),
      ]);
      expect(recorded).not.toContain('tok_very_secret_42');
      expect(recorded).toContain('[redacted]');
      expect((await h.store.runs.get(h.workspaceId, badRun))?.error?.message).toBe('upstream rejected token [redacted]');
    } finally {
      await h.close();
    }
  });
});

describe('regressions', () => {
  it('fails a step whose output cannot be stored, instead of retrying it as a crash (it used to report "interrupted 4 times")', async () => {
    const h = await engineHarness();
    try {
      // An object nested 8,000 deep, built iteratively (recursion that deep stops at the depth limit).
      const wf = await h.workflow({
        name: 'deep',
        steps: [{ id: 'a', type: 'transform', with: { expression: '$reduce([1..8000], function($acc, $i){ {"a": $acc} }, {})' } }],
      });
      const runId = await h.start(wf);
      expect(await h.finished(runId, 30_000)).toBe('failed');
      const [step] = await h.store.runs.steps(runId);
      expect(step?.attempts).toBe(1);
      // Evaluated on the main thread, the store refuses it; in an isolate, serialising it there does.
      expect(step?.error?.message).toMatch(
        /(could not record the step's result|the value cannot be stored as JSON): Maximum call stack size exceeded/,
      );
    } finally {
      await h.close();
    }
  });
});

describe('claims', () => {
  let h: EngineHarness;
  afterEach(() => h.close());

  /** Counts the write transactions the store opens from here on. */
  const countTransactions = (store: EngineHarness['store']) => {
    const counter = { count: 0 };
    const transaction = store.db.transaction.bind(store.db);
    store.db.transaction = (() => {
      counter.count++;
      return transaction();
    }) as typeof store.db.transaction;
    return counter;
  };

  it('claims a run in the transaction that creates it when told in the same turn (one transaction, not two)', async () => {
    h = await engineHarness([blocking]);
    const wf = await h.workflow({ name: 'joined', steps: [{ id: 'held', type: 'test.block', with: {} }] });
    const transactions = countTransactions(h.store);
    const attempt = async () => {
      transactions.count = 0;
      const creating = h.store.runs.create({ workspaceId: h.workspaceId, workflowId: wf, workflowVersion: 1, input: {}, trigger: 'api' });
      h.engine.notifyCreating();
      const { run } = await creating;
      const count = transactions.count;
      const row = await h.store.db.selectFrom('runs').select(['status', 'lease_owner']).where('id', '=', run.id).executeTakeFirstOrThrow();
      h.engine.abortRun(run.id);
      return { count, row };
    };
    // A poll pass (every 200 ms here) that happens to be reading when the run is created holds the
    // claim until it ends, past the create's transaction (the notify after the commit claims the run
    // then, as designed): such an attempt says nothing, and a fresh run tries again.
    let result = await attempt();
    for (let retries = 0; retries < 4 && result.row.status !== 'running'; retries++) result = await attempt();
    // Answered after the one commit: the run is already running under this worker's lease.
    expect(result.count).toBe(1);
    expect(result.row).toEqual({ status: 'running', lease_owner: 'test-worker' });
  });

  it('answers a notification that finds nothing due with a read, not a claim', async () => {
    h = await engineHarness();
    const wf = await h.workflow({ name: 'idle', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] });
    expect(await h.finished(await h.start(wf))).toBe('completed');
    const claims = { count: 0 };
    const looks = { count: 0 };
    const { queue } = h.store;
    const claimRuns = queue.claimRuns.bind(queue);
    const nextDueAt = queue.nextDueAt.bind(queue);
    queue.claimRuns = (options) => {
      claims.count++;
      return claimRuns(options);
    };
    queue.nextDueAt = () => {
      looks.count++;
      return nextDueAt();
    };
    const transactions = countTransactions(h.store);
    h.engine.notify();
    await until(() => looks.count > 0);
    await new Promise((resolve) => setImmediate(resolve)); // the pass ends after its look
    expect(claims.count).toBe(0);
    expect(transactions.count).toBe(0);
    // Something due is still claimed at once.
    expect(await h.finished(await h.start(wf))).toBe('completed');
    expect(claims.count).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

/**
 * Issue 11, item 1: one expression or template froze the whole server. JSONata and Liquid ran on the
 * main event loop with no limit: a catastrophic regular expression stalled /healthz for minutes, a
 * ten-million-item range for 44 s, a five-million-turn Liquid loop in a document for 10 s.
 *
 * Now: while any of them runs, /healthz answers and other runs complete; the step fails naming
 * itself and the limit it hit.
 */

/** Polls /healthz one request after another and keeps the slowest answer. */
function watchHealth(url: string): {
  /** Resolves once `count` answers have come in (however fast the machine got to this point). */
  answered(count: number): Promise<void>;
  stop(): Promise<{ answers: number; slowestMs: number }>;
} {
  let running = true;
  let answers = 0;
  let slowestMs = 0;
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      slowestMs = Math.max(slowestMs, performance.now() - started);
      answers++;
      for (const waiter of waiting.filter((w) => w.count <= answers)) waiter.resolve();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    answered: (count) => new Promise<void>((resolve) => (answers >= count ? resolve() : waiting.push({ count, resolve }))),
    async stop() {
      running = false;
      await loop;
      return { answers, slowestMs };
    },
  };
}

/**
 * A bound no healthy server comes near and the attacks exceed by far (they stalled it for 10 s to
 * minutes): generous so that a slow or busy machine does not fail the test, strict enough to catch a stall.
 */
const HEALTHY_MS = 1500;
const TIMEOUT_MS = 4000;

describe('expressions and templates cannot stall the server', () => {
  let server: TestServer;
  afterAll(async () => {
    await server?.close();
  });

  it('while catastrophic regexes and a huge Liquid loop run, /healthz answers and other runs complete; cancelling stops them', async () => {
    // A limit far beyond this test: the attacks are still running when the other runs finish.
    server = await startTestServer({ ASSAY_EXPRESSION_TIMEOUT_MS: '120000' });
    // The regex is applied to input anyone can send: an unsigned trigger is enough.
    const regexWf = await createWorkflow(server, {
      name: 'regex',
      inputs: { text: { type: 'string', required: true } },
      steps: [{ id: 'check', type: 'transform', with: { expression: '$match(input.text, /(a+)+$/)' } }],
    });
    const { slug } = (await server.api('PUT', `/v1/workflows/${regexWf}/trigger`, { verification: 'none' })).body.data;
    const loopWf = await createWorkflow(server, {
      name: 'loop',
      steps: [
        {
          id: 'memo',
          type: 'document.render',
          with: { name: 'memo', formats: ['md'], template: '{% for i in (1..5000000) %}xxxxxxxxxx{% endfor %}' },
        },
      ],
    });
    const plainWf = await createWorkflow(server, {
      name: 'plain',
      inputs: { n: { type: 'number', required: true } },
      steps: [{ id: 'double', type: 'transform', with: { expression: 'input.n * 2' } }],
    });

    const health = watchHealth(server.url);
    const attacks: string[] = [];
    // Two at once: every isolate thread of a two-core machine is busy with an attack.
    for (let i = 0; i < 2; i++) {
      const webhook = await fetch(`${server.url}/webhooks/workflows/${slug}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: `${'a'.repeat(40 + i)}!` }),
      });
      expect(webhook.status).toBe(202);
      attacks.push(((await webhook.json()) as { data: { id: string } }).data.id);
    }
    attacks.push((await server.api('POST', `/v1/workflows/${loopWf}/runs`, { input: {} })).body.data.id as string);

    const plainRuns: string[] = [];
    for (let n = 0; n < 10; n++)
      plainRuns.push((await server.api('POST', `/v1/workflows/${plainWf}/runs`, { input: { n } })).body.data.id as string);
    const plain = await Promise.all(plainRuns.map((id) => waitForRun(server, id, 120_000)));
    expect(plain.map((run) => run.status)).toEqual(Array(10).fill('completed'));
    expect(plain.map((run) => run.output)).toEqual(Array.from({ length: 10 }, (_, n) => n * 2));
    // The regexes (2^40 steps) are still at it.
    for (const id of attacks.slice(0, 2)) expect((await server.api('GET', `/v1/workflow-runs/${id}`)).body.data.status).toBe('running');
    // Enough answers while they run, however quickly a fast machine got here (it once took 373 ms).
    await health.answered(6);

    for (const id of attacks) await server.api('POST', `/v1/workflow-runs/${id}/cancel`);
    const ended = await Promise.all(attacks.map((id) => waitForRun(server, id, 120_000)));
    const { answers, slowestMs } = await health.stop();
    expect(ended.slice(0, 2).map((run) => run.status)).toEqual(['cancelled', 'cancelled']);
    expect(answers).toBeGreaterThan(5);
    expect(slowestMs).toBeLessThan(HEALTHY_MS);

    // The cancelled runs' threads were stopped: isolated work goes on.
    const after = await createWorkflow(server, {
      name: 'after',
      steps: [{ id: 'pad', type: 'transform', with: { expression: '$pad("1", -3, "0")' } }],
    });
    const run = await waitForRun(server, (await server.api('POST', `/v1/workflows/${after}/runs`, { input: {} })).body.data.id, 120_000);
    expect(run).toMatchObject({ status: 'completed', output: '001' });
  }, 300_000);
});

describe('each kind of runaway fails its step, naming the step and the limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ASSAY_EXPRESSION_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a catastrophic regex, a ten-million-item range and a five-million-turn Liquid loop', async () => {
    const regexWf = await createWorkflow(server, {
      name: 'regex',
      steps: [{ id: 'check', type: 'transform', with: { expression: '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)' } }],
    });
    const rangeWf = await createWorkflow(server, {
      name: 'range',
      steps: [{ id: 'count', type: 'transform', with: { expression: '$count([1..10000000].$string())' } }],
    });
    const loopWf = await createWorkflow(server, {
      name: 'loop',
      steps: [
        {
          id: 'memo',
          type: 'document.render',
          with: { name: 'memo', formats: ['md'], template: '{% for i in (1..5000000) %}xxxxxxxxxx{% endfor %}' },
        },
      ],
    });
    const ids: string[] = [];
    for (const wf of [regexWf, rangeWf, loopWf])
      ids.push((await server.api('POST', `/v1/workflows/${wf}/runs`, { input: {} })).body.data.id as string);
    const [regex, range, loop] = await Promise.all(ids.map((id) => waitForRun(server, id, 120_000)));
    expect(regex).toMatchObject({
      status: 'failed',
      error: {
        code: 'limit_exceeded',
        stepId: 'check',
        message: `steps.check.with.expression: the expression ran longer than its time limit of ${TIMEOUT_MS} ms (ASSAY_EXPRESSION_TIMEOUT_MS)`,
      },
    });
    expect(range).toMatchObject({
      status: 'failed',
      error: {
        code: 'limit_exceeded',
        stepId: 'count',
        message: 'steps.count.with.expression: the expression built a sequence of more than 1,000,000 items (ASSAY_EXPRESSION_MAX_ITEMS)',
      },
    });
    expect(loop).toMatchObject({ status: 'failed', error: { stepId: 'memo' } });
    // Whichever limit the loop meets first on this machine: time, Liquid's allocation count, or size.
    expect(loop.error.message).toMatch(
      /^steps\.memo\.with\.template: the template (ran longer than its time limit of 4000 ms \(ASSAY_EXPRESSION_TIMEOUT_MS\)|allocated more than .*|rendered .* over the limit of .* \(ASSAY_MAX_OUTPUT_BYTES\))$/,
    );
  }, 300_000);

  it('the time limit is a setting: a regex that needs more than it is stopped at it', async () => {
    const wf = await createWorkflow(server, {
      name: 'regex-2',
      steps: [
        { id: 'r', type: 'condition', with: { expression: '$contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a|a)*$/)' } },
      ],
    });
    const run = await waitForRun(server, (await server.api('POST', `/v1/workflows/${wf}/runs`, { input: {} })).body.data.id, 120_000);
    expect(run.error).toEqual({
      code: 'limit_exceeded',
      stepId: 'r',
      message: `steps.r.with.expression: the expression ran longer than its time limit of ${TIMEOUT_MS} ms (ASSAY_EXPRESSION_TIMEOUT_MS)`,
    });
  }, 180_000);

  it('an `if` condition and a run output mapping are isolated too', async () => {
    const wf = await createWorkflow(server, {
      name: 'if-and-output',
      steps: [
        { id: 'a', type: 'transform', with: { expression: '1' } },
        { id: 'b', type: 'transform', if: '$count([1..5000000]) > 0', needs: ['a'], with: { expression: '2' } },
      ],
    });
    const run = await waitForRun(server, (await server.api('POST', `/v1/workflows/${wf}/runs`, { input: {} })).body.data.id, 120_000);
    expect(run.error).toEqual({
      code: 'limit_exceeded',
      stepId: 'b',
      message: 'steps.b.if: the expression built a sequence of more than 1,000,000 items (ASSAY_EXPRESSION_MAX_ITEMS)',
    });

    const out = await createWorkflow(server, {
      name: 'output',
      steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
      output: { text: '{% for i in (1..3000000) %}xxxxxxxxxx{% endfor %}' },
    });
    const outRun = await waitForRun(server, (await server.api('POST', `/v1/workflows/${out}/runs`, { input: {} })).body.data.id, 120_000);
    expect(outRun.status).toBe('failed');
    expect(outRun.error.code).toMatch(/^(limit_exceeded|output_too_large)$/);
    expect(outRun.error.message).toMatch(/^output\.text: the template/);
  }, 180_000);

  it('expressions that need an isolate still give their answers', async () => {
    const wf = await createWorkflow(server, {
      name: 'legit',
      inputs: { name: { type: 'string', required: true } },
      steps: [
        {
          id: 'parts',
          type: 'transform',
          with: {
            expression:
              '{ "initials": $join($match(input.name, /\\b\\w/).match), "padded": $pad("7", -3, "0"), "sorted": $sort(["b", "a"]), "ranged": $count([1..200000]) }',
          },
        },
        {
          id: 'memo',
          type: 'document.render',
          needs: ['parts'],
          with: {
            name: 'memo',
            formats: ['md', 'pdf'],
            template: '# {{ input.name }}\n\n{% for i in (1..20) %}- line {{ i }}\n{% endfor %}',
          },
        },
      ],
    });
    const run = await waitForRun(
      server,
      (await server.api('POST', `/v1/workflows/${wf}/runs`, { input: { name: 'Northwind Analytics' } })).body.data.id,
      120_000,
    );
    expect(run.status).toBe('completed');
    expect(run.steps[0].output).toEqual({ initials: 'NA', padded: '007', sorted: ['a', 'b'], ranged: 200000 });
    expect(run.steps[1].output.artifacts.pdf.bytes).toBeGreaterThan(1000);
  }, 180_000);

  it('templates cannot read files of the server (the data directory holds the secret key)', async () => {
    const wf = await createWorkflow(server, {
      name: 'include',
      steps: [{ id: 'memo', type: 'document.render', with: { name: 'memo', formats: ['md'], template: "{% include 'package.json' %}" } }],
    });
    const run = await waitForRun(server, (await server.api('POST', `/v1/workflows/${wf}/runs`, { input: {} })).body.data.id, 60_000);
    expect(run.status).toBe('failed');
    expect(run.error.code).toBe('template_error');
    expect(JSON.stringify(run)).not.toContain('"private"');
  });
});

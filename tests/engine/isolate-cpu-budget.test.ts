import { describe, expect, it } from 'vitest';
import { stoppableServer } from '../support/stoppable-server';

/** The time limit of expressions and templates in this test's server (ASSAY_EXPRESSION_TIMEOUT_MS). */
const LIMIT_MS = 4000;
/**
 * About 1 s of CPU each on this project's machines (3 s on one three times slower): under the limit.
 * The regular expression sends the JSONata to an isolate; the Liquid loop outgrows the main thread's
 * slice and is rendered again in one.
 */
const BUSY_EXPRESSION = '$count([1..240000][$match($string($), /7$/)])';
const BUSY_TEMPLATE = '{% for i in (1..400000) %}{% if i == 0 %}x{% endif %}{% endfor %}done';

const expressionWorkflow = (name: string, expression: string) => ({
  name,
  steps: [{ id: 'count', type: 'transform', with: { expression } }],
});
const templateWorkflow = (name: string, template: string) => ({
  name,
  steps: [{ id: 'one', type: 'transform', with: { expression: '1' } }],
  output: { text: template },
});

/**
 * The time limit of an expression or template evaluated in an isolate counts the CPU time of the
 * isolate's thread, not the wall clock: on a machine too busy to give the (niced) isolate threads
 * CPU, work that fits its limit still completes. The busiest machine there is: the server's process
 * stopped (SIGSTOP) for longer than the whole limit while both evaluate.
 */
describe('isolated expressions and templates on a machine that gives them no CPU for a while', () => {
  const server = stoppableServer({ ASSAY_EXPRESSION_TIMEOUT_MS: String(LIMIT_MS) });
  const start = async (definition: object) => {
    const created = await server.api('POST', '/v1/workflows', definition);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const started = await server.api('POST', `/v1/workflows/${created.body.data.id as string}/runs`, { input: {} });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    return started.body.data.id as string;
  };

  it('completes work that fits its limit even when the process is stopped for longer than the limit', async () => {
    // Both isolate threads started and their code loaded first (a limit counts from when the work
    // starts): two runs evaluating at once, each for about a quarter of a second.
    const warmUp = [
      await start(expressionWorkflow('Warm-up expression', BUSY_EXPRESSION.replace('240000', '60000'))),
      await start(templateWorkflow('Warm-up template', BUSY_TEMPLATE.replace('400000', '100000'))),
    ];
    for (const runId of warmUp) expect((await server.untilFinished(runId)).status).toBe('completed');

    const runs = [
      await start(expressionWorkflow('Busy expression', BUSY_EXPRESSION)),
      await start(templateWorkflow('Busy template', BUSY_TEMPLATE)),
    ];
    for (const runId of runs) await server.untilStarted(runId);
    // Both are evaluating in isolates (they need about 1 s of CPU each here), then nothing runs.
    await new Promise((resolve) => setTimeout(resolve, 250));
    await server.stopFor(LIMIT_MS + 500);

    const [expression, template] = [await server.untilFinished(runs[0] as string), await server.untilFinished(runs[1] as string)];
    expect(expression, JSON.stringify(expression.error)).toMatchObject({ status: 'completed', output: 24000 });
    expect(template, JSON.stringify(template.error)).toMatchObject({ status: 'completed', output: { text: 'done' } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { openSse } from '../support/sse';

describe('workflow.run and document.render over the API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** The run parked while its children ran: read from its event log afterwards, not caught by timing a poll. */
  const expectParked = async (runId: string) => {
    const log = await openSse(`${server.url}/v1/workflow-runs/${runId}/events`, server.headers);
    await log.ended;
    const types = log.messages.map((message) => message.event);
    expect(types).toContain('run.waiting');
    expect(types.indexOf('run.waiting')).toBeLessThan(types.indexOf('run.completed'));
  };

  it('runs a child workflow, parks the parent meanwhile, and links the two both ways', async () => {
    const child = await createWorkflow(server, {
      name: 'Child',
      inputs: { n: { type: 'number', required: true } },
      steps: [
        { id: 'pause', type: 'wait', with: { seconds: 0.5 } },
        { id: 'square', type: 'transform', needs: ['pause'], with: { expression: 'input.n * input.n' } },
      ],
    });
    const parent = await createWorkflow(server, {
      name: 'Parent',
      steps: [
        { id: 'call', type: 'workflow.run', with: { workflow: child, input: { n: 7 } } },
        { id: 'plus', type: 'transform', with: { expression: 'steps.call.output + 1' } },
      ],
    });
    const started = (await server.api('POST', `/v1/workflows/${parent}/runs`, {})).body.data;
    const done = await waitForRun(server, started.id);
    expect(done.status).toBe('completed');
    await expectParked(started.id);
    expect(done.output).toBe(50);
    const childRunId = done.steps[0].usage.childRunId;
    const childRun = (await server.api('GET', `/v1/workflow-runs/${childRunId}`)).body.data;
    expect(childRun).toMatchObject({ workflowId: child, parentRunId: started.id, trigger: 'workflow', output: 49 });
  });

  it("fails the parent's step with the child's error, and refuses to nest too deep", async () => {
    const broken = await createWorkflow(server, {
      name: 'Broken',
      steps: [{ id: 'boom', type: 'fail', with: { message: 'child says no' } }],
    });
    const parent = await createWorkflow(server, {
      name: 'Caller',
      steps: [{ id: 'call', type: 'workflow.run', with: { workflow: broken } }],
    });
    const failed = await waitForRun(server, (await server.api('POST', `/v1/workflows/${parent}/runs`, {})).body.data.id);
    expect(failed.status).toBe('failed');
    expect(failed.error.message).toMatch(/child run [0-9a-f]{24} failed: child says no/);

    const recursive = await createWorkflow(server, {
      name: 'Recursive',
      steps: [{ id: 'noop', type: 'transform', with: { expression: '1' } }],
    });
    await server.api('PUT', `/v1/workflows/${recursive}`, {
      name: 'Recursive',
      steps: [{ id: 'again', type: 'workflow.run', with: { workflow: recursive } }],
    });
    const deep = await waitForRun(server, (await server.api('POST', `/v1/workflows/${recursive}/runs`, {})).body.data.id, 30_000);
    expect(deep.status).toBe('failed');
    expect(deep.error.message).toContain('nest at most 5 deep');
  });

  it('maps over a workflow: one child run per item, at most `concurrency` at once, results in order, the parent parked meanwhile', async () => {
    const child = await createWorkflow(server, {
      name: 'Square later',
      inputs: { n: { type: 'number', required: true } },
      steps: [
        { id: 'pause', type: 'wait', with: { seconds: 0.3 } },
        { id: 'check', type: 'fail', needs: ['pause'], if: 'input.n = 4', with: { message: 'four is unlucky' } },
        { id: 'square', type: 'transform', needs: ['pause'], with: { expression: 'input.n * input.n' } },
      ],
    });
    const parent = await createWorkflow(server, {
      name: 'Fan out',
      steps: [{ id: 'each', type: 'map', with: { items: '[1..5].{ "n": $ }', workflow: child, concurrency: 2, onError: 'collect' } }],
    });
    const run = (await server.api('POST', `/v1/workflows/${parent}/runs`, {})).body.data;
    const done = await waitForRun(server, run.id, 30_000);
    expect(done.status).toBe('completed');
    await expectParked(run.id);
    expect(done.output).toEqual([1, 4, 9, { error: expect.stringContaining('four is unlucky') }, 25]);
    const children = (await server.api('GET', `/v1/workflows/${child}/runs?limit=100`)).body.data;
    expect(children).toHaveLength(5);
    expect(children.every((c: { parentRunId: string; trigger: string }) => c.parentRunId === run.id && c.trigger === 'workflow')).toBe(
      true,
    );
    // Never more than two children at once: each started after an earlier one finished.
    const spans: Array<{ start: number; end: number }> = children.map((c: { createdAt: string; completedAt: string }) => ({
      start: Date.parse(c.createdAt),
      end: Date.parse(c.completedAt),
    }));
    for (const { start } of spans) expect(spans.filter((s) => s.start <= start && s.end > start).length).toBeLessThanOrEqual(2);
  });

  it('renders a document to every format, lists the files on the run and serves them with type and filename', async () => {
    const wf = await createWorkflow(server, {
      name: 'Memo',
      inputs: { company: { type: 'string', required: true } },
      steps: [
        {
          id: 'memo',
          type: 'document.render',
          with: {
            name: 'memo',
            formats: ['md', 'html', 'pdf', 'docx'],
            template: '# {{ input.company }}\n\nA **short** memo.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
          },
        },
      ],
      output: { pdf: '{{ steps.memo.output.artifacts.pdf.url }}' },
    });
    const created = (await server.api('POST', `/v1/workflows/${wf}/runs`, { input: { company: 'Acme' } })).body.data;
    // Waited for by progress, not a fixed time: four renders on one busy core can take a while.
    const run = await waitForRun(server, created.id);
    expect(run.status).toBe('completed');
    expect(run.artifacts.map((a: { name: string }) => a.name).sort()).toEqual(['memo.docx', 'memo.html', 'memo.md', 'memo.pdf']);
    expect(run.output.pdf).toBe(`/v1/workflow-runs/${run.id}/artifacts/memo.pdf`);
    const pdf = await fetch(server.url + run.output.pdf, { headers: server.headers });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('filename="memo.pdf"');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const md = await fetch(`${server.url}/v1/workflow-runs/${run.id}/artifacts/memo.md`, { headers: server.headers });
    expect(await md.text()).toContain('# Acme');
    expect((await fetch(`${server.url}/v1/workflow-runs/${run.id}/artifacts/nope.txt`, { headers: server.headers })).status).toBe(404);
  });
});

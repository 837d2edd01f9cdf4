import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from '../support/assay-server';

const valid = {
  name: 'Screen',
  inputs: { name: { type: 'string', required: true } },
  steps: [
    { id: 'up', type: 'transform', with: { expression: '$uppercase(input.name)' } },
    { id: 'memo', type: 'document.render', needs: ['up'], with: { name: 'memo', formats: ['md'], template: '# {{ steps.up.output }}' } },
  ],
  output: { memo: '{{ steps.memo.output.markdown }}' },
};

/** `POST /v1/workflows/validate`: the checks of a save, as data an editor puts on nodes and fields. */
describe('POST /v1/workflows/validate', () => {
  let server: TestServer;
  const validate = async (definition: unknown) => {
    const answer = await server.api('POST', '/v1/workflows/validate', definition);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.data as { valid: boolean; errors: { path: string; message: string; stepId?: string }[] };
  };
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('accepts a valid definition', async () => {
    expect(await validate(valid)).toEqual({ valid: true, errors: [] });
  });

  it('reports an unknown step type on its step', async () => {
    const result = await validate({ ...valid, steps: [valid.steps[0], { id: 'x', type: 'nope.nothing', with: {} }] });
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual({ path: 'steps[1].type', message: expect.stringContaining('unknown step type'), stepId: 'x' });
  });

  it("names a bad config field of step 2 as steps[1].with.<field> with the step's id", async () => {
    const steps = [
      valid.steps[0],
      { id: 'memo', type: 'document.render', needs: ['up'], with: { name: 'memo', formats: ['md'], template: '# hi', title: 42 } },
    ];
    const result = await validate({ ...valid, steps });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([{ path: 'steps[1].with.title', message: expect.any(String), stepId: 'memo' }]);
  });

  it('reports a dependency cycle', async () => {
    const result = await validate({
      name: 'Loop',
      steps: [
        { id: 'a', type: 'transform', needs: ['b'], with: { expression: '1' } },
        { id: 'b', type: 'transform', needs: ['a'], with: { expression: '2' } },
      ],
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      path: expect.stringMatching(/^steps\[[01]\]\.needs$/),
      message: expect.stringContaining('cycle'),
    });
    expect(['a', 'b']).toContain(result.errors[0]?.stepId);
  });

  it('reports a bad template, a bad expression and unknown references at their fields', async () => {
    const result = await validate({
      ...valid,
      steps: [
        { id: 'up', type: 'transform', with: { expression: '$uppercase(' } },
        { id: 'memo', type: 'document.render', with: { name: 'memo', formats: ['md'], template: '# {% if %}' } },
        { id: 'ref', type: 'fail', with: { message: '{{ steps.ghost.output }}' } },
      ],
    });
    expect(result.valid).toBe(false);
    const paths = result.errors.map((e) => [e.path, e.stepId]);
    expect(paths).toContainEqual(['steps[0].with.expression', 'up']);
    expect(paths).toContainEqual(['steps[1].with.template', 'memo']);
    expect(paths).toContainEqual(['steps[2].with.message', 'ref']);
    expect(result.errors.find((e) => e.path === 'steps[2].with.message')?.message).toContain('ghost');
  });

  it('reports schema problems (missing name, unknown fields, bad step ids) as data, not a 400', async () => {
    const result = await validate({ steps: [{ id: 'bad id!', type: 'transform', with: { expression: '1' }, colour: 'red' }] });
    expect(result.valid).toBe(false);
    const paths = result.errors.map((e) => e.path);
    expect(paths).toContain('name');
    expect(paths).toContain('steps[0].colour');
    expect(paths).toContain('steps[0].id');
    // A step without a usable id still names its index.
    expect(result.errors.find((e) => e.path === 'steps[0].colour')?.stepId).toBe('bad id!');
  });

  it('gives the same errors a save gives', async () => {
    const broken = { ...valid, steps: [valid.steps[0], { id: 'x', type: 'wait', with: { seconds: -1 } }] };
    const saved = await server.api('POST', '/v1/workflows', broken);
    expect(saved.status).toBe(400);
    const result = await validate(broken);
    expect(result.errors.map(({ path, message }) => ({ path, message }))).toEqual(saved.body.details);
  });

  it('saves nothing', async () => {
    const before = (await server.api('GET', '/v1/workflows?archived=all&limit=1000')).body.data.length;
    await validate(valid);
    await validate({ ...valid, steps: [] });
    expect((await server.api('GET', '/v1/workflows?archived=all&limit=1000')).body.data.length).toBe(before);
    const audit = (await server.api('GET', '/v1/audit-log?action=workflow.created')).body.data;
    expect(audit).toEqual([]);
  });

  it('answers 400 to a body that is not a JSON object, and a read-only key may validate', async () => {
    expect((await server.api('POST', '/v1/workflows/validate', '{not json')).status).toBe(400);
    expect((await server.api('POST', '/v1/workflows/validate', [valid])).status).toBe(400);
    expect((await server.api('POST', '/v1/workflows/validate', '"text"')).status).toBe(400);
    expect((await server.api('POST', '/v1/workflows/validate')).status).toBe(400);
    const key = (await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' })).body.data;
    const answer = await request(
      server.url,
      'POST',
      '/v1/workflows/validate',
      { 'x-metal-client-id': key.clientId, 'x-metal-api-key': key.secret },
      valid,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data.valid).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from '../support/assay-server';

type Problem = { path: string; message: string; stepId?: string };

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
    return answer.body.data as { valid: boolean; errors: Problem[]; warnings: Problem[]; outputSchemas?: Record<string, unknown> };
  };
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('accepts a valid definition', async () => {
    expect(await validate(valid)).toMatchObject({ valid: true, errors: [], warnings: [] });
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

  it('refuses a name the scope does not hold (a typo, a half-typed name) at its field, with the closest name', async () => {
    const definition = {
      name: 'Typos',
      inputs: { companyId: { type: 'string', required: true } },
      steps: [
        { id: 'greet', type: 'fail', with: { message: 'Company {{ inptu.companyId }}' } },
        { id: 'half', type: 'fail', with: { message: '{{ in }}' } },
        { id: 'calc', type: 'transform', with: { expression: 'inptu.x' } },
      ],
    };
    const result = await validate(definition);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      { path: 'steps[0].with.message', message: 'unknown variable "inptu" (did you mean "input"?)', stepId: 'greet' },
      { path: 'steps[1].with.message', message: 'unknown variable "in" (did you mean "input"?)', stepId: 'half' },
      { path: 'steps[2].with.expression', message: 'unknown variable "inptu" (did you mean "input"?)', stepId: 'calc' },
    ]);
    const saved = await server.api('POST', '/v1/workflows', definition);
    expect(saved.status).toBe(400);
    expect(saved.body.code).toBe('invalid_input');
    expect(saved.body.details).toContainEqual({
      path: 'steps[0].with.message',
      message: 'unknown variable "inptu" (did you mean "input"?)',
    });
    // A new version is refused the same way.
    const created = await server.api('POST', '/v1/workflows', { ...valid, name: 'Versioned' });
    expect(created.status).toBe(201);
    const version = await server.api('PUT', `/v1/workflows/${created.body.data.id}`, definition);
    expect(version.status).toBe(400);
    expect(version.body.details.map((d: Problem) => d.path)).toContain('steps[1].with.message');
  });

  it("accepts the names templates and expressions make their own, a map's item and an agent tool's args", async () => {
    const result = await validate({
      name: 'Own names',
      inputs: { a: { type: 'string' }, xs: { type: 'array' } },
      steps: [
        { id: 'rows', type: 'transform', with: { expression: '[{ "name": "x", "price": 12 }]' } },
        {
          id: 'text',
          type: 'fail',
          needs: ['rows'],
          with: {
            message:
              '{% for r in steps.rows.output %}{{ r.name }}{{ forloop.index }}{% endfor %}{% assign x = input.a %}{{ x }}{% capture c %}{{ run.id }}{% endcapture %}{{ c }} {{ workflow.name }} {{ assay.ai.defaultModel }}',
          },
        },
        { id: 'pick', type: 'transform', with: { expression: 'steps.rows.output[price > 10].name' } },
        { id: 'each', type: 'transform', with: { expression: '$map(input.xs, function($v){ $v.a })' } },
        {
          id: 'loop',
          type: 'map',
          with: {
            items: 'input.xs',
            steps: [
              { id: 'one', type: 'transform', if: 'item.ok', with: { expression: '{ "i": index, "name": item.name }' } },
              { id: 'two', type: 'fail', with: { message: '{{ item.name }} #{{ index }} {{ steps.one.output.i }}' } },
            ],
          },
        },
        {
          id: 'agent',
          type: 'ai.agent',
          with: {
            model: 'openai:gpt-4o-mini',
            prompt: 'Find {{ input.a }}',
            tools: [
              {
                name: 'lookup',
                description: 'Looks something up',
                parameters: { type: 'object', properties: { q: { type: 'string' } } },
                step: { type: 'transform', with: { expression: 'args.q & input.a' } },
              },
            ],
          },
        },
      ],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // The same names outside their sub-graphs are refused.
    const outside = await validate({
      name: 'Outside',
      steps: [{ id: 'x', type: 'fail', with: { message: '{{ item.name }} {{ args.q }}' } }],
    });
    expect(outside.errors.map((e) => e.message)).toEqual(['unknown variable "item"', 'unknown variable "args"']);
  });

  it("warns (and saves) about a field a step type's output or a dataset's row cannot have", async () => {
    const dataset = await server.api('POST', '/v1/datasets', {
      name: 'firms',
      keys: ['id'],
      rows: [{ id: 'f1', name: 'Acme', revenue: 12 }],
    });
    expect(dataset.status).toBe(201);
    const definition = {
      name: 'Lookups',
      inputs: { id: { type: 'string', required: true } },
      steps: [
        { id: 'lookup', type: 'dataset.lookup', with: { dataset: 'firms', where: { id: '{{ input.id }}' } } },
        {
          id: 'memo',
          type: 'document.render',
          with: { name: 'memo', formats: ['md'], template: '# {{ steps.lookup.output.row.nme }} ({{ steps.lookup.output.rowz }})' },
        },
        { id: 'sum', type: 'transform', with: { expression: '$sum(steps.lookup.output.rows.revenue) + $count(input.id.chars)' } },
      ],
      output: { markdown: '{{ steps.memo.output.markdown }}', md: '{{ steps.memo.output.md }}' },
    };
    const result = await validate(definition);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      { path: 'steps[1].with.template', message: 'steps.lookup.output.row has no field "nme" (it has: id, name, revenue)', stepId: 'memo' },
      { path: 'steps[1].with.template', message: 'steps.lookup.output has no field "rowz" (it has: row, rows, count)', stepId: 'memo' },
      { path: 'steps[2].with.expression', message: 'input.id is a string: it has no field "chars"', stepId: 'sum' },
      { path: 'output.md', message: 'steps.memo.output has no field "md" (it has: markdown, artifacts)' },
    ]);
    // What the editor suggests from, for steps that have not run yet: each known output's JSON Schema.
    const row = { type: 'object', properties: { id: {}, name: {}, revenue: {} } };
    expect(result.outputSchemas).toEqual({
      lookup: { type: 'object', properties: { row, rows: { type: 'array', items: row }, count: { type: 'number' } } },
      memo: { type: 'object', properties: { markdown: { type: 'string' }, artifacts: {} } },
    });
    const saved = await server.api('POST', '/v1/workflows', definition);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  });

  it('warns about no column of a dataset it cannot find, or whose name is a template', async () => {
    const result = await validate({
      name: 'Unknown dataset',
      inputs: { which: { type: 'string' } },
      steps: [
        { id: 'a', type: 'dataset.lookup', with: { dataset: 'nowhere' } },
        { id: 'b', type: 'dataset.lookup', with: { dataset: '{{ input.which }}' } },
        { id: 'c', type: 'fail', with: { message: '{{ steps.a.output.row.anything }} {{ steps.b.output.rows[0].anything }}' } },
      ],
    });
    expect(result).toMatchObject({ valid: true, errors: [], warnings: [] });
  });

  it('finds no error and no warning in the seeded demo workflows', async () => {
    const demo = await startTestServer({ ASSAY_DEMO: 'true' });
    try {
      const listed = await demo.api('GET', '/v1/workflows?limit=100');
      expect(listed.status).toBe(200);
      const workflows = listed.body.data as Array<{ id: string; name: string }>;
      expect(workflows.length).toBeGreaterThanOrEqual(3);
      for (const workflow of workflows) {
        const definition = (await demo.api('GET', `/v1/workflows/${workflow.id}`)).body.data.definition;
        const answer = await demo.api('POST', '/v1/workflows/validate', definition);
        const { valid, errors, warnings } = answer.body.data;
        expect({ name: workflow.name, valid, errors, warnings }).toEqual({ name: workflow.name, valid: true, errors: [], warnings: [] });
      }
    } finally {
      await demo.close();
    }
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

/**
 * Property: whatever a client sends to a write endpoint — any JSON, no JSON, near-valid definitions,
 * odd content types, query strings and path ids — the answer is never a 5xx, and every error is the
 * JSON envelope with a string `error`.
 */
const RUNS_PER_ENDPOINT = 200;

// ---- bodies --------------------------------------------------------------------------------------

/** Fragments that reach the template, JSONata and reference checks. */
const snippet = fc.constantFrom(
  '{{ steps.a.output }}',
  '{{ input.n }}',
  '{{ input.ghost }}',
  '{{ steps.zz.output | json }}',
  '{% if %}',
  '{% for x in steps %}{{ x }}{% endfor %}',
  '{{',
  '}}',
  '1 +',
  '$sum(',
  'steps.a.output',
  'input.n * 2',
  '$uppercase(input.n)',
  '($',
  '"unterminated',
  '`weird key`',
  '\\u0000',
  '',
);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  snippet,
  fc.array(snippet, { maxLength: 4 }).map((parts) => parts.join(' ')),
);
/** Valid URLs that can never reach a real host, in case callbacks are ever delivered (the 127.0.0.1 one is refused by the outbound guard). */
const safeUrl = fc.oneof(
  fc.constantFrom('http://127.0.0.1:9/callback', 'https://example.invalid/hook'),
  fc.webPath().map((p) => `https://callback.invalid${p}`),
);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const configValue = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
);
const stepId = fc.oneof(fc.constantFrom('a', 'b', 'c', 'a b', '', 'x'.repeat(70)), fc.string({ maxLength: 10 }));
const stepType = fc.oneof(
  fc.constantFrom('transform', 'condition', 'wait', 'fail', 'map', 'workflow.run', 'dataset.lookup', 'document.render'),
  fc.string({ maxLength: 12 }),
);

/** Steps shaped like the real thing with random values, so generation gets deep into validation. */
const innerStep = fc.record(
  {
    id: stepId,
    type: stepType,
    with: fc.dictionary(fc.constantFrom('expression', 'seconds', 'until', 'message', 'items'), configValue, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);
const stepLike = fc.record(
  {
    id: stepId,
    type: stepType,
    with: fc.oneof(
      fc.anything(),
      fc.dictionary(
        fc.constantFrom(
          'expression',
          'seconds',
          'until',
          'message',
          'items',
          'concurrency',
          'onError',
          'workflow',
          'input',
          'dataset',
          'where',
          'color',
        ),
        configValue,
        { maxKeys: 4 },
      ),
      fc.record({ items: text, steps: fc.oneof(fc.anything(), fc.array(innerStep, { maxLength: 3 })) }, { requiredKeys: [] }),
    ),
    needs: fc.oneof(fc.anything(), fc.array(fc.constantFrom('a', 'b', 'c', 'zz', ''), { maxLength: 3 })),
    if: fc.oneof(text, fc.anything()),
    retry: fc.oneof(
      fc.anything(),
      fc.record(
        {
          maxAttempts: fc.integer({ min: -2, max: 60 }),
          backoff: fc.constantFrom('fixed', 'exponential', 'random'),
          initialDelayMs: fc.integer(),
        },
        { requiredKeys: [] },
      ),
    ),
    timeoutMs: fc.oneof(fc.integer(), fc.double(), fc.anything()),
    label: fc.oneof(text, fc.anything()),
    position: fc.oneof(fc.anything(), fc.record({ x: fc.double(), y: fc.double() })),
  },
  { requiredKeys: [] },
);
const inputField = fc.record(
  {
    type: fc.oneof(fc.constantFrom('string', 'number', 'integer', 'boolean', 'object', 'array'), fc.string({ maxLength: 8 })),
    required: fc.oneof(fc.boolean(), fc.anything()),
    default: fc.anything(),
    enum: fc.oneof(fc.array(fc.oneof(fc.string(), fc.integer())), fc.anything()),
  },
  { requiredKeys: [] },
);
const definitionLike = fc.record(
  {
    name: fc.oneof(text, fc.anything()),
    description: fc.oneof(text, fc.anything()),
    inputs: fc.oneof(
      fc.anything(),
      fc.dictionary(
        fc.oneof(fc.constantFrom('n', 'companyId', '__proto__', 'constructor', 'a b'), fc.string({ maxLength: 8 })),
        fc.oneof(inputField, fc.anything()),
        { maxKeys: 3 },
      ),
    ),
    steps: fc.oneof(fc.anything(), fc.array(stepLike, { maxLength: 4 })),
    output: fc.oneof(fc.anything(), fc.dictionary(fc.string({ maxLength: 6 }), text, { maxKeys: 3 })),
    timeoutMs: fc.oneof(fc.integer(), fc.anything()),
  },
  { requiredKeys: [] },
);
/** Bodies shaped like the other write endpoints' (run, restore, key). */
const requestLike = fc.record(
  {
    input: fc.oneof(
      fc.anything(),
      fc.dictionary(fc.constantFrom('n', 'companyId', 'ghost', '__proto__', 'constructor'), fc.anything(), { maxKeys: 3 }),
    ),
    idempotencyKey: fc.oneof(fc.string(), fc.anything()),
    callbackUrl: fc.oneof(safeUrl, fc.string(), fc.anything()),
    priority: fc.oneof(fc.integer({ min: -200, max: 200 }), fc.anything()),
    version: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.anything()),
    name: fc.oneof(fc.string(), fc.anything()),
    scope: fc.oneof(fc.constantFrom('read', 'run', 'admin', 'root'), fc.anything()),
    bogus: fc.anything(),
  },
  { requiredKeys: [] },
);
/** JSON nested far deeper than any real document. */
const deeplyNested = fc.tuple(fc.integer({ min: 100, max: 6000 }), fc.boolean()).map(([depth, asRun]) => {
  const deep = '['.repeat(depth) + ']'.repeat(depth);
  return asRun
    ? `{"input":{"o":{"x":${deep}}}}`
    : `{"name":"x","steps":[{"id":"a","type":"fail","with":{"message":"m"}}],"output":{"x":${deep}}}`;
});

/** A valid definition with up to two fields replaced or removed: mostly valid, wrong in one place. */
const validDefinition = {
  name: 'Fuzzed',
  inputs: { n: { type: 'number' } },
  steps: [
    { id: 'a', type: 'transform', with: { expression: 'input.n' } },
    { id: 'b', type: 'condition', needs: ['a'], with: { expression: 'steps.a.output > 1' } },
    { id: 'c', type: 'wait', if: 'steps.b.output.result', with: { seconds: 0 } },
  ],
  output: { n: '{{ steps.a.output }}' },
};
const definitionPaths: Array<Array<string | number>> = [
  ['name'],
  ['description'],
  ['timeoutMs'],
  ['inputs'],
  ['inputs', 'n'],
  ['inputs', 'n', 'type'],
  ['inputs', 'n', 'required'],
  ['inputs', 'n', 'default'],
  ['inputs', 'n', 'enum'],
  ['inputs', 'x'],
  ['steps'],
  ['steps', 0],
  ['steps', 3],
  ['steps', 0, 'id'],
  ['steps', 0, 'type'],
  ['steps', 0, 'with'],
  ['steps', 0, 'with', 'expression'],
  ['steps', 0, 'retry'],
  ['steps', 0, 'timeoutMs'],
  ['steps', 1, 'id'],
  ['steps', 1, 'needs'],
  ['steps', 1, 'needs', 0],
  ['steps', 1, 'needs', 1],
  ['steps', 1, 'with', 'expression'],
  ['steps', 2, 'if'],
  ['steps', 2, 'with', 'seconds'],
  ['steps', 2, 'with', 'until'],
  ['steps', 2, 'type'],
  ['output'],
  ['output', 'n'],
  ['output', 'extra'],
];
const replacement = fc.oneof(
  text,
  scalar,
  fc.anything(),
  fc.constantFrom(
    'a',
    'b',
    'c',
    'transform',
    'fail',
    'map',
    '{{ input.n }}',
    'input.n',
    5,
    -1,
    0,
    [],
    {},
    ['a'],
    ['c'],
    { message: 'm' },
    '2030-01-01T00:00:00Z',
  ),
);
function withChanges<T>(base: T, changes: Array<[Array<string | number>, unknown, boolean]>): T {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  for (const [path, value, remove] of changes) {
    let node = copy;
    for (const key of path.slice(0, -1)) {
      if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof key === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
    const last = path[path.length - 1] as string | number;
    if (remove) delete node[last];
    else node[last] = value;
  }
  return copy as T;
}
const nearValidDefinition = fc
  .array(fc.tuple(fc.constantFrom(...definitionPaths), replacement, fc.boolean()), { maxLength: 2 })
  .map((changes) => JSON.stringify(withChanges(validDefinition, changes)));
const nearValidRun = fc
  .record(
    {
      input: fc.oneof(
        fc.record(
          { n: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), scalar), o: fc.oneof(fc.object(), scalar) },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
      idempotencyKey: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 300 })),
      priority: fc.integer({ min: -120, max: 120 }),
      callbackUrl: fc.oneof(safeUrl, safeUrl, fc.string()),
    },
    { requiredKeys: ['input'] },
  )
  .map((value) => JSON.stringify(value));
const nearValidRestore = fc.oneof(fc.integer({ min: -1, max: 8 }), fc.double(), scalar).map((version) => JSON.stringify({ version }));
const nearValidKey = fc
  .record(
    {
      name: fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 190, maxLength: 210 }), scalar),
      scope: fc.oneof(fc.constantFrom('read', 'run', 'admin'), scalar),
    },
    { requiredKeys: ['name'] },
  )
  .map((value) => JSON.stringify(value));
const nearValidTrigger = fc
  .record(
    {
      enabled: fc.oneof(fc.boolean(), scalar),
      verification: fc.oneof(fc.constantFrom('signature', 'secret-header', 'none'), scalar),
      callbackUrl: fc.oneof(safeUrl, fc.constant(null), scalar),
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));
const nearValidWebhook = fc
  .oneof(fc.record({ n: fc.oneof(fc.integer(), scalar) }, { requiredKeys: [] }), fc.object())
  .map((value) => JSON.stringify(value));
const nearValidBatch = fc
  .record(
    {
      inputs: fc.oneof(
        fc.array(
          fc.oneof(fc.record({ n: fc.oneof(fc.integer(), scalar), o: fc.oneof(fc.object(), scalar) }, { requiredKeys: [] }), fc.anything()),
          { maxLength: 5 },
        ),
        fc.anything(),
      ),
      datasetId: fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), scalar),
      mapping: fc.oneof(fc.dictionary(fc.constantFrom('n', 'o', 'ghost'), fc.string({ maxLength: 6 }), { maxKeys: 2 }), fc.anything()),
      concurrency: fc.oneof(fc.integer({ min: -2, max: 2000 }), scalar),
      priority: fc.oneof(fc.integer({ min: -200, max: 200 }), scalar),
      skipInvalid: fc.oneof(fc.boolean(), scalar),
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));
const nearValidSchedule = fc
  .record(
    {
      cron: fc.oneof(
        fc.constantFrom('0 9 * * *', '*/5 * * * *', '0 0 30 2 *', '61 * * * *', '@daily', '* * * * * * *', ''),
        fc.string({ maxLength: 20 }),
        scalar,
      ),
      timezone: fc.oneof(fc.constantFrom('UTC', 'America/New_York', 'Mars/Olympus', 'utc', ''), scalar),
      input: fc.oneof(fc.record({ n: fc.oneof(fc.integer(), scalar) }, { requiredKeys: [] }), fc.anything()),
      missed: fc.oneof(fc.constantFrom('run_once', 'skip', 'all'), scalar),
      enabled: fc.oneof(fc.boolean(), scalar),
      name: fc.oneof(fc.string({ maxLength: 30 }), scalar),
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));
const nearValidEndpoint = fc
  .record(
    {
      url: fc.oneof(safeUrl, fc.constantFrom('ftp://x', 'not a url', 'http://169.254.169.254/latest'), scalar),
      events: fc.oneof(
        fc.array(fc.constantFrom('run.completed', 'run.failed', 'run.cancelled', 'batch.completed', 'step.started', 'nope'), {
          maxLength: 4,
        }),
        fc.anything(),
      ),
      workflowId: fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), scalar),
      description: fc.oneof(fc.string({ maxLength: 40 }), scalar),
      enabled: fc.oneof(fc.boolean(), scalar),
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));
const nearValid = {
  definition: nearValidDefinition,
  run: nearValidRun,
  restore: nearValidRestore,
  key: nearValidKey,
  trigger: nearValidTrigger,
  webhook: nearValidWebhook,
  batch: nearValidBatch,
  schedule: nearValidSchedule,
  endpoint: nearValidEndpoint,
  none: fc.constant(''),
};

const body = fc.oneof(
  fc.anything().map((value) => JSON.stringify(value) ?? 'null'),
  fc.json(),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '{', '{"input": ', '[', 'null', 'true', '{"a":1}{"b":2}', '\u0000', '{"input":{}}'),
  definitionLike.map((value) => JSON.stringify(value)),
  requestLike.map((value) => JSON.stringify(value)),
  deeplyNested,
);

// ---- everything else a request carries -------------------------------------------------------

const queryValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -10, max: 10_000 }).map(String),
  fc.constantFrom('0', '1', '60', '61', '1e400', 'NaN', '-0', '0x10', 'completed,failed', 'asc', ''),
);
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom('wait', 'limit', 'lt', 'page', 'status', 'direction', 'sort', 'concurrency', 'priority', 'skipInvalid', 'bogus'),
      queryValue,
    ),
    { maxLength: 3 },
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`));
const contentType = fc.oneof(
  { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8'), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      'application/vnd.api+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'text/csv',
      '',
    ),
    weight: 1,
  },
);
const randomId = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{24}$/),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('0123456789ABCDEF01234567', '..', '%00', '0'.repeat(24)),
);

/** One raw request; the answer's status and its body parsed as JSON (or the parse failure). */
async function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  payload: string,
): Promise<{ status: number; text: string; json: unknown; parseError: unknown }> {
  const response = await fetch(url, { method, headers, body: method === 'GET' ? undefined : payload });
  const text = await response.text();
  try {
    return { status: response.status, text, json: JSON.parse(text), parseError: null };
  } catch (error) {
    return { status: response.status, text, json: undefined, parseError: error };
  }
}

describe('property: generated requests at every write endpoint never yield a 5xx', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ ASSAY_RATE_LIMIT: '0' });
    // Runs target a workflow the fuzz never edits, so `?wait=N` always finds a quick run.
    ids.runTarget = await createWorkflow(server, {
      name: 'Run target',
      inputs: { n: { type: 'number' }, o: { type: 'object' } },
      steps: [{ id: 'a', type: 'transform', with: { expression: 'input.n' } }],
    });
    ids.editable = await createWorkflow(server, {
      name: 'Editable',
      inputs: { n: { type: 'number' } },
      steps: [{ id: 'a', type: 'transform', with: { expression: 'input.n' } }],
    });
    ids.archivable = await createWorkflow(server, {
      name: 'Archivable',
      steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
    });
    ids.completedRun = (await server.api('POST', `/v1/workflows/${ids.runTarget}/runs?wait=10`, { input: { n: 1 } })).body.data.id;
    const failing = await createWorkflow(server, { name: 'Failing', steps: [{ id: 'a', type: 'fail', with: { message: 'no' } }] });
    ids.failedRun = (await server.api('POST', `/v1/workflows/${failing}/runs?wait=10`, {})).body.data.id;
    ids.key = (await server.api('POST', '/v1/keys', { name: 'fuzz target', scope: 'read' })).body.data.id;
    ids.triggerTarget = await createWorkflow(server, {
      name: 'Trigger target',
      steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
    });
    await server.api('PUT', `/v1/workflows/${ids.triggerTarget}/trigger`, { verification: 'signature' });
    // The webhook target's trigger is never reconfigured by the fuzz, so its slug keeps answering.
    const hooked = await createWorkflow(server, {
      name: 'Webhook target',
      inputs: { n: { type: 'number' } },
      steps: [{ id: 'a', type: 'transform', with: { expression: 'input.n' } }],
    });
    ids.slug = (await server.api('PUT', `/v1/workflows/${hooked}/trigger`, { verification: 'none' })).body.data.slug;
    ids.batch = (await server.api('POST', `/v1/workflows/${failing}/batches`, { inputs: [{}, {}] })).body.data.id;
    ids.schedule = (
      await server.api('POST', `/v1/workflows/${ids.runTarget}/schedules`, { cron: '0 0 1 1 *', input: { n: 1 } })
    ).body.data.id;
    ids.endpoint = (
      await server.api('POST', '/v1/event-endpoints', { url: 'https://example.invalid/hook', events: ['run.completed'] })
    ).body.data.id;
  });
  afterAll(() => server.close());

  /** Each endpoint with the id it targets (a real one, a random hex one or a random string). */
  const endpoints: Array<[method: string, template: string, shape: keyof typeof nearValid, realId?: string]> = [
    ['POST', '/v1/workflows', 'definition'],
    ['PUT', '/v1/workflows/{id}', 'definition', 'editable'],
    ['POST', '/v1/workflows/{id}/versions/restore', 'restore', 'editable'],
    ['POST', '/v1/workflows/{id}/runs', 'run', 'runTarget'],
    ['POST', '/v1/workflow-runs/{id}/retry', 'none', 'failedRun'],
    ['POST', '/v1/workflow-runs/{id}/rerun', 'none', 'completedRun'],
    ['POST', '/v1/workflow-runs/{id}/cancel', 'none', 'completedRun'],
    ['POST', '/v1/keys', 'key'],
    ['DELETE', '/v1/keys/{id}', 'none', 'key'],
    ['DELETE', '/v1/workflows/{id}', 'none', 'archivable'],
    ['PUT', '/v1/workflows/{id}/trigger', 'trigger', 'triggerTarget'],
    ['POST', '/v1/workflows/{id}/trigger/webhook-secret/rotate', 'none', 'triggerTarget'],
    ['POST', '/webhooks/workflows/{id}', 'webhook', 'slug'],
    ['POST', '/v1/workflows/{id}/batches', 'batch', 'runTarget'],
    ['POST', '/v1/batches/{id}/retry-failed', 'none', 'batch'],
    ['POST', '/v1/batches/{id}/cancel', 'none', 'batch'],
    ['POST', '/v1/workflows/{id}/schedules', 'schedule', 'runTarget'],
    ['PATCH', '/v1/schedules/{id}', 'schedule', 'schedule'],
    ['DELETE', '/v1/schedules/{id}', 'none', 'schedule'],
    ['POST', '/v1/event-endpoints', 'endpoint'],
    ['PATCH', '/v1/event-endpoints/{id}', 'endpoint', 'endpoint'],
    ['POST', '/v1/event-endpoints/{id}/secret/rotate', 'none', 'endpoint'],
    ['DELETE', '/v1/event-endpoints/{id}', 'none', 'endpoint'],
    ['POST', '/v1/callbacks/secret/rotate', 'none'],
  ];

  for (const [method, template, shape, realId] of endpoints) {
    it(`${method} ${template} answers every generated request below 500, with a JSON error envelope on 4xx`, async () => {
      const pathId = realId ? fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: randomId, weight: 2 }) : fc.constant(null);
      await fc.assert(
        fc.asyncProperty(fc.oneof(body, nearValid[shape]), query, contentType, pathId, async (payload, q, type, id) => {
          const target = template.replace('{id}', id === null ? (ids[realId ?? ''] ?? '') : encodeURIComponent(id) || 'x') + q;
          const headers: Record<string, string> = { ...server.headers };
          if (type) headers['content-type'] = type;
          const answer = await send(server.url + target, method, headers, payload);
          const context = `${method} ${target} [${type}] ${payload.slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`;
          expect(answer.status, context).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(answer.parseError, context).toBeNull();
            expect(typeof (answer.json as { error?: unknown })?.error, context).toBe('string');
            const details = (answer.json as { details?: unknown }).details;
            if (details !== undefined) {
              expect(Array.isArray(details), context).toBe(true);
              for (const detail of details as Array<{ path: unknown; message: unknown }>) {
                expect(typeof detail.path, context).toBe('string');
                expect(typeof detail.message, context).toBe('string');
              }
            }
          }
        }),
        { numRuns: RUNS_PER_ENDPOINT },
      );
    });
  }

  it('still answers /healthz and still creates and completes a real run afterwards', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const workflow = await createWorkflow(server, {
      name: 'After the storm',
      inputs: { who: { type: 'string', required: true } },
      steps: [{ id: 'a', type: 'transform', with: { expression: '"alive: " & input.who' } }],
      output: { said: '{{ steps.a.output }}' },
    });
    const created = await server.api('POST', `/v1/workflows/${workflow}/runs`, { input: { who: 'me' } });
    expect(created.status).toBe(201);
    const run = await waitForRun(server, created.body.data.id);
    expect(run).toMatchObject({ status: 'completed', output: { said: 'alive: me' } });
    const target = await server.api('POST', `/v1/workflows/${ids.runTarget}/runs?wait=10`, { input: { n: 41 } });
    expect(target.body.data).toMatchObject({ status: 'completed', output: 41 });
  });
});

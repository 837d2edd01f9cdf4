import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { createOtherWorkspace } from '../support/other-workspace';

/** A workflow that shows what it was given: its input and the whole request as `trigger.*`. */
const echoing = (inputs: Record<string, unknown>, output: Record<string, string> = {}) => ({
  name: 'Echo the webhook',
  inputs,
  steps: [
    {
      id: 'seen',
      type: 'transform',
      with: { expression: '{ "input": input, "body": trigger.body, "headers": trigger.headers, "query": trigger.query }' },
    },
  ],
  output: { seen: '{{ steps.seen.output }}', ...output },
});

/** A Pipedrive-style "deal added" webhook: the deal and its organisation, nested, with the sender's metadata. */
const DEAL_ADDED = {
  v: 1,
  event: 'added.deal',
  meta: { action: 'added', object: 'deal', id: 1042, company_id: 7781, timestamp: 1733222400 },
  current: { id: 1042, title: 'Acme expansion', org_id: 55, org_name: 'Acme GmbH', value: 125000, currency: 'EUR' },
  previous: null,
};

/** A HubSpot-style batch of subscription events: a JSON array. */
const HUBSPOT_EVENTS = [
  { eventId: 100, subscriptionId: 2, portalId: 62515, occurredAt: 1733222400000, subscriptionType: 'deal.creation', objectId: 1042 },
  { eventId: 101, subscriptionId: 2, portalId: 62515, occurredAt: 1733222400500, subscriptionType: 'deal.creation', objectId: 1043 },
];

/** An Amazon S3 event notification: an object landed in a bucket. */
const S3_OBJECT_CREATED = {
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-central-1',
      eventTime: '2026-12-03T10:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'filings', arn: 'arn:aws:s3:::filings' },
        object: { key: 'acme/2025-annual-report.pdf', size: 48213, eTag: '0123456789abcdef' },
      },
    },
  ],
};

/**
 * Webhook payloads as other systems send them: a CRM's nested deal, an array of events, a storage
 * notification and a form post — each signed with the Standard Webhooks library and mapped to the
 * workflow's inputs; without a mapping the declared fields are taken and others ignored (or, strict,
 * refused); steps read the whole request as `trigger.body`, `trigger.headers` (no secrets) and
 * `trigger.query`.
 */
describe('webhook payloads', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  /** A workflow with a signed trigger of these settings: its slug and secret. */
  async function trigger(inputs: Record<string, unknown>, settings: Record<string, unknown> = {}, output: Record<string, string> = {}) {
    const workflowId = await createWorkflow(server, echoing(inputs, output));
    const put = await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { verification: 'signature', ...settings });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    return { workflowId, slug: put.body.data.slug as string, secret: put.body.data.secret as string };
  }

  /** Sends `body` as the sender would: signed over the raw bytes, with its own content type. */
  async function send(
    hook: { slug: string; secret: string },
    body: string,
    contentType: string,
    query = '',
    headers: Record<string, string> = {},
  ) {
    const id = `msg_${Math.random().toString(36).slice(2)}`;
    const at = new Date();
    const signed = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(hook.secret).sign(id, at, body),
    };
    return request(
      server.url,
      'POST',
      `/webhooks/workflows/${hook.slug}${query}`,
      { 'content-type': contentType, ...signed, ...headers },
      body,
    );
  }

  async function finished(answer: { status: number; body: any }): Promise<any> {
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    const run = await waitForRun(server, answer.body.data.id);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    return run;
  }

  it('maps a CRM deal webhook (nested, with fields the workflow does not declare) to its inputs', async () => {
    const hook = await trigger(
      { company: { type: 'string', required: true }, dealValue: { type: 'number' } },
      { inputMapping: '{ "company": body.current.org_name, "dealValue": body.current.value }' },
      { note: 'deal {{ trigger.body.current.title }} from {{ trigger.query.source }}' },
    );
    const run = await finished(await send(hook, JSON.stringify(DEAL_ADDED), 'application/json', '?source=pipedrive'));
    expect(run.input).toEqual({ company: 'Acme GmbH', dealValue: 125000 });
    expect(run.output.seen.body).toEqual(DEAL_ADDED);
    expect(run.output.seen.query).toEqual({ source: 'pipedrive' });
    expect(run.output.note).toBe('deal Acme expansion from pipedrive');
    // A rerun reads the same request.
    const rerun = await server.api('POST', `/v1/workflow-runs/${run.id}/rerun`, {});
    expect(rerun.status, JSON.stringify(rerun.body)).toBeLessThan(300);
    expect((await waitForRun(server, rerun.body.data.id)).output.note).toBe('deal Acme expansion from pipedrive');
  });

  it('takes a JSON array of events, mapped, and keeps the whole array for the steps', async () => {
    const hook = await trigger({ dealIds: { type: 'array', required: true } }, { inputMapping: '{ "dealIds": [body.$string(objectId)] }' });
    const run = await finished(await send(hook, JSON.stringify(HUBSPOT_EVENTS), 'application/json'));
    expect(run.input).toEqual({ dealIds: ['1042', '1043'] });
    expect(run.output.seen.body).toEqual(HUBSPOT_EVENTS);
  });

  it('maps a storage "object created" notification', async () => {
    const hook = await trigger(
      { bucket: { type: 'string', required: true }, key: { type: 'string', required: true }, bytes: { type: 'integer' } },
      { inputMapping: '( $o := body.Records[0].s3; { "bucket": $o.bucket.name, "key": $o.object.key, "bytes": $o.object.size } )' },
    );
    const run = await finished(await send(hook, JSON.stringify(S3_OBJECT_CREATED), 'application/json'));
    expect(run.input).toEqual({ bucket: 'filings', key: 'acme/2025-annual-report.pdf', bytes: 48213 });
  });

  it('takes a form post: declared fields become the input, the rest stays readable as trigger.body', async () => {
    const hook = await trigger({ company: { type: 'string', required: true }, email: { type: 'string' } });
    const form = 'company=Acme+GmbH&email=ana%40acme.example&interests=pricing&interests=api&utm_source=newsletter';
    const run = await finished(await send(hook, form, 'application/x-www-form-urlencoded'));
    expect(run.input).toEqual({ company: 'Acme GmbH', email: 'ana@acme.example' });
    expect(run.output.seen.body).toEqual({
      company: 'Acme GmbH',
      email: 'ana@acme.example',
      interests: ['pricing', 'api'],
      utm_source: 'newsletter',
    });
    // Mapped, too.
    const mapped = await trigger(
      { company: { type: 'string', required: true } },
      { inputMapping: '{ "company": $uppercase(body.company) }' },
    );
    expect((await finished(await send(mapped, form, 'application/x-www-form-urlencoded'))).input).toEqual({ company: 'ACME GMBH' });
  });

  it('ignores undeclared body fields by default, and refuses them when the trigger is strict', async () => {
    const lenient = await trigger({ companyId: { type: 'string', required: true } });
    const body = JSON.stringify({ companyId: 'c-1', event: 'deal.created', deal: { id: 7 } });
    expect((await finished(await send(lenient, body, 'application/json'))).input).toEqual({ companyId: 'c-1' });

    const strict = await trigger({ companyId: { type: 'string', required: true } }, { strict: true });
    const refused = await send(strict, body, 'application/json');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('input.event: is not an input of this workflow');
    const notAnObject = await send(strict, '[1, 2]', 'application/json');
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.details).toEqual([{ path: '(body)', message: 'must be a JSON object' }]);
    // Lenient, a required input the body lacks is still named.
    const missing = await send(lenient, '{"other": 1}', 'application/json');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('input.companyId: required string is missing');
  });

  it('shows steps the request headers without any that could carry a secret', async () => {
    const hook = await trigger({});
    const run = await finished(
      await send(hook, '{}', 'application/json', '?wait=0&x=1', {
        'x-request-source': 'crm-eu',
        authorization: 'Bearer sk-live-should-not-leak',
        'x-webhook-secret': 'whsec_should_not_leak',
        'x-hub-signature-256': 'sha256=should-not-leak',
        'x-api-key': 'key-should-not-leak',
        cookie: 'session=should-not-leak',
      }),
    );
    const { headers, query } = run.output.seen;
    expect(headers['x-request-source']).toBe('crm-eu');
    expect(headers['content-type']).toBe('application/json');
    expect(query).toEqual({ x: '1' });
    expect(headers['webhook-id']).toMatch(/^msg_/); // the sender's message id is no secret (it deduplicates)
    expect(JSON.stringify(run)).not.toMatch(/should-not-leak|webhook-signature/);
  });

  it('checks a mapping when it is saved, and names it when it cannot make an input of a payload', async () => {
    const workflowId = await createWorkflow(server, echoing({ company: { type: 'string' } }));
    const broken = await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { inputMapping: '{ "company": body.deal.' });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatch(/^inputMapping: /);
    const tooLong = await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { inputMapping: `"${'x'.repeat(10_001)}"` });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body.details)).toContain('inputMapping');

    const hook = await trigger({ company: { type: 'string' } }, { inputMapping: 'body.current.org_name' });
    const runsBefore = (await server.api('GET', `/v1/workflow-runs?limit=1000`)).body.data.length;
    const scalar = await send(hook, JSON.stringify(DEAL_ADDED), 'application/json');
    expect(scalar.status).toBe(400);
    expect(scalar.body.error).toBe('inputMapping: must produce an object (the run input), but produced a string for this request');
    const failing = await trigger({ company: { type: 'string' } }, { inputMapping: '{ "company": $number("not a number") }' });
    const thrown = await send(failing, '{}', 'application/json');
    expect(thrown.status).toBe(400);
    expect(thrown.body.error).toMatch(/^inputMapping: /);
    expect((await server.api('GET', `/v1/workflow-runs?limit=1000`)).body.data.length).toBe(runsBefore);

    const got = await server.api('GET', `/v1/workflows/${hook.workflowId}/trigger`);
    expect(got.body.data).toMatchObject({ inputMapping: 'body.current.org_name', strict: false });
  });

  it('refuses bodies that are neither JSON nor a form post (415), and a signature over other bytes (401)', async () => {
    const hook = await trigger({});
    const text = await send(hook, 'hello', 'text/plain');
    expect(text.status).toBe(415);
    expect(text.body.error).toContain('application/x-www-form-urlencoded');
    const multipart = await send(hook, '--x\r\n\r\n--x--', 'multipart/form-data; boundary=x');
    expect(multipart.status).toBe(415);
    const id = 'msg_tampered';
    const at = new Date();
    const tampered = await request(
      server.url,
      'POST',
      `/webhooks/workflows/${hook.slug}`,
      {
        'content-type': 'application/x-www-form-urlencoded',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(hook.secret).sign(id, at, 'company=Acme'),
      },
      'company=Evil',
    );
    expect(tampered.status).toBe(401);
  });

  it("never shows or changes another workspace's trigger mapping", async () => {
    const hook = await trigger({}, { inputMapping: '{}' });
    const other = await createOtherWorkspace(server);
    expect((await other.api('GET', `/v1/workflows/${hook.workflowId}/trigger`)).status).toBe(404);
    expect((await other.api('PUT', `/v1/workflows/${hook.workflowId}/trigger`, { inputMapping: 'body' })).status).toBe(404);
    expect((await server.api('GET', `/v1/workflows/${hook.workflowId}/trigger`)).body.data.inputMapping).toBe('{}');
  });
});

import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

const DEFINITION = {
  name: 'Hooked',
  inputs: { n: { type: 'number' } },
  steps: [{ id: 'echo', type: 'transform', with: { expression: 'input.n' } }],
};
const seconds = (ms = Date.now()) => Math.floor(ms / 1000);

/** Standard Webhooks headers as a sender using the reference library makes them. */
function signed(secret: string, id: string, body: string, at = new Date()): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds(at.getTime())),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

/**
 * Attacks on webhook triggers, the one API surface reachable without a key: unsigned, forged,
 * tampered, stale and replayed calls, wrong shared secrets, disabled and unknown triggers. Requests
 * are signed with the reference `standardwebhooks` library. In every refused case no run is created.
 */
describe('attacks on webhook triggers', () => {
  let server: TestServer;
  let workflowId: string;
  const trigger = {} as Record<'slug' | 'secret' | 'otherSecret' | 'headerSlug' | 'headerSecret', string>;
  let sequence = 0;
  const nextId = () => `msg_attack_${++sequence}`;
  const hook = (slug: string, body: string, headers: Record<string, string>, query = '') =>
    request(server.url, 'POST', `/webhooks/workflows/${slug}${query}`, { 'content-type': 'application/json', ...headers }, body);
  const runCount = async () => ((await server.api('GET', '/v1/workflow-runs?limit=1000')).body.data as unknown[]).length;
  /** Sends each call and checks it is refused with `status` and that no run appeared. */
  async function expectRefused(status: number, calls: Array<[string, () => ReturnType<typeof hook>]>): Promise<void> {
    const before = await runCount();
    for (const [label, call] of calls) {
      const answer = await call();
      expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBe(status);
      expect(answer.body?.data, label).toBeUndefined();
    }
    expect(await runCount()).toBe(before);
  }

  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, DEFINITION);
    const created = (await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { verification: 'signature' })).body.data;
    trigger.slug = created.slug;
    trigger.secret = created.secret;
    const other = await createWorkflow(server, { ...DEFINITION, name: 'Other hook' });
    trigger.otherSecret = (await server.api('PUT', `/v1/workflows/${other}/trigger`, { verification: 'signature' })).body.data.secret;
    const headerWorkflow = await createWorkflow(server, { ...DEFINITION, name: 'Header hook' });
    const header = (await server.api('PUT', `/v1/workflows/${headerWorkflow}/trigger`, { verification: 'secret-header' })).body.data;
    trigger.headerSlug = header.slug;
    trigger.headerSecret = header.secret;
    // The control: a correctly signed call is accepted.
    const body = '{"n":1}';
    const accepted = await hook(trigger.slug, body, signed(trigger.secret, nextId(), body));
    expect(accepted.status).toBe(202);
    await waitForRun(server, accepted.body.data.id);
  });
  afterAll(() => server.close());

  it('refuses an unsigned call, or one missing any of the three signature headers (401)', async () => {
    const body = '{"n":2}';
    const full = signed(trigger.secret, nextId(), body);
    const without = (name: string) => Object.fromEntries(Object.entries(full).filter(([key]) => key !== name));
    await expectRefused(401, [
      ['no headers', () => hook(trigger.slug, body, {})],
      ['no webhook-id', () => hook(trigger.slug, body, without('webhook-id'))],
      ['no webhook-timestamp', () => hook(trigger.slug, body, without('webhook-timestamp'))],
      ['no webhook-signature', () => hook(trigger.slug, body, without('webhook-signature'))],
      ['empty values', () => hook(trigger.slug, body, { 'webhook-id': '', 'webhook-timestamp': '', 'webhook-signature': '' })],
    ]);
  });

  it("refuses a signature made with any other secret: another trigger's, the API key's, a look-alike (401)", async () => {
    const body = '{"n":3}';
    const lookalike = `whsec_${Buffer.from('an entirely different 32-byte key').toString('base64')}`;
    await expectRefused(401, [
      ["another trigger's secret", () => hook(trigger.slug, body, signed(trigger.otherSecret, nextId(), body))],
      ['a look-alike secret', () => hook(trigger.slug, body, signed(lookalike, nextId(), body))],
      [
        'the API key as the secret',
        () =>
          hook(trigger.slug, body, signed(`whsec_${Buffer.from(server.headers['x-metal-api-key']!).toString('base64')}`, nextId(), body)),
      ],
      ['the API key headers instead of a signature', () => hook(trigger.slug, body, server.headers)],
    ]);
  });

  it('refuses a signature over a different body, webhook-id or timestamp than the ones sent (401)', async () => {
    const body = '{"n":4}';
    const id = nextId();
    const good = signed(trigger.secret, id, body);
    await expectRefused(401, [
      ['another body', () => hook(trigger.slug, '{"n":400}', good)],
      ['the body with a space more', () => hook(trigger.slug, `${body} `, good)],
      ['another webhook-id', () => hook(trigger.slug, body, { ...good, 'webhook-id': nextId() })],
      [
        'a timestamp one second later',
        () => hook(trigger.slug, body, { ...good, 'webhook-timestamp': String(Number(good['webhook-timestamp']) + 1) }),
      ],
    ]);
  });

  it('refuses stale, future and malformed timestamps, even when correctly signed (401)', async () => {
    const body = '{"n":5}';
    const at = (ms: number) => signed(trigger.secret, nextId(), body, new Date(ms));
    const forTimestamp = (timestamp: string) => {
      const id = nextId();
      // Signed over exactly the text sent, so only the timestamp check can refuse it.
      return {
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': `v1,${signOver(trigger.secret, id, timestamp, body)}`,
      };
    };
    await expectRefused(401, [
      ['six minutes old', () => hook(trigger.slug, body, at(Date.now() - 6 * 60_000))],
      ['six minutes ahead', () => hook(trigger.slug, body, at(Date.now() + 6 * 60_000))],
      ['a day old', () => hook(trigger.slug, body, at(Date.now() - 86_400_000))],
      ['the Unix epoch', () => hook(trigger.slug, body, forTimestamp('0'))],
      ['milliseconds instead of seconds', () => hook(trigger.slug, body, forTimestamp(String(Date.now())))],
      ['negative', () => hook(trigger.slug, body, forTimestamp('-1'))],
      ['a fraction', () => hook(trigger.slug, body, forTimestamp(`${seconds()}.5`))],
      ['exponent notation', () => hook(trigger.slug, body, forTimestamp(`${seconds() / 1e9}e9`))],
      ['not a number', () => hook(trigger.slug, body, forTimestamp('now'))],
      ['huge', () => hook(trigger.slug, body, forTimestamp('9'.repeat(400)))],
    ]);
  });

  it('refuses malformed signatures: another scheme version, no prefix, empty, or a flood of guesses (401)', async () => {
    const body = '{"n":6}';
    const id = nextId();
    const good = signed(trigger.secret, id, body);
    const digest = good['webhook-signature']!.slice('v1,'.length);
    const withSignature = (signature: string) => () => hook(trigger.slug, body, { ...good, 'webhook-signature': signature });
    await expectRefused(401, [
      ['v2 scheme', withSignature(`v2,${digest}`)],
      ['asymmetric v1a scheme', withSignature(`v1a,${digest}`)],
      ['no scheme prefix', withSignature(digest)],
      ['the prefix alone', withSignature('v1,')],
      ['the digest in hex', withSignature(`v1,${Buffer.from(digest, 'base64').toString('hex')}`)],
      ['the digest truncated', withSignature(`v1,${digest.slice(0, 20)}`)],
      [
        'a thousand guesses',
        withSignature(Array.from({ length: 1000 }, (_, i) => `v1,${Buffer.from(`guess ${i}`).toString('base64')}`).join(' ')),
      ],
    ]);
  });

  it('answers a replayed webhook-id with the run it created, and never creates a second one', async () => {
    const body = '{"n":7}';
    const id = nextId();
    const headers = signed(trigger.secret, id, body);
    const first = await hook(trigger.slug, body, headers);
    expect(first.status).toBe(202);
    const before = await runCount();
    // The captured request replayed as is, with ?wait, and re-signed later under the same id.
    for (const replay of [
      () => hook(trigger.slug, body, headers),
      () => hook(trigger.slug, body, headers, '?wait=5'),
      () => hook(trigger.slug, body, signed(trigger.secret, id, body, new Date(Date.now() + 2000))),
    ]) {
      const again = await replay();
      expect(again.status).toBe(202);
      expect(again.body.data.id).toBe(first.body.data.id);
    }
    // The same id with another body is a conflict; a replay past the tolerance is refused outright.
    const other = '{"n":70}';
    expect((await hook(trigger.slug, other, signed(trigger.secret, id, other))).status).toBe(409);
    expect((await hook(trigger.slug, body, signed(trigger.secret, id, body, new Date(Date.now() - 10 * 60_000)))).status).toBe(401);
    expect(await runCount()).toBe(before);
    expect((await waitForRun(server, first.body.data.id)).output).toBe(7);
  });

  it('refuses the secret-header mode with a wrong, partial, padded or missing secret, or a signature instead (401)', async () => {
    const body = '{"n":8}';
    const withSecret = (value: string) => () => hook(trigger.headerSlug, body, { 'x-webhook-secret': value });
    await expectRefused(401, [
      ['no header', () => hook(trigger.headerSlug, body, {})],
      ['empty', withSecret('')],
      ['wrong', withSecret('whsec_wrong')],
      ["another trigger's secret", withSecret(trigger.secret)],
      ['a prefix of the secret', withSecret(trigger.headerSecret.slice(0, -1))],
      ['the secret with a character more', withSecret(`${trigger.headerSecret}=`)],
      ['the secret upper-cased', withSecret(trigger.headerSecret.toUpperCase())],
      ['a Standard Webhooks signature instead', () => hook(trigger.headerSlug, body, signed(trigger.headerSecret, nextId(), body))],
      ['the secret in the query string', () => hook(trigger.headerSlug, body, {}, `?secret=${encodeURIComponent(trigger.headerSecret)}`)],
    ]);
    // The control: the right secret works.
    expect((await withSecret(trigger.headerSecret)()).status).toBe(202);
  });

  it('answers a disabled trigger, an archived workflow and an unknown slug alike, creating no run', async () => {
    const body = '{"n":9}';
    const disabledWorkflow = await createWorkflow(server, { ...DEFINITION, name: 'Disabled hook' });
    const disabled = (await server.api('PUT', `/v1/workflows/${disabledWorkflow}/trigger`, { verification: 'signature' })).body.data;
    expect(
      (await server.api('PUT', `/v1/workflows/${disabledWorkflow}/trigger`, { verification: 'signature', enabled: false })).status,
    ).toBe(200);
    const archivedWorkflow = await createWorkflow(server, { ...DEFINITION, name: 'Archived hook' });
    const archived = (await server.api('PUT', `/v1/workflows/${archivedWorkflow}/trigger`, { verification: 'none' })).body.data;
    expect((await server.api('DELETE', `/v1/workflows/${archivedWorkflow}`)).status).toBe(200);
    const unknown = await hook('0123456789abcdef0123456789abcdef', body, {});
    expect(unknown.status).toBe(404);
    await expectRefused(404, [
      ['a disabled trigger, correctly signed', () => hook(disabled.slug, body, signed(disabled.secret, nextId(), body))],
      ['an unknown slug', () => hook('0123456789abcdef0123456789abcdef', body, {})],
      [
        'a slug with a character changed',
        () => hook(`${trigger.slug.slice(0, -1)}${trigger.slug.endsWith('0') ? '1' : '0'}`, body, signed(trigger.secret, nextId(), body)),
      ],
      ["the workflow's id as the slug", () => hook(workflowId, body, signed(trigger.secret, nextId(), body))],
      ['path traversal', () => hook(`..%2F..%2Fv1%2Fworkflows`, body, {})],
      ['SQL in the slug', () => hook(encodeURIComponent("' OR '1'='1"), body, {})],
    ]);
    await expectRefused(400, [['a 10 KB slug', () => hook('s'.repeat(10_000), body, {})]]);
    // Disabled and unknown look the same from outside: a slug's existence is not revealed.
    const disabledAnswer = await hook(disabled.slug, body, signed(disabled.secret, nextId(), body));
    expect(disabledAnswer.body).toEqual(unknown.body);
    const before = await runCount();
    const archivedAnswer = await hook(archived.slug, body, {});
    expect([404, 409]).toContain(archivedAnswer.status);
    expect(await runCount()).toBe(before);
  });

  it('refuses malformed JSON, and a body that is not an object on a strict trigger; pollutes nothing with a __proto__ input', async () => {
    await expectRefused(400, [['{"n":', () => hook(trigger.slug, '{"n":', signed(trigger.secret, nextId(), '{"n":'))]]);
    // Other systems send arrays of events: accepted (no inputs from them) unless the trigger is strict.
    const array = await hook(trigger.slug, '[1,2]', signed(trigger.secret, nextId(), '[1,2]'));
    expect(array.status).toBe(202);
    expect(array.body.data.input).toEqual({});
    await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { verification: 'signature', strict: true });
    try {
      await expectRefused(
        400,
        ['[1,2]', '"text"', 'null'].map((body) => [body, () => hook(trigger.slug, body, signed(trigger.secret, nextId(), body))]),
      );
    } finally {
      await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { verification: 'signature' });
    }
    await expectRefused(415, [
      [
        'text/plain',
        () =>
          request(
            server.url,
            'POST',
            `/webhooks/workflows/${trigger.slug}`,
            { 'content-type': 'text/plain', ...signed(trigger.secret, 'msg_text', '{"n":1}') },
            '{"n":1}',
          ),
      ],
    ]);
    const polluting = '{"n":10,"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
    const answer = await hook(trigger.slug, polluting, signed(trigger.secret, nextId(), polluting));
    // Refused as undeclared input, or run: either way nothing outside the input is changed.
    expect([202, 400]).toContain(answer.status);
    if (answer.status === 202) await waitForRun(server, answer.body.data.id);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=10`, { input: { n: 11 } })).body.data).toMatchObject({
      status: 'completed',
      output: 11,
    });
  });
});

/** A Standard Webhooks v1 signature over exactly the given timestamp text (which may be malformed). */
function signOver(secret: string, id: string, timestamp: string, body: string): string {
  return createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
}

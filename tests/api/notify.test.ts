import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from '../support/webhook-receiver';

const USER = 'assay-mailer';
const PASSWORD = 'smtp-Pa55word-9f8e7d6c5b4a';
const WRONG_PASSWORD = 'wrong-Pa55word-0a1b2c3d4e';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A message the SMTP server accepted: its envelope and the parsed message. */
interface Delivered {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
}

/** A real SMTP server (smtp-server) on 127.0.0.1, no TLS, requiring AUTH as USER with PASSWORD. */
interface FakeSmtp {
  port: number;
  delivered: Delivered[];
  /** Recipients answered 450 (greylisted) this many more times. */
  greylist: Map<string, number>;
  /**
   * Never answers the message with this subject: `arrived` resolves when it is in, `closed` when the
   * client hangs up on the connection that carried it.
   */
  hold(subject: string): { arrived: Promise<void>; closed: Promise<void> };
  close(): Promise<void>;
}

async function startSmtp(): Promise<FakeSmtp> {
  const delivered: Delivered[] = [];
  const greylist = new Map<string, number>();
  let held: { subject: string; session: string | null; arrived: () => void; closed: () => void } | null = null;
  const reply = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: USER });
      callback(reply(535, 'Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      const left = greylist.get(address.address) ?? 0;
      if (left > 0) {
        greylist.set(address.address, left - 1);
        return callback(reply(450, 'Greylisted, try again later'));
      }
      if (address.address.endsWith('@nowhere.test')) return callback(reply(550, 'No such user here'));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (held && mail.subject === held.subject) {
            held.session = session.id;
            held.arrived();
            return;
          }
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          delivered.push({ envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) }, mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
    onClose(session) {
      if (held && held.session === session.id) held.closed();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const hold = (subject: string) => {
    let arrived!: () => void;
    let closed!: () => void;
    const promises = { arrived: new Promise<void>((r) => (arrived = r)), closed: new Promise<void>((r) => (closed = r)) };
    held = { subject, session: null, arrived, closed };
    return promises;
  };
  return { port, delivered, greylist, hold, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Creates a workflow of `steps` (a string input for each key of `input`), runs it with `input` and returns the finished run. */
async function run(server: TestServer, steps: unknown[], input: Record<string, string> = {}): Promise<any> {
  const inputs = Object.fromEntries(Object.keys(input).map((name) => [name, { type: 'string', required: true }]));
  const created = await server.api('POST', '/v1/workflows', { name: `Notify ${Math.random()}`, inputs, steps });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const answer = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=60`, { input });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const data = answer.body.data;
  return ['completed', 'failed', 'cancelled'].includes(data.status) ? data : waitForRun(server, data.id);
}

/** Everything stored about a run: its API answer and its rows (run, steps, events). */
async function runRecord(server: TestServer, runId: string): Promise<string> {
  const answer = await server.api('GET', `/v1/workflow-runs/${runId}`);
  const db = server.assay.store.db;
  const rows = await Promise.all([
    db.selectFrom('runs').selectAll().where('id', '=', runId).execute(),
    db.selectFrom('step_runs').selectAll().where('run_id', '=', runId).execute(),
    db.selectFrom('events').selectAll().where('run_id', '=', runId).execute(),
  ]);
  return JSON.stringify([answer.body, rows], (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((f) => f.value.map((v) => ({ name: v.name, address: v.address })));

/**
 * `notify.email` through a real Assay server (the SMTP settings are environment) to a real SMTP
 * server that requires AUTH; the password lives in a workspace credential.
 */
describe('notify.email', () => {
  let smtp: FakeSmtp;
  let server: TestServer;
  let bare: TestServer;

  beforeAll(async () => {
    smtp = await startSmtp();
    [server, bare] = await Promise.all([
      startTestServer({
        ASSAY_SMTP_HOST: '127.0.0.1',
        ASSAY_SMTP_PORT: String(smtp.port),
        ASSAY_SMTP_USER: USER,
        ASSAY_SMTP_FROM: 'Assay Reports <reports@assay.test>',
        ASSAY_SMTP_PASSWORD_CREDENTIAL: 'smtp',
        // Longer than the test's own time limit: only the abort of a cancelled step can end a held send.
        ASSAY_SMTP_TIMEOUT_MS: '3600000',
      }),
      startTestServer(),
    ]);
    expect((await server.api('POST', '/v1/credentials', { name: 'smtp', type: 'secret', value: PASSWORD })).status).toBe(201);
    expect((await server.api('POST', '/v1/credentials', { name: 'smtp-old', type: 'secret', value: WRONG_PASSWORD })).status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([server?.close(), bare?.close()]);
    await smtp?.close();
  });

  it('sends Markdown as HTML and text, with a run file attached, logging in with the credential', async () => {
    const markdown = '# Q3 screen\n\nRevenue **grew** 9% & margins held.\n\n- [the memo](https://example.com/memo)\n- <script>x</script>';
    const before = smtp.delivered.length;
    const result = await run(
      server,
      [
        { id: 'report', type: 'document.render', with: { name: 'report', template: '# Report\n\nAll **green**.', formats: ['md'] } },
        {
          id: 'mail',
          type: 'notify.email',
          needs: ['report'],
          with: {
            to: ['Ada Lovelace <ada@example.test>', 'bob@example.test'],
            cc: ['carol@example.test'],
            bcc: ['dave@example.test'],
            replyTo: 'desk@example.test',
            subject: 'Q3 screen: {{ input.company }}',
            markdown,
            attachments: [{ file: 'report.md' }],
          },
        },
      ],
      { company: 'Northwind' },
    );
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    const output = result.steps.find((s: { id: string }) => s.id === 'mail').output;
    expect(output.messageId).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);
    expect([...output.accepted].sort()).toEqual(['ada@example.test', 'bob@example.test', 'carol@example.test', 'dave@example.test']);
    expect(output.rejected).toEqual([]);

    expect(smtp.delivered.length).toBe(before + 1);
    const { envelope, mail } = smtp.delivered.at(-1)!;
    expect(envelope).toEqual({
      from: 'reports@assay.test',
      to: ['ada@example.test', 'bob@example.test', 'carol@example.test', 'dave@example.test'],
    });
    expect(addresses(mail.from)).toEqual([{ name: 'Assay Reports', address: 'reports@assay.test' }]);
    expect(addresses(mail.to)).toEqual([
      { name: 'Ada Lovelace', address: 'ada@example.test' },
      { name: '', address: 'bob@example.test' },
    ]);
    expect(addresses(mail.cc)).toEqual([{ name: '', address: 'carol@example.test' }]);
    expect(mail.bcc).toBeUndefined();
    expect(addresses(mail.replyTo)).toEqual([{ name: '', address: 'desk@example.test' }]);
    expect(mail.subject).toBe('Q3 screen: Northwind');
    expect(mail.messageId).toBe(output.messageId);
    expect(mail.text?.trim()).toBe(markdown);
    const html = String(mail.html);
    expect(html).toContain('<title>Q3 screen: Northwind</title>');
    expect(html).toContain('<h1>Q3 screen</h1>');
    expect(html).toContain('Revenue <strong>grew</strong> 9% &amp; margins held.');
    expect(html).toContain('<a href="https://example.com/memo">the memo</a>');
    // Raw HTML in the Markdown is shown as text, never sent as markup.
    expect(html).not.toContain('<script>');
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString('utf8')])).toEqual([
      ['report.md', 'text/markdown', '# Report\n\nAll **green**.'],
    ]);

    const record = await runRecord(server, result.id);
    for (const secret of [PASSWORD, base64(PASSWORD), base64(`\u0000${USER}\u0000${PASSWORD}`)]) expect(record).not.toContain(secret);
  });

  it('fails at once with the server’s answer, and no password, when the login is refused', async () => {
    const result = await run(server, [
      {
        id: 'mail',
        type: 'notify.email',
        with: { to: 'ada@example.test', subject: 'Hello', markdown: 'Hi', credential: 'smtp-old' },
        retry: { maxAttempts: 3, initialDelayMs: 0 },
      },
    ]);
    expect(result.status).toBe('failed');
    expect(result.steps[0].attempts).toBe(1);
    expect(result.error).toMatchObject({ code: 'step_failed', stepId: 'mail' });
    expect(result.error.message).toMatch(new RegExp(`^SMTP login as ${USER} was refused by 127\\.0\\.0\\.1:${smtp.port}: .*535`));
    expect(result.error.message).toContain('Authentication credentials invalid');
    const record = await runRecord(server, result.id);
    for (const secret of [WRONG_PASSWORD, base64(WRONG_PASSWORD), PASSWORD]) expect(record).not.toContain(secret);
  });

  it('retries a 4xx answer and reports recipients the server refused', async () => {
    smtp.greylist.set('late@example.test', 1);
    const before = smtp.delivered.length;
    const result = await run(server, [
      {
        id: 'mail',
        type: 'notify.email',
        with: { to: ['late@example.test', 'ghost@nowhere.test'], subject: 'Later', markdown: 'Text' },
        retry: { maxAttempts: 3, initialDelayMs: 0 },
      },
    ]);
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    expect(result.steps[0].attempts).toBe(2);
    expect(result.steps[0].output).toMatchObject({ accepted: ['late@example.test'], rejected: ['ghost@nowhere.test'] });
    expect(smtp.delivered.length).toBe(before + 1);
    expect(smtp.delivered.at(-1)!.envelope.to).toEqual(['late@example.test']);

    // Nobody left to send to: a 5xx, final.
    const refused = await run(server, [
      {
        id: 'mail',
        type: 'notify.email',
        with: { to: 'ghost@nowhere.test', subject: 'Nobody', markdown: 'Text' },
        retry: { maxAttempts: 3, initialDelayMs: 0 },
      },
    ]);
    expect(refused.status).toBe('failed');
    expect(refused.steps[0].attempts).toBe(1);
    expect(refused.error.message).toMatch(/^SMTP server 127\.0\.0\.1:\d+ refused the message: .*550/);
  });

  it('refuses a workflow whose literal address is not one, and fails a run whose templated one is not, naming the field', async () => {
    for (const [to, path] of [
      ['not-an-address', 'steps[0].with.to'],
      [['ada@example.test', 'bob at example'], 'steps[0].with.to[1]'],
    ] as const) {
      const refused = await server.api('POST', '/v1/workflows', {
        name: 'Bad address',
        steps: [{ id: 'mail', type: 'notify.email', with: { to, subject: 'Hi', markdown: 'x' } }],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const long = await server.api('POST', '/v1/workflows', {
      name: 'Bad subject',
      steps: [{ id: 'mail', type: 'notify.email', with: { to: 'ada@example.test', subject: 'Two\nlines', markdown: 'x' } }],
    });
    expect(long.status).toBe(400);
    expect(long.body.details.map((d: { path: string }) => d.path)).toContain('steps[0].with.subject');

    const before = smtp.delivered.length;
    const result = await run(
      server,
      [{ id: 'mail', type: 'notify.email', with: { to: ['{{ input.to }}'], subject: 'Hi', markdown: 'x' } }],
      { to: 'nobody-at-all' },
    );
    expect(result.status).toBe('failed');
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('to[0]');
    expect(result.error.message).toContain('must be an email address');
    expect(smtp.delivered.length).toBe(before);
  });

  it('stops sending when the run is cancelled, hanging up on the server', async () => {
    const { arrived, closed } = smtp.hold('Never answered');
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Held mail',
      steps: [{ id: 'mail', type: 'notify.email', with: { to: 'ada@example.test', subject: 'Never answered', markdown: 'x' } }],
    });
    const started = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs`, {});
    expect(started.status).toBe(201);
    await arrived;
    expect((await server.api('POST', `/v1/workflow-runs/${started.body.data.id}/cancel`)).status).toBe(200);
    // The SMTP timeouts here outlast the test: the connection closes because the step's signal aborted the send.
    await closed;
    const result = await waitForRun(server, started.body.data.id);
    expect(result.status).toBe('cancelled');
  });

  it('fails with a clear message naming ASSAY_SMTP_HOST when no SMTP server is configured', async () => {
    const result = await run(bare, [
      { id: 'mail', type: 'notify.email', with: { to: 'ada@example.test', subject: 'Hi', markdown: 'x' }, retry: { maxAttempts: 3 } },
    ]);
    expect(result.status).toBe('failed');
    expect(result.steps[0].attempts).toBe(1);
    expect(result.error).toMatchObject({ code: 'invalid_input', stepId: 'mail' });
    expect(result.error.message).toContain('set ASSAY_SMTP_HOST');
  });

  it('is never cached: a step declaring cache is refused', async () => {
    const refused = await server.api('POST', '/v1/workflows', {
      name: 'Cached mail',
      steps: [
        { id: 'mail', type: 'notify.email', with: { to: 'ada@example.test', subject: 'Hi', markdown: 'x' }, cache: { ttlSeconds: 60 } },
      ],
    });
    expect(refused.status).toBe(400);
  });
});

/** `notify.chat` to a local receiver (through the outbound guard, so ASSAY_HTTP_ALLOW lets 127.0.0.1 through). */
describe('notify.chat', () => {
  let receiver: WebhookReceiver;
  let server: TestServer;
  let guarded: TestServer;
  const HOOK_PATH = '/services/T0001/B0002/hook-token-4f9a8b7c6d5e';

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    [server, guarded] = await Promise.all([startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' }), startTestServer()]);
    expect(
      (await server.api('POST', '/v1/credentials', { name: 'slack-hook', type: 'secret', value: `${receiver.url}${HOOK_PATH}` })).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([server?.close(), guarded?.close()]);
    await receiver?.close();
  });

  const posted = (path: string) => receiver.received.filter((r: ReceivedRequest) => r.path === path);

  it('posts Slack blocks to the URL kept in a credential, which stays out of the run record', async () => {
    receiver.respond = () => ({ status: 200, body: 'ok' });
    const result = await run(
      server,
      [
        {
          id: 'chat',
          type: 'notify.chat',
          with: {
            credential: 'slack-hook',
            title: 'Screen: {{ input.company }}',
            text: 'Scored **70**: a _strong_ fit <!channel> & [memo](https://example.com/memo)',
          },
        },
      ],
      { company: 'Northwind' },
    );
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    expect(result.steps[0].output).toEqual({ status: 200, format: 'slack' });
    const [request] = posted(HOOK_PATH);
    expect(request!.headers['content-type']).toBe('application/json');
    const text = 'Scored *70*: a _strong_ fit &lt;!channel&gt; &amp; <https://example.com/memo|memo>';
    expect(JSON.parse(request!.body)).toEqual({
      text,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Screen: Northwind', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text } },
      ],
    });
    const record = await runRecord(server, result.id);
    expect(record).not.toContain(receiver.url);
    expect(record).not.toContain('hook-token-4f9a8b7c6d5e');
  });

  it('posts an Adaptive Card for Teams, and a MessageCard for legacy Teams connectors', async () => {
    receiver.respond = (request) => (request.path === '/teams' ? { status: 202 } : { status: 200, body: '1' });
    const result = await run(server, [
      {
        id: 'card',
        type: 'notify.chat',
        with: { url: `${receiver.url}/teams`, format: 'teams', title: 'Nightly', text: '**3** runs failed' },
      },
      {
        id: 'legacy',
        type: 'notify.chat',
        with: { url: `${receiver.url}/connector`, format: 'teams-messagecard', text: '**3** runs failed' },
      },
    ]);
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    const outputs = Object.fromEntries(result.steps.map((s: { id: string; output: unknown }) => [s.id, s.output]));
    expect(outputs).toEqual({ card: { status: 202, format: 'teams' }, legacy: { status: 200, format: 'teams-messagecard' } });
    expect(JSON.parse(posted('/teams')[0]!.body)).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: 'Nightly', size: 'Large', weight: 'Bolder', wrap: true },
              { type: 'TextBlock', text: '**3** runs failed', wrap: true },
            ],
            msteams: { width: 'Full' },
          },
        },
      ],
    });
    expect(JSON.parse(posted('/connector')[0]!.body)).toEqual({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: '3 runs failed',
      text: '**3** runs failed',
    });
  });

  it('retries a 429, and fails at once on a 400 without the URL in the error', async () => {
    receiver.respond = (request) => {
      if (request.path === '/limited')
        return posted('/limited').length === 1 ? { status: 429, body: 'rate_limited' } : { status: 200, body: 'ok' };
      return { status: 400, body: `invalid_payload for ${request.path}` };
    };
    const limited = await run(server, [
      {
        id: 'chat',
        type: 'notify.chat',
        with: { url: `${receiver.url}/limited`, text: 'hi' },
        retry: { maxAttempts: 3, initialDelayMs: 0 },
      },
    ]);
    expect(limited.status, JSON.stringify(limited.error)).toBe('completed');
    expect(limited.steps[0].attempts).toBe(2);
    expect(posted('/limited').map((r) => r.body)).toEqual([posted('/limited')[0]!.body, posted('/limited')[0]!.body]);

    const refused = await run(server, [
      {
        id: 'chat',
        type: 'notify.chat',
        with: { credential: 'slack-hook', text: 'hi', format: 'slack' },
        retry: { maxAttempts: 3, initialDelayMs: 0 },
      },
    ]);
    expect(refused.status).toBe('failed');
    expect(refused.steps[0].attempts).toBe(1);
    expect(refused.error.message).toMatch(/^HTTP 400 from 127\.0\.0\.1:\d+: invalid_payload for /);
    const record = await runRecord(server, refused.id);
    expect(record).not.toContain('hook-token-4f9a8b7c6d5e');
  });

  it('goes through the outbound guard, and names a credential that holds no URL without echoing it', async () => {
    const before = receiver.received.length;
    const refused = await run(guarded, [{ id: 'chat', type: 'notify.chat', with: { url: `${receiver.url}/guarded`, text: 'hi' } }]);
    expect(refused.status).toBe('failed');
    expect(refused.error.message).toContain('refused');
    expect(refused.error.message).toContain('ASSAY_HTTP_ALLOW');
    expect(receiver.received.length).toBe(before);

    expect(
      (await server.api('POST', '/v1/credentials', { name: 'not-a-url', type: 'secret', value: 'just-a-token-0123456789' })).status,
    ).toBe(201);
    const bad = await run(server, [{ id: 'chat', type: 'notify.chat', with: { credential: 'not-a-url', text: 'hi' } }]);
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatchObject({
      code: 'invalid_input',
      message: 'steps.chat.with.credential: credential "not-a-url" does not hold an http(s) URL',
    });

    const both = await server.api('POST', '/v1/workflows', {
      name: 'Both',
      steps: [{ id: 'chat', type: 'notify.chat', with: { url: `${receiver.url}/x`, credential: 'slack-hook', text: 'hi' } }],
    });
    expect(both.status).toBe(400);
    expect(both.body.details.map((d: { path: string }) => d.path)).toContain('steps[0].with.url');
  });
});

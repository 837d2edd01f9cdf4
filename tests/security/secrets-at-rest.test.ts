import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Store } from '@assay/store';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServerIn, type TestServer } from '../support/assay-server';
import { sealV1 } from '../support/legacy-seal';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../support/test-database';
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from '../support/webhook-receiver';

const PASSPHRASE = 'the operators passphrase, not a key';
const CREDENTIAL = 'tok_live_plaintext_7c1e9a';

/** Calls the receiver with the `crm` credential as a bearer token. */
const USES_CREDENTIAL = (url: string) => ({
  name: 'Uses crm',
  steps: [{ id: 'call', type: 'http.request', with: { url: `${url}/api`, credential: 'crm' } }],
});

/** Every table's rows as text: what a stolen database would show. */
async function everyRow(store: Store): Promise<string> {
  const tables = await store.db.introspection.getTables();
  const rows = await Promise.all(
    tables.map((table) =>
      store.db
        .selectFrom(table.name as 'settings')
        .selectAll()
        .execute(),
    ),
  );
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
}

const sealedIn = async (store: Store) => ({
  credentials: (await store.db.selectFrom('credentials').select('sealed').execute()).map((r) => r.sealed),
  endpoints: (await store.db.selectFrom('event_endpoints').select('secret').execute()).map((r) => r.secret),
  callbacks: (await store.db.selectFrom('callback_secrets').select('secret').execute()).map((r) => r.secret),
});

const bearerOf = (received: ReceivedRequest[]) => received.filter((r) => r.path === '/api').map((r) => r.headers.authorization);

/**
 * Secrets at rest (issue 11, item 9): a passphrase in ASSAY_SECRET_KEY became the key through one
 * unsalted SHA-256. The key is now derived with scrypt (or HKDF) and a salt stored in the database,
 * values are sealed in envelope `v2`, and values the old version sealed (`v1`) keep working: they are
 * re-sealed at the first start after the upgrade.
 */
describe('secrets at rest', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-secrets-'));
  const env = { ASSAY_SECRET_KEY: PASSPHRASE, ASSAY_HTTP_ALLOW: '127.0.0.1', ASSAY_DELIVERY_BACKOFF_MS: '50,50,50', ASSAY_POLL_MS: '100' };
  let server: TestServer;
  let receiver: WebhookReceiver;
  let endpointSecret: string;
  let callbackSecret: string;
  let resealedAtStart: Awaited<ReturnType<typeof sealedIn>>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // The old version's data: a credential, an endpoint secret and a callback secret sealed as v1, and
    // no salt or key check yet (what the database holds right after migration 017).
    const before = await startTestServerIn(dataDir, env);
    expect((await before.api('POST', '/v1/credentials', { name: 'crm', type: 'token', value: CREDENTIAL })).status).toBe(201);
    const endpoint = await before.api('POST', '/v1/event-endpoints', { url: `${receiver.url}/events`, events: ['run.completed'] });
    expect(endpoint.status).toBe(201);
    endpointSecret = endpoint.body.data.secret;
    callbackSecret = (await before.api('GET', '/v1/callbacks/secret')).body.data.secret;
    const db = before.assay.store.db;
    await db
      .updateTable('credentials')
      .set({ sealed: sealV1(PASSPHRASE, CREDENTIAL) })
      .execute();
    await db
      .updateTable('event_endpoints')
      .set({ secret: sealV1(PASSPHRASE, endpointSecret) })
      .execute();
    await db
      .updateTable('callback_secrets')
      .set({ secret: sealV1(PASSPHRASE, callbackSecret) })
      .execute();
    await db.deleteFrom('settings').execute();
    await before.close();

    server = await startTestServerIn(dataDir, env);
    resealedAtStart = await sealedIn(server.assay.store);
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('re-seals what the old version sealed (v1) as v2 at the first start after the upgrade', () => {
    for (const sealed of [...resealedAtStart.credentials, ...resealedAtStart.endpoints, ...resealedAtStart.callbacks])
      expect(sealed).toMatch(/^v2\./);
    expect(resealedAtStart.credentials).toHaveLength(1);
    expect(resealedAtStart.endpoints).toHaveLength(1);
    expect(resealedAtStart.callbacks).toHaveLength(1);
  });

  it('runs with a credential the old version sealed, after the restart', async () => {
    const workflowId = await createWorkflow(server, USES_CREDENTIAL(receiver.url));
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=20`, {})).body.data;
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(bearerOf(receiver.received)).toContain(`Bearer ${CREDENTIAL}`);
  });

  it('still signs with the endpoint and callback secrets the old version sealed', async () => {
    expect((await server.api('GET', '/v1/callbacks/secret')).body.data.secret).toBe(callbackSecret);
    const [delivered] = await receiver.waitFor(1, { filter: (r) => r.path === '/events', timeoutMs: 20_000 });
    const headers = {
      'webhook-id': String(delivered?.headers['webhook-id']),
      'webhook-timestamp': String(delivered?.headers['webhook-timestamp']),
      'webhook-signature': String(delivered?.headers['webhook-signature']),
    };
    expect(new Webhook(endpointSecret).verify(delivered?.body ?? '', headers)).toMatchObject({ type: 'run.completed' });
  });

  it('seals new credentials as v2, and no table holds a secret in plain text', async () => {
    expect((await server.api('POST', '/v1/credentials', { name: 'fresh', type: 'token', value: 'tok_fresh_plaintext_51d0' })).status).toBe(
      201,
    );
    const sealed = await server.assay.store.db
      .selectFrom('credentials')
      .select('sealed')
      .where('name', '=', 'fresh')
      .executeTakeFirstOrThrow();
    expect(sealed.sealed).toMatch(/^v2\./);
    const everything = await everyRow(server.assay.store);
    for (const secret of [CREDENTIAL, 'tok_fresh_plaintext_51d0', endpointSecret, callbackSecret, PASSPHRASE])
      expect(everything).not.toContain(secret);
  });

  it('fails a step whose credential another key sealed with a clear error, not garbage', async () => {
    await server.assay.store.db
      .updateTable('credentials')
      .set({ sealed: sealV1('some other passphrase', CREDENTIAL) })
      .where('name', '=', 'crm')
      .execute();
    const before = bearerOf(receiver.received).length;
    const workflowId = await createWorkflow(server, { ...USES_CREDENTIAL(receiver.url), name: 'Foreign key' });
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=20`, {})).body.data;
    expect(run.status).toBe('failed');
    expect(run.error.message).toContain('credential "crm" cannot be opened: it was sealed with another ASSAY_SECRET_KEY');
    expect(bearerOf(receiver.received)).toHaveLength(before);
  });

  it('refuses to start with a wrong ASSAY_SECRET_KEY, saying why; the right key starts again', async () => {
    await server.close();
    await expect(startTestServerIn(dataDir, { ...env, ASSAY_SECRET_KEY: 'a wrong passphrase, typed in haste' })).rejects.toThrow(
      /ASSAY_SECRET_KEY does not open the secrets this database holds/,
    );
    // Without ASSAY_SECRET_KEY the data directory's generated key file is the key: also wrong here.
    const { ASSAY_SECRET_KEY: _unset, ...withoutKey } = env;
    await expect(startTestServerIn(dataDir, withoutKey)).rejects.toThrow(/does not open the secrets/);
    server = await startTestServerIn(dataDir, env);
    expect((await server.api('GET', '/v1/callbacks/secret')).body.data.secret).toBe(callbackSecret);
  });
});

/** Every process of a cluster shares ASSAY_SECRET_KEY by environment and the salt through the database. */
describe.runIf(TEST_DB === 'postgres')('two servers on one PostgreSQL database', () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  const dirs: string[] = [];
  let receiver: WebhookReceiver;
  const start = (workers: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-secrets-pg-'));
    dirs.push(dir);
    return startTestServerIn(dir, {
      DATABASE_URL: database.url,
      ASSAY_SECRET_KEY: PASSPHRASE,
      ASSAY_HTTP_ALLOW: '127.0.0.1',
      ASSAY_WORKER_CONCURRENCY: workers,
    });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startWebhookReceiver();
    // Schema, workspace and admin key first (their creation is not what this test races), then the
    // database as it is right after migration 017: no salt, no key check.
    const first = await start('0');
    await first.assay.store.db.deleteFrom('settings').execute();
    await first.close();
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await receiver.close();
    await database.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('derive the same key when they start at once: what one seals, the other opens', async () => {
    // The first only answers the API; the second only executes runs.
    servers.push(...(await Promise.all([start('0'), start('2')])));
    const [api] = servers as [TestServer, TestServer];
    const salts = await api.assay.store.db.selectFrom('settings').selectAll().where('name', '=', 'secret_box.salt').execute();
    expect(salts).toHaveLength(1);
    expect((await api.api('POST', '/v1/credentials', { name: 'crm', type: 'token', value: CREDENTIAL })).status).toBe(201);
    const workflowId = await createWorkflow(api, USES_CREDENTIAL(receiver.url));
    const run = (await api.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {})).body.data;
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(bearerOf(receiver.received)).toEqual([`Bearer ${CREDENTIAL}`]);
  });
});

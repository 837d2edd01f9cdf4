import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServerIn, type TestServer } from '../support/assay-server';
import { createTestDatabase, databaseEnv, TEST_DB, type TestDatabase } from '../support/test-database';
import { signedIn } from '../support/session-client';
import { cli, UPPER, type CliResult } from './cli-harness';

/** `assay users create` writes to the server's database directly (DATABASE_URL or ASSAY_DATA_DIR). */
describe('assay users create', () => {
  let server: TestServer;
  let dataDir: string;
  let database: TestDatabase | null = null;
  let assay: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'assay-cli-users-'));
    if (TEST_DB === 'postgres') database = await createTestDatabase();
    server = await startTestServerIn(dataDir, databaseEnv(database));
    const run = cli(server);
    // The same database settings as the server's; no API key is needed.
    assay = (args, env = {}) =>
      run(args, { ASSAY_DATA_DIR: dataDir, ...databaseEnv(database), ASSAY_CLIENT_ID: '', ASSAY_API_KEY: '', ...env });
  });
  afterAll(async () => {
    await server.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a user in a new workspace, who signs in to that workspace only', async () => {
    await createWorkflow(server, UPPER);
    const created = await assay([
      'users',
      'create',
      '--email',
      'Ops@Example.com',
      '--name',
      'Ops',
      '--password',
      'operator password',
      '--role',
      'admin',
      '--workspace',
      'new',
      '--json',
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const user = JSON.parse(created.stdout);
    const defaultWorkspace = (await server.api('GET', '/v1/keys/current')).body.data.workspaceId;
    expect(user).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      email: 'ops@example.com',
      role: 'admin',
      workspaceId: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
    expect(user.workspaceId).not.toBe(defaultWorkspace);

    // The CLI hashes as the server does: Argon2id.
    const stored = await server.assay.store.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const browser = await signedIn(server.url, 'ops@example.com', 'operator password');
    expect((await browser.call('GET', '/v1/auth/session')).body.data).toMatchObject({
      user: { id: user.id },
      workspaceId: user.workspaceId,
      role: 'admin',
    });
    expect((await browser.call('GET', '/v1/workflows')).body.data).toEqual([]);
    expect((await server.api('GET', '/v1/workflows')).body.data).toHaveLength(1);
  });

  it('prints the ids for people, in the default workspace unless told otherwise', async () => {
    const created = await assay([
      'users',
      'create',
      '--email',
      'ed@example.com',
      '--name',
      'Ed',
      '--password',
      'editor password',
      '--role',
      'editor',
    ]);
    expect(created.code).toBe(0);
    const id = /^id\s+([0-9a-f]{24})$/m.exec(created.stdout)?.[1];
    const workspace = /^workspace\s+([0-9a-f]{24})$/m.exec(created.stdout)?.[1];
    expect(workspace).toBe((await server.api('GET', '/v1/keys/current')).body.data.workspaceId);
    expect((await server.api('GET', '/v1/users')).body.data).toEqual([
      expect.objectContaining({ id, email: 'ed@example.com', role: 'editor' }),
    ]);

    const into = await assay(
      ['users', 'create', '--email', 'vi@example.com', '--name', 'Vi', '--role', 'viewer', '--workspace', workspace!, '--json'],
      { ASSAY_USER_PASSWORD: 'viewer password' },
    );
    expect(into).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(into.stdout)).toMatchObject({ workspaceId: workspace, role: 'viewer' });
  });

  it('refuses a taken email (exit 1) and bad options (exit 2)', async () => {
    const taken = await assay(['users', 'create', '--email', 'ED@example.com', '--name', 'Ed', '--password', 'editor password']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('already exists');
    const short = await assay(['users', 'create', '--email', 'new@example.com', '--name', 'N', '--password', 'short']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--password');
    expect(
      (await assay(['users', 'create', '--email', 'new@example.com', '--name', 'N', '--password', 'long enough', '--role', 'owner'])).code,
    ).toBe(2);
    const unknown = await assay([
      'users',
      'create',
      '--email',
      'new@example.com',
      '--name',
      'N',
      '--password',
      'long enough',
      '--workspace',
      '0'.repeat(24),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('not found');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { request } from '../support/assay-server';
import { freePort, startChildServer } from '../support/child-server';

describe('the first start of a fresh server', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-first-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a workspace and an admin key, prints the secret once, and not again on restart', async () => {
    const port = await freePort();
    const noKey = { ASSAY_CLIENT_ID: '', ASSAY_API_KEY: '' };
    const first = await startChildServer({ dataDir, port, env: noKey });
    await new Promise((r) => setTimeout(r, 200));
    const clientId = /x-metal-client-id:\s+(\S+)/.exec(first.output())?.[1];
    const secret = /x-metal-api-key:\s+(\S+)/.exec(first.output())?.[1];
    expect(clientId).toMatch(/^ck_/);
    expect(secret).toMatch(/^sk_/);
    const headers = { 'x-metal-client-id': clientId as string, 'x-metal-api-key': secret as string };
    const current = await request(first.url, 'GET', '/v1/keys/current', headers);
    expect(current.body.data).toMatchObject({ scope: 'admin', clientId });
    first.process.kill('SIGTERM');
    expect(await first.exited()).toBe(0);

    const second = await startChildServer({ dataDir, port, env: noKey });
    await new Promise((r) => setTimeout(r, 200));
    expect(second.output()).not.toContain('x-metal-api-key');
    expect((await request(second.url, 'GET', '/v1/workflows', headers)).status).toBe(200);
    second.process.kill('SIGTERM');
    expect(await second.exited()).toBe(0);
  });

  it('refuses to start with a bad setting, naming the variable', async () => {
    const port = await freePort();
    await expect(startChildServer({ dataDir, port, env: { ASSAY_WORKER_CONCURRENCY: 'lots' } })).rejects.toThrow(
      /ASSAY_WORKER_CONCURRENCY/,
    );
  });
});

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, startTestServer, type TestServer } from '../support/assay-server';
import { runAssay } from './cli-harness';

/** A local port nothing listens on (one just released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('assay login, --profile, logout and profiles list', () => {
  let server: TestServer;
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-profiles-'));
  /** No connection settings in the environment: only what the profile (or a flag) gives. */
  const bare = { ASSAY_URL: '', ASSAY_CLIENT_ID: '', ASSAY_API_KEY: '', XDG_CONFIG_HOME: path.join(dir, 'config') };
  const configFile = path.join(dir, 'config', 'assay', 'config.json');
  const assay = (args: string[], env: Record<string, string> = {}) => runAssay(args, { ...bare, ...env });
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in (checking the key), keeps the profile readable by its owner only, and uses it', async () => {
    const login = await assay(['login', '--url', server.url, '--client-id', CLIENT_ID, '--api-key', API_KEY]);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain('saved as profile "default"');
    expect(login.stdout).not.toContain(API_KEY);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(configFile, 'utf8')).profiles.default).toEqual({
      url: server.url,
      clientId: CLIENT_ID,
      apiKey: API_KEY,
    });

    const listed = await assay(['keys', 'current', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ clientId: CLIENT_ID });

    const profiles = await assay(['profiles', 'list']);
    expect(profiles.stdout).toMatch(new RegExp(`^default\\s+${server.url}\\s+${CLIENT_ID}\\s+\\*$`, 'm'));
    expect(profiles.stdout).not.toContain(API_KEY);
  });

  it('refuses to save a key the server refuses (exit 1), and asks for nothing without a terminal (exit 2)', async () => {
    const wrong = await assay(['login', '--profile', 'wrong', '--url', server.url, '--client-id', CLIENT_ID, '--api-key', 'sk_not_it']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(readFileSync(configFile, 'utf8')).profiles.wrong).toBeUndefined();
    const missing = await assay(['login', '--profile', 'missing', '--url', server.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--client-id');
  });

  it('takes flags over environment variables over the profile, and names a profile that does not exist', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.profiles.stale = { url: closed, clientId: CLIENT_ID, apiKey: API_KEY };
    writeFileSync(configFile, JSON.stringify(config));

    const viaProfile = await assay(['runs', 'list', '--profile', 'stale']);
    expect(viaProfile.code).toBe(1);
    expect(viaProfile.stderr).toContain(`cannot reach ${closed}`);
    expect((await assay(['runs', 'list'], { ASSAY_PROFILE: 'stale' })).stderr).toContain(`cannot reach ${closed}`);
    // The environment's URL wins over the profile's, a flag over both; the profile still gives the key.
    expect((await assay(['runs', 'list', '--profile', 'stale'], { ASSAY_URL: server.url })).code).toBe(0);
    expect((await assay(['runs', 'list', '--profile', 'stale', '--url', server.url], { ASSAY_URL: closed })).code).toBe(0);
    const badKey = await assay(['runs', 'list'], { ASSAY_API_KEY: 'sk_overridden' });
    expect(badKey.code).toBe(1);

    const unknown = await assay(['runs', 'list', '--profile', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no profile "nope"');
    expect(unknown.stderr).toContain('assay login --profile nope');
  });

  it('logs out: the profile is gone and commands need a key again', async () => {
    const out = await assay(['logout']);
    expect(out).toMatchObject({ code: 0, stdout: 'removed profile "default"\n' });
    expect(JSON.parse(readFileSync(configFile, 'utf8')).profiles.default).toBeUndefined();
    const anonymous = await assay(['runs', 'list']);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toContain('assay login');
    expect((await assay(['logout'])).code).toBe(2);
  });

  it('keeps profiles in ~/.config/assay without XDG_CONFIG_HOME', async () => {
    const home = path.join(dir, 'home');
    mkdirSync(home);
    const env = { HOME: home, XDG_CONFIG_HOME: '' };
    const login = await assay(['login', '--url', server.url, '--client-id', CLIENT_ID, '--api-key', API_KEY], env);
    expect(login.code, login.stderr).toBe(0);
    expect(existsSync(path.join(home, '.config', 'assay', 'config.json'))).toBe(true);
    expect((await assay(['runs', 'list'], env)).code).toBe(0);
  });
});

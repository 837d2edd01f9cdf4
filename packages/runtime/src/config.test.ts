import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to SQLite in ./data on port 8080', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.database).toMatchObject({ kind: 'sqlite', synchronous: 'normal' });
    expect(config.database.kind === 'sqlite' && config.database.file.endsWith('/data/assay.db')).toBe(true);
    expect(config.bootstrapKey).toBeNull();
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', ASSAY_LOG_LEVEL: 'loud', ASSAY_WORKER_CONCURRENCY: '-1' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('ASSAY_LOG_LEVEL');
      expect(problems).toContain('ASSAY_WORKER_CONCURRENCY');
    }
  });

  it('wants ASSAY_CLIENT_ID and ASSAY_API_KEY together', () => {
    expect(() => loadConfig({ ASSAY_CLIENT_ID: 'x' })).toThrow(/set both or neither/);
    expect(loadConfig({ ASSAY_CLIENT_ID: 'x', ASSAY_API_KEY: '0123456789abcdef' }).bootstrapKey).toEqual({
      clientId: 'x',
      secret: '0123456789abcdef',
    });
  });

  it('reads DATABASE_URL as a SQLite path or a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.db' }).database).toMatchObject({ kind: 'sqlite', file: '/tmp/x.db' });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('limits sign-ins per account and address by default, trusts no proxy unless told, and names a bad proxy entry', () => {
    expect(loadConfig({}).signIn).toEqual({
      limits: { perAccount: 10, perAddress: 30, windowMs: 15 * 60_000 },
      hashing: { concurrency: 2, queue: 16 },
      trustedProxies: { kind: 'none' },
    });
    expect(loadConfig({ ASSAY_TRUSTED_PROXIES: '10.0.0.0/8, loopback' }).signIn.trustedProxies).toEqual({
      kind: 'addresses',
      addresses: ['10.0.0.0/8', 'loopback'],
    });
    expect(loadConfig({ ASSAY_TRUSTED_PROXIES: '1' }).signIn.trustedProxies).toEqual({ kind: 'hops', hops: 1 });
    expect(() => loadConfig({ ASSAY_TRUSTED_PROXIES: 'my-proxy' })).toThrow(/ASSAY_TRUSTED_PROXIES: .*my-proxy/);
    expect(() => loadConfig({ ASSAY_PASSWORD_HASH_CONCURRENCY: '0' })).toThrow(/ASSAY_PASSWORD_HASH_CONCURRENCY/);
  });

  it('reads the web search providers, and refuses a preferred one that is not configured', () => {
    expect(loadConfig({}).search).toEqual({});
    expect(
      loadConfig({
        ASSAY_SEARXNG_URL: 'http://10.0.0.5:8888/searx/',
        ASSAY_BRAVE_API_KEY: ' BSA-key-123456 ',
        ASSAY_TAVILY_API_KEY: 'tvly-key-123456',
        ASSAY_TAVILY_BASE_URL: 'https://tavily.proxy.example/',
        ASSAY_SEARCH_PROVIDER: 'tavily',
      }).search,
    ).toEqual({
      preferred: 'tavily',
      searxng: { baseUrl: 'http://10.0.0.5:8888/searx' },
      brave: { apiKey: 'BSA-key-123456', baseUrl: 'https://api.search.brave.com' },
      tavily: { apiKey: 'tvly-key-123456', baseUrl: 'https://tavily.proxy.example' },
    });
    expect(() => loadConfig({ ASSAY_SEARCH_PROVIDER: 'brave' })).toThrow(
      /ASSAY_SEARCH_PROVIDER: brave is not configured; set ASSAY_BRAVE_API_KEY/,
    );
    expect(() => loadConfig({ ASSAY_SEARCH_PROVIDER: 'google' })).toThrow(/ASSAY_SEARCH_PROVIDER/);
    expect(() => loadConfig({ ASSAY_SEARXNG_URL: 'searx.local' })).toThrow(/ASSAY_SEARXNG_URL: must be an http\(s\) URL/);
    expect(() => loadConfig({ ASSAY_BRAVE_BASE_URL: 'ftp://brave.example' })).toThrow(/ASSAY_BRAVE_BASE_URL/);
    try {
      loadConfig({ ASSAY_TAVILY_API_KEY: 'tvly key "secret"' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toMatch(/ASSAY_TAVILY_API_KEY: must be 8-500 printable characters/);
      expect(String(error)).not.toContain('secret');
    }
  });
});

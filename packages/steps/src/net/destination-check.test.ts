import { describe, expect, it } from 'vitest';
import { destinationRefusal } from './destination-check';
import { OutboundRefusedError } from './outbound-refused-error';

/** A resolver that answers from a table and records what it was asked. */
function resolver(table: Record<string, string[] | Error | 'hang'>) {
  const asked: string[] = [];
  const resolve = (host: string): Promise<string[]> => {
    asked.push(host);
    const answer = table[host];
    if (answer === 'hang') return new Promise<string[]>(() => undefined);
    if (answer instanceof Error || answer === undefined)
      return Promise.reject(answer ?? Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    return Promise.resolve(answer);
  };
  return { resolve, asked };
}

describe('destinationRefusal', () => {
  it('decides IP literals and localhost at once, without DNS', async () => {
    const { resolve, asked } = resolver({});
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://[::1]/',
      'https://10.0.0.1/',
      'http://2130706433/',
      'http://[2002:7f00:1::]/',
      'http://localhost:8080/',
      'http://LOCALHOST./',
      'http://api.localhost/',
    ]) {
      const refusal = await destinationRefusal(url, { allow: [], resolve });
      expect(refusal, url).toBeInstanceOf(OutboundRefusedError);
      expect(refusal?.message, url).toMatch(/refused: .* (is not a public address|is a loopback name).*; allow it with ASSAY_HTTP_ALLOW$/);
    }
    expect(await destinationRefusal('http://8.8.8.8/', { allow: [], resolve })).toBeNull();
    expect(asked).toEqual([]);
  });

  it('names the address and its range', async () => {
    expect((await destinationRefusal('http://[2002:7f00:1::]:8080/x', { allow: [] }))?.message).toBe(
      'outbound request to [2002:7f00:1::] refused: 2002:7f00:1:: is not a public address (6to4 wrapping 127.0.0.1, loopback); allow it with ASSAY_HTTP_ALLOW',
    );
  });

  it('refuses a name when any address it resolves to is refused (every send to it would be)', async () => {
    const { resolve } = resolver({
      'internal.example': ['10.0.0.7'],
      'mixed.example': ['93.184.215.14', '127.0.0.1'],
      'public.example': ['93.184.215.14', '2606:4700::1111'],
    });
    expect((await destinationRefusal('https://internal.example/hook', { allow: [], resolve }))?.message).toContain(
      '10.0.0.7 is not a public address (private)',
    );
    expect((await destinationRefusal('https://mixed.example/hook', { allow: [], resolve }))?.message).toContain(
      '127.0.0.1 is not a public address (loopback)',
    );
    expect(await destinationRefusal('https://public.example/hook', { allow: [], resolve })).toBeNull();
  });

  it('accepts a name that does not resolve, or not in time: every send is checked again', async () => {
    const { resolve } = resolver({ 'slow.example': 'hang' });
    expect(await destinationRefusal('https://missing.example/hook', { allow: [], resolve })).toBeNull();
    expect(await destinationRefusal('https://slow.example/hook', { allow: [], resolve, timeoutMs: 20 })).toBeNull();
    expect(await destinationRefusal('https://hooks.invalid/x', { allow: [], resolve: () => Promise.resolve(['127.0.0.1']) })).toBeNull();
  });

  it('lets hosts in ASSAY_HTTP_ALLOW through without resolving them', async () => {
    const { resolve, asked } = resolver({ 'hooks.corp': ['10.0.0.7'] });
    expect(await destinationRefusal('http://127.0.0.1:9/hook', { allow: ['127.0.0.1'], resolve })).toBeNull();
    expect(await destinationRefusal('http://localhost:9/hook', { allow: ['localhost'], resolve })).toBeNull();
    expect(await destinationRefusal('https://hooks.corp/x', { allow: ['*.corp'], resolve })).toBeNull();
    expect(asked).toEqual([]);
  });

  it('refuses schemes other than http and https', async () => {
    expect((await destinationRefusal('ftp://example.com/x', { allow: ['*'] }))?.message).toMatch(/only http: and https: URLs are allowed/);
  });
});

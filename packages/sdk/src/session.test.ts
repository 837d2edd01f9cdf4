import { describe, expect, it } from 'vitest';
import { AssayClient } from './index';

/** A fetch that records each call and answers from `answer`. */
function recordingFetch(answer: (method: string, url: string) => { status: number; body?: unknown }) {
  const calls: Array<{ method: string; url: string; headers: Headers; credentials: RequestInit['credentials'] }> = [];
  const fetch = (async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const url = String(input);
    calls.push({ method, url, headers: new Headers(init?.headers), credentials: init?.credentials });
    const { status, body } = answer(method, url);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const SESSION = { user: { id: 'u1', email: 'a@example.com', name: 'A' }, workspaceId: 'w1', role: 'admin', csrfToken: 'csrf-1' };

describe('AssayClient in session mode (no API key)', () => {
  it('sends the cookie, no key headers, and the CSRF token on changes only', async () => {
    const held: { token?: string } = {};
    const { fetch, calls } = recordingFetch((method, url) =>
      url.endsWith('/v1/auth/sign-in')
        ? { status: 200, body: { data: SESSION } }
        : { status: method === 'POST' ? 201 : 200, body: { data: { id: 'x' } } },
    );
    const client = new AssayClient({ baseUrl: 'http://assay.test', csrfToken: () => held.token, fetch });
    const session = await client.auth.signIn({ email: 'a@example.com', password: 'secret password' });
    held.token = session.csrfToken;
    await client.workflows.get('x');
    await client.users.create({ email: 'b@example.com', name: 'B', password: 'secret password', role: 'viewer' });
    expect(calls.map((c) => [c.method, c.credentials, c.headers.get('x-csrf-token')])).toEqual([
      ['POST', 'same-origin', null],
      ['GET', 'same-origin', null],
      ['POST', 'same-origin', 'csrf-1'],
    ]);
    expect(calls.every((c) => !c.headers.has('x-metal-client-id') && !c.headers.has('x-metal-api-key'))).toBe(true);
  });

  it('answers null for the session when signed out, and setupNeeded as a boolean', async () => {
    const { fetch } = recordingFetch((_method, url) =>
      url.endsWith('/v1/auth/setup')
        ? { status: 200, body: { data: { needed: true } } }
        : { status: 401, body: { error: 'not signed in', code: 'unauthorized' } },
    );
    const client = new AssayClient({ baseUrl: 'http://assay.test', fetch });
    expect(await client.auth.session()).toBeNull();
    expect(await client.auth.setupNeeded()).toBe(true);
  });

  it('keeps key mode as it was, and refuses half a key', async () => {
    const { fetch, calls } = recordingFetch(() => ({ status: 200, body: { data: { id: 'x' } } }));
    await new AssayClient({ baseUrl: 'http://assay.test', clientId: 'c', apiKey: 'k', csrfToken: () => 't', fetch }).workflows.archive('x');
    expect(calls[0]?.credentials).toBeUndefined();
    expect(calls[0]?.headers.get('x-metal-client-id')).toBe('c');
    expect(calls[0]?.headers.get('x-csrf-token')).toBeNull();
    expect(() => new AssayClient({ baseUrl: 'http://assay.test', clientId: 'c' })).toThrow(/both/);
  });
});

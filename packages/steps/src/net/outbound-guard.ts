import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { AssayError } from '@assay/schema';
import type { Agent, Response, fetch as undiciFetch } from 'undici';
import { isAllowedHost, normalizeHost } from './allow-list';
import { firstRefused } from './ip-ranges';
import { refusedError, schemeRefusedError } from './outbound-refused-error';

export { OutboundRefusedError, refusedError } from './outbound-refused-error';

/** Settings of the outbound guard (from ASSAY_HTTP_ALLOW, parsed by `parseAllowList`). */
export interface OutboundGuardOptions {
  /** Hostnames or IPs that may be reached even though not public; `*` allows all. */
  allow: string[];
}

/** One request through the guard. Redirects are followed by the guard, re-checking every hop. */
export interface OutboundRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  maxRedirects: number;
  /** Header names (besides Authorization and Cookie) dropped when a redirect leaves the first origin. */
  sensitiveHeaders?: readonly string[];
}

/** The final response and the URL it came from (after redirects). */
export interface OutboundResponse {
  response: Response;
  url: string;
}

/** An HTTP client that reaches only globally routable unicast addresses, unless the host is allowed. */
export interface OutboundGuard {
  /** Refuses a URL whose scheme is not http(s) or whose hostname is an IP literal that is not public. */
  checkUrl(url: URL): void;
  /** Fetches `url`, following up to `maxRedirects` redirects and checking each hop (before and after DNS). */
  fetch(url: string, request: OutboundRequest): Promise<OutboundResponse>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A `net` lookup that resolves every address of a host and refuses if any of them is not public. */
function guardedLookup(allow: readonly string[]): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { family: options.family ?? 0, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      if (!isAllowedHost(hostname, allow)) {
        const refused = firstRefused(addresses.map((a) => a.address));
        if (refused) return callback(refusedError(hostname, refused));
      }
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  }) as unknown as LookupFunction;
}

/** Finds an AssayError (our refusal) anywhere in an error's `cause` chain. */
function refusalIn(error: unknown): AssayError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof AssayError) return e;
  }
  return undefined;
}

/**
 * Creates the outbound guard. The check runs after DNS resolution (a custom `connect.lookup` on an
 * undici Agent), on IP literals before connecting (Node skips lookup for those), and on every
 * redirect hop, which the guard follows itself (`redirect: 'manual'`).
 */
export function createOutboundGuard(options: OutboundGuardOptions): OutboundGuard {
  const allow = [...options.allow];
  // undici is loaded with the first request, not at start-up.
  let undici: Promise<{ dispatcher: Agent; fetch: typeof undiciFetch }> | null = null;
  const client = () =>
    (undici ??= import('undici').then(({ Agent: UndiciAgent, fetch }) => ({
      dispatcher: new UndiciAgent({ connect: { lookup: guardedLookup(allow) } }),
      fetch,
    })));

  const checkUrl = (url: URL): void => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw schemeRefusedError(url);
    const host = normalizeHost(url.hostname);
    if (isAllowedHost(host, allow)) return;
    const refused = firstRefused([host]);
    if (refused) throw refusedError(url.hostname, refused);
  };

  return {
    checkUrl,
    async fetch(start, request) {
      let url = new URL(start);
      let method = request.method.toUpperCase();
      let body = request.body;
      const headers = { ...request.headers };
      const origin = url.origin;
      const sensitive = new Set([
        'authorization',
        'cookie',
        'proxy-authorization',
        ...(request.sensitiveHeaders ?? []).map((h) => h.toLowerCase()),
      ]);
      for (let hop = 0; ; hop++) {
        checkUrl(url);
        let response: Response;
        try {
          const { dispatcher, fetch } = await client();
          response = await fetch(url, { method, headers, body, redirect: 'manual', signal: request.signal, dispatcher });
        } catch (error) {
          throw refusalIn(error) ?? error;
        }
        const location = response.headers.get('location');
        if (!REDIRECTS.has(response.status) || location === null) return { response, url: url.href };
        await response.body?.cancel().catch(() => undefined);
        if (hop >= request.maxRedirects) {
          throw new AssayError(
            'step_failed',
            `too many redirects: the request to ${new URL(start).host} redirected more than ${request.maxRedirects} times (maxRedirects)`,
          );
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new AssayError('step_failed', `${url.host} answered ${response.status} with an invalid Location header`);
        }
        if (response.status === 303 ? method !== 'HEAD' : (response.status === 301 || response.status === 302) && method === 'POST') {
          method = 'GET';
          body = undefined;
          for (const name of Object.keys(headers)) if (/^content-(type|length|encoding)$/i.test(name)) delete headers[name];
        }
        if (next.origin !== origin) {
          for (const name of Object.keys(headers)) if (sensitive.has(name.toLowerCase())) delete headers[name];
        }
        url = next;
      }
    },
    close: async () => {
      if (undici) await (await undici).dispatcher.close();
    },
  };
}

import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * A request header, read from Node's own parsed headers when Node serves the request: asking Hono
 * (`c.req.header`) builds a web `Headers` object from them first, which costs more than the whole
 * lookup on the paths that need no other header. Elsewhere (`app.request` in tests) Hono's.
 */
export function requestHeader(c: Context, name: Lowercase<string>): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

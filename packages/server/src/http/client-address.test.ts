import { describe, expect, it } from 'vitest';
import type { Context } from 'hono';
import { clientAddressReader, parseTrustedProxies, throttleAddress } from './client-address';

/** A request as @hono/node-server hands it over: Node's request in `env.incoming`. */
function requestFrom(peer: string, forwardedFor?: string): Context {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return { env: { incoming: { socket: { remoteAddress: peer }, headers } } } as unknown as Context;
}

describe('ASSAY_TRUSTED_PROXIES', () => {
  it('trusts nobody unless told, a hop count, or addresses, ranges and names', () => {
    expect(parseTrustedProxies(undefined)).toEqual({ kind: 'none' });
    expect(parseTrustedProxies(' ')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('0')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustedProxies('loopback, 10.0.0.0/8,2001:db8::1')).toEqual({
      kind: 'addresses',
      addresses: ['loopback', '10.0.0.0/8', '2001:db8::1'],
    });
  });

  it('refuses what is neither an address, a range nor a name', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8, proxy.example.com')).toThrow(/proxy\.example\.com/);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow();
    expect(() => parseTrustedProxies('99')).toThrow(/at most 32/);
  });
});

describe('throttleAddress', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6, and groups IPv6 by /64', () => {
    expect(throttleAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(throttleAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(throttleAddress('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });

  it('puts anything unreadable in one shared bucket', () => {
    expect(throttleAddress('not an address')).toBe('unknown');
    expect(throttleAddress('x'.repeat(10_000))).toBe('unknown');
  });
});

describe('clientAddressReader', () => {
  const forwarded = requestFrom('10.0.0.5', '192.0.2.1, 198.51.100.2, 203.0.113.3');

  it('answers the socket peer and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddressReader({ kind: 'none' })(forwarded)).toBe('10.0.0.5');
  });

  it('walks X-Forwarded-For from the right past trusted addresses only', () => {
    expect(clientAddressReader(parseTrustedProxies('10.0.0.0/8'))(forwarded)).toBe('203.0.113.3');
    expect(clientAddressReader(parseTrustedProxies('10.0.0.0/8, 203.0.113.3'))(forwarded)).toBe('198.51.100.2');
    // A peer that is not a trusted proxy is the client, whatever the header says.
    expect(clientAddressReader(parseTrustedProxies('172.16.0.0/12'))(forwarded)).toBe('10.0.0.5');
  });

  it('trusts the nearest hops when given a count', () => {
    expect(clientAddressReader(parseTrustedProxies('1'))(forwarded)).toBe('203.0.113.3');
    expect(clientAddressReader(parseTrustedProxies('2'))(forwarded)).toBe('198.51.100.2');
    expect(clientAddressReader(parseTrustedProxies('2'))(requestFrom('10.0.0.5'))).toBe('10.0.0.5');
  });

  it('answers the shared unknown bucket without a socket (in-process requests)', () => {
    expect(clientAddressReader({ kind: 'none' })({ env: undefined } as unknown as Context)).toBe('unknown');
  });
});

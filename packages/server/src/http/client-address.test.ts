import { describe, expect, it } from 'vitest';
import { parseTrustedProxies, throttleAddress } from './client-address';

describe('ASSAY_TRUSTED_PROXIES', () => {
  it('trusts nobody unless told, a hop count, or addresses, ranges and names', () => {
    expect(parseTrustedProxies(undefined)).toEqual({ kind: 'none' });
    expect(parseTrustedProxies(' ')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('0')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustedProxies('loopback, 10.0.0.0/8,2001:db8::1')).toEqual({ kind: 'addresses', addresses: ['loopback', '10.0.0.0/8', '2001:db8::1'] });
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

import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/**
 * Which proxies in front of Assay may say who the client is (ASSAY_TRUSTED_PROXIES): none (the
 * socket's peer is the client, X-Forwarded-For is ignored), the nearest `hops` proxies whatever their
 * address, or proxies at these addresses, CIDR ranges or proxy-addr's names (`loopback`,
 * `linklocal`, `uniquelocal`).
 */
export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

/** Parses ASSAY_TRUSTED_PROXIES: empty, a whole number of hops, or a comma-separated list; throws naming a bad entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? '';
  if (text === '') return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 32) throw new Error('a hop count must be at most 32');
    return hops === 0 ? { kind: 'none' } : { kind: 'hops', hops };
  }
  const addresses = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  // compile() throws a TypeError naming the first entry that is neither an address, a range nor a name.
  proxyaddr.compile(addresses);
  return { kind: 'addresses', addresses };
}

/** Every client whose address cannot be read or parsed shares one throttling bucket. */
const UNKNOWN = 'unknown';

/**
 * How the sign-in throttle names a client: IPv4 as is (an IPv4-mapped IPv6 address as IPv4), IPv6 by
 * its /64, since one host is routinely given a whole /64 and could otherwise sign in from 2^64
 * addresses.
 */
export function throttleAddress(address: string): string {
  if (!ipaddr.isValid(address)) return UNKNOWN;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  try {
    return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
  } catch {
    return UNKNOWN;
  }
}

/**
 * Reads the client's address from a request: the socket's peer, or with trusted proxies the first
 * address in X-Forwarded-For (from the right) that was not added by a trusted proxy.
 */
export function clientAddressReader(trusted: TrustedProxies): (c: Context) => string {
  const trust: (address: string, hop: number) => boolean =
    trusted.kind === 'none'
      ? () => false
      : trusted.kind === 'hops'
        ? (_address, hop) => hop < trusted.hops
        : proxyaddr.compile(trusted.addresses);
  return (c) => {
    // @hono/node-server passes Node's request as `incoming` (absent under app.request() in tests).
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (!incoming?.socket?.remoteAddress) return UNKNOWN;
    return throttleAddress(proxyaddr(incoming, trust));
  };
}

import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { embeddedIPv4 } from './embedded-ipv4';

/** What the outbound guard makes of one IP address. */
export interface AddressClass {
  /** The address as given (without brackets). */
  address: string;
  /**
   * Its special-purpose range in ipaddr.js's table ('loopback', 'private', 'linkLocal', 'multicast',
   * 'broadcast', 'reserved', 'carrierGradeNat', 'uniqueLocal', '6to4', 'teredo', …), 'ipv4Compatible',
   * or 'unicast' when it is in none.
   */
  range: string;
  /** Globally routable unicast: the only addresses the guard lets through. */
  public: boolean;
  /** An IPv6 address refused for the IPv4 address it wraps: that address and its range. */
  wraps?: { address: string; range: string };
}

/** IANA's global unicast block: IPv6 outside it (and outside every special range) is reserved by the IETF. */
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * Classifies an IPv4 or IPv6 literal by the special-purpose ranges of ipaddr.js (a maintained table
 * of the IANA registries). Only 'unicast' is public; an IPv6 address wrapping IPv4 (mapped,
 * compatible, NAT64, 6to4, Teredo) is public only if every IPv4 inside is. Null for a non-IP string.
 */
export function classifyAddress(address: string): AddressClass | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) {
    const range: string = ipaddr.IPv4.parse(bare).range();
    return { address: bare, range, public: range === 'unicast' };
  }
  if (family !== 6) return null;
  const v6 = parseIPv6(bare);
  const wrapped = embeddedIPv4(v6);
  if (wrapped) {
    const refused = wrapped.ipv4
      .map((v4) => ({ address: v4.toString(), range: v4.range() as string }))
      .find((inner) => inner.range !== 'unicast');
    if (refused) return { address: bare, range: wrapped.scheme, public: false, wraps: refused };
    return { address: bare, range: wrapped.scheme, public: wrapped.routable };
  }
  const range: string = v6.range();
  if (range === 'unicast' && !v6.match(GLOBAL_UNICAST)) return { address: bare, range: 'reserved', public: false };
  return { address: bare, range, public: range === 'unicast' };
}

/**
 * Whether `address` (an IPv4 or IPv6 literal) is one the guard refuses: anything but globally
 * routable unicast. Non-IP strings are reported as not private (resolve them first).
 */
export function isPrivateAddress(address: string): boolean {
  const found = classifyAddress(address);
  return found !== null && !found.public;
}

/**
 * ipaddr.js reads the deprecated `::a.b.c.d` as `::ffff:a.b.c.d`; the WHATWG URL parser (which every
 * request URL goes through) reads it as `::xxxx:xxxx`, as the socket will. The zone (`%eth0`) does
 * not change the range.
 */
function parseIPv6(text: string): ipaddr.IPv6 {
  const plain = text.split('%')[0] ?? text;
  return ipaddr.IPv6.parse(new URL(`http://[${plain}]/`).hostname.slice(1, -1));
}

/** The first address of a list the guard refuses (anything but globally routable unicast), if any. */
export function firstRefused(addresses: readonly string[]): AddressClass | undefined {
  for (const address of addresses) {
    const found = classifyAddress(address);
    if (found && !found.public) return found;
  }
  return undefined;
}

/** Why an address is refused, in a few words: "127.0.0.1 is not a public address (loopback)". */
export function describeRefusal(found: AddressClass): string {
  const inner = found.wraps ? ` wrapping ${found.wraps.address}, ${found.wraps.range}` : '';
  return `${found.address} is not a public address (${found.range}${inner})`;
}

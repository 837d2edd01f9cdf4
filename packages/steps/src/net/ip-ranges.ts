import { isIP } from 'node:net';

/** An IPv4 range as a network address and prefix length. */
interface V4Range {
  base: number;
  bits: number;
}

const V4_BLOCKED: V4Range[] = [
  { base: v4('0.0.0.0'), bits: 8 }, // "this network", incl. the unspecified 0.0.0.0
  { base: v4('127.0.0.0'), bits: 8 }, // loopback
  { base: v4('10.0.0.0'), bits: 8 }, // private
  { base: v4('172.16.0.0'), bits: 12 }, // private
  { base: v4('192.168.0.0'), bits: 16 }, // private
  { base: v4('169.254.0.0'), bits: 16 }, // link-local, incl. the 169.254.169.254 metadata address
  { base: v4('100.64.0.0'), bits: 10 }, // carrier-grade NAT (shared address space)
];

function v4(address: string): number {
  return address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function inV4Range(value: number, range: V4Range): boolean {
  const size = 2 ** (32 - range.bits);
  return value >= range.base && value < range.base + size;
}

/** Expands an IPv6 address (any valid textual form, incl. a dotted IPv4 tail) into 8 16-bit groups. */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const n = v4(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16) || 0);
}

/** The IPv4 address embedded in an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible IPv6 address. */
function embeddedV4(groups: number[]): number | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = groups;
  const high = a | b | c | d | e;
  if (high === 0 && (f === 0xffff || (f === 0 && (g !== 0 || h > 1)))) return g * 65536 + h;
  return null;
}

/**
 * Whether `address` (an IPv4 or IPv6 literal) is loopback, private, link-local, unspecified or
 * otherwise not a public internet address — including IPv4-mapped IPv6 forms of those. Non-IP
 * strings are reported as not private (resolve them first).
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return V4_BLOCKED.some((range) => inV4Range(v4(bare), range));
  if (family !== 6) return false;
  const groups = v6Groups(bare);
  const mapped = embeddedV4(groups);
  if (mapped !== null) return V4_BLOCKED.some((range) => inV4Range(mapped, range));
  const first = groups[0] ?? 0;
  if (groups.slice(0, 7).every((g) => g === 0) && (groups[7] ?? 0) <= 1) return true; // :: and ::1
  if (first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) {
    const nat64 = (groups[6] ?? 0) * 65536 + (groups[7] ?? 0); // 64:ff9b::/96 NAT64 form of an IPv4 address
    return V4_BLOCKED.some((range) => inV4Range(nat64, range));
  }
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((first & 0xffc0) === 0xfec0) return true; // fec0::/10 deprecated site-local
  return false;
}

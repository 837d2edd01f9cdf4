import ipaddr from 'ipaddr.js';

/** An IPv6 address that carries IPv4 addresses, by one of the translation or tunnelling schemes. */
export interface WrappedIPv4 {
  /** The scheme: ipaddr.js's range name ('ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo'), or 'ipv4Compatible'. */
  scheme: string;
  /** The IPv4 addresses traffic to the IPv6 address ends up at (Teredo: its server and its client). */
  ipv4: ipaddr.IPv4[];
  /** The scheme is reachable on the internet: the address is public when every IPv4 inside is. */
  routable: boolean;
}

const ipv4Of = (high: number, low: number): ipaddr.IPv4 => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

/**
 * The IPv4 addresses an IPv6 address wraps, or null when it wraps none. Such an address reaches its
 * IPv4 through the socket (mapped), a translator (NAT64, SIIT) or a tunnel (6to4, Teredo), so a
 * refused IPv4 must not become reachable by writing it inside an IPv6 one.
 */
export function embeddedIPv4(address: ipaddr.IPv6): WrappedIPv4 | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = address.parts;
  const scheme: string = address.range();
  switch (scheme) {
    // ::ffff:a.b.c.d — how a dual-stack socket names an IPv4 peer: it is that peer.
    case 'ipv4Mapped':
      return { scheme, ipv4: [ipv4Of(g, h)], routable: true };
    // ::ffff:0:a.b.c.d (SIIT, RFC 6145): meaningful only inside a translator's network.
    case 'rfc6145':
      return { scheme, ipv4: [ipv4Of(g, h)], routable: false };
    // 64:ff9b::/96 is the well-known NAT64 prefix (RFC 6052), routable; 64:ff9b:1::/48 is for local
    // use only (RFC 8215) and refused whatever it carries (its last 32 bits, the usual /96 form, are reported).
    case 'rfc6052':
      return { scheme, ipv4: [ipv4Of(g, h)], routable: c === 0 };
    // 2002:AABB:CCDD::/48 (RFC 3056): the tunnel ends at A.B.C.D.
    case '6to4':
      return { scheme, ipv4: [ipv4Of(b, c)], routable: true };
    // 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC (RFC 4380): the server, and the client stored inverted.
    case 'teredo':
      return { scheme, ipv4: [ipv4Of(c, d), ipv4Of(g ^ 0xffff, h ^ 0xffff)], routable: true };
    default:
      // ::a.b.c.d (IPv4-compatible, deprecated by RFC 4291): ipaddr.js has no range for it (:: and ::1 have theirs).
      if (scheme === 'unicast' && (a | b | c | d | e | f) === 0) return { scheme: 'ipv4Compatible', ipv4: [ipv4Of(g, h)], routable: false };
      return null;
  }
}

import { describe, expect, it } from 'vitest';
import { parseAllowList, isAllowedHost } from './allow-list';
import { classifyAddress, isPrivateAddress } from './ip-ranges';

/** [address, its range, the IPv4 address it wraps and that one's range (when refused for it)]. */
type Refused = [string, string, string?, string?];

const REFUSED: Refused[] = [
  // The gaps of the hand-kept list this replaced (issue 11, item 7).
  ['198.18.0.1', 'reserved'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['192.0.0.1', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['2002:7f00:1::', '6to4', '127.0.0.1', 'loopback'],
  // IPv4 special-purpose ranges.
  ['127.0.0.1', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.0.1', 'private'],
  ['169.254.169.254', 'linkLocal'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['192.0.2.1', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['192.88.99.1', 'reserved'],
  ['239.255.255.250', 'multicast'],
  ['192.31.196.1', 'as112'],
  ['192.52.193.1', 'amt'],
  // IPv6 special-purpose ranges.
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12::1', 'uniqueLocal'],
  ['fe80::1', 'linkLocal'],
  ['fe80::1%eth0', 'linkLocal'],
  ['fec0::1', 'deprecatedSiteLocal'],
  ['ff02::1', 'multicast'],
  ['100::1', 'discard'],
  ['2001:db8::1', 'reserved'],
  ['2001:2::1', 'benchmarking'],
  ['2001:20::1', 'orchid2'],
  ['3fff::1', 'reserved'],
  ['5f00::1', 'segmentRouting'],
  // Outside 2000::/3, IANA's global unicast block.
  ['4000::1', 'reserved'],
  ['[::1]', 'loopback'],
  // IPv4 inside IPv6: mapped, compatible, SIIT, NAT64, 6to4, Teredo.
  ['::ffff:127.0.0.1', 'ipv4Mapped', '127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'ipv4Mapped', '127.0.0.1', 'loopback'],
  ['::ffff:10.0.0.1', 'ipv4Mapped', '10.0.0.1', 'private'],
  ['::ffff:a9fe:a9fe', 'ipv4Mapped', '169.254.169.254', 'linkLocal'],
  ['::ffff:224.0.0.1', 'ipv4Mapped', '224.0.0.1', 'multicast'],
  ['::7f00:1', 'ipv4Compatible', '127.0.0.1', 'loopback'],
  ['::8.8.8.8', 'ipv4Compatible'],
  ['::127.0.0.1', 'ipv4Compatible', '127.0.0.1', 'loopback'],
  ['::ffff:0:7f00:1', 'rfc6145', '127.0.0.1', 'loopback'],
  ['::ffff:0:808:808', 'rfc6145'],
  ['64:ff9b::7f00:1', 'rfc6052', '127.0.0.1', 'loopback'],
  ['64:ff9b::a9fe:a9fe', 'rfc6052', '169.254.169.254', 'linkLocal'],
  ['64:ff9b:1::7f00:1', 'rfc6052', '127.0.0.1', 'loopback'],
  ['64:ff9b:1::808:808', 'rfc6052'],
  ['2002:a00:1::', '6to4', '10.0.0.1', 'private'],
  ['2002:c0a8:101::1', '6to4', '192.168.1.1', 'private'],
  ['2002:c612:1::', '6to4', '198.18.0.1', 'reserved'],
  // Teredo: the client is stored inverted (~127.0.0.1 = 80ff:fffe); RFC 4380's example client is 192.0.2.45.
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'teredo', '127.0.0.1', 'loopback'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo', '192.0.2.45', 'reserved'],
  ['2001:0:a00:1:8000:63bf:f7f7:f7f7', 'teredo', '10.0.0.1', 'private'],
];

/** [address, its range]: globally routable unicast, directly or through the IPv4 address it wraps. */
const PUBLIC: Array<[string, string]> = [
  ['8.8.8.8', 'unicast'],
  ['1.1.1.1', 'unicast'],
  ['172.32.0.1', 'unicast'],
  ['100.128.0.1', 'unicast'],
  ['2606:4700:4700::1111', 'unicast'],
  ['2606:4700::1111', 'unicast'],
  ['2a00:1450:4001:81b::200e', 'unicast'],
  ['::ffff:8.8.8.8', 'ipv4Mapped'],
  ['64:ff9b::808:808', 'rfc6052'],
  ['2002:808:808::1', '6to4'],
  ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'teredo'],
];

describe('classifyAddress', () => {
  it.each(REFUSED)('refuses %s (%s)', (address, range, inner, innerRange) => {
    const found = classifyAddress(address);
    expect(found).toMatchObject({ range, public: false });
    expect(found?.wraps).toEqual(inner === undefined ? undefined : { address: inner, range: innerRange });
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(PUBLIC)('lets %s through (%s)', (address, range) => {
    expect(classifyAddress(address)).toEqual({ address, range, public: true });
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('leaves names to be resolved first', () => {
    expect(classifyAddress('example.com')).toBeNull();
    expect(classifyAddress('2130706433')).toBeNull();
    expect(isPrivateAddress('localhost')).toBe(false);
  });

  it('refuses the private addresses http.request must not reach, and no public ones', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '::',
      '::1',
      'fc00::1',
      'fd12::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::7f00:1',
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });
});

describe('ASSAY_HTTP_ALLOW', () => {
  it('parses hosts, trims blanks and strips brackets', () => {
    expect(parseAllowList(' localhost, 10.0.0.5 ,,[::1]')).toEqual(['localhost', '10.0.0.5', '::1']);
    expect(parseAllowList(undefined)).toEqual([]);
  });

  it('matches exact hosts, IPv6 in any spelling, subdomains and *', () => {
    expect(isAllowedHost('[0:0::1]', ['::1'])).toBe(true);
    expect(isAllowedHost('LOCALHOST.', ['localhost'])).toBe(true);
    expect(isAllowedHost('hooks.example.internal', ['*.example.internal'])).toBe(true);
    expect(isAllowedHost('example.internal', ['*.example.internal'])).toBe(false);
    expect(isAllowedHost('10.0.0.6', ['10.0.0.5'])).toBe(false);
    expect(isAllowedHost('anything', ['*'])).toBe(true);
  });
});

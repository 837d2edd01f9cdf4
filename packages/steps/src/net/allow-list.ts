import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Parses ASSAY_HTTP_ALLOW: a comma-separated list of hostnames or IP addresses that outbound requests
 * may reach even though they are private (`*` allows everything, `*.example.internal` a domain's
 * subdomains). Blank entries are ignored; an unset value is an empty list.
 */
export function parseAllowList(value?: string): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((entry) => normalizeHost(entry.trim()))
    .filter((entry) => entry.length > 0);
}

/** Lower-cases a hostname and strips IPv6 brackets and a trailing dot, so forms compare equal. */
export function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/** Whether `hostname` (from a URL) matches an entry of the allow list. */
export function isAllowedHost(hostname: string, allow: readonly string[]): boolean {
  const host = normalizeHost(hostname);
  return allow.some((raw) => {
    const entry = normalizeHost(raw);
    if (entry === '*') return true;
    if (entry === host) return true;
    if (isIP(entry) === 6 && isIP(host) === 6)
      return ipaddr.IPv6.parse(entry).toNormalizedString() === ipaddr.IPv6.parse(host).toNormalizedString();
    if (entry.startsWith('*.')) return host.endsWith(entry.slice(1));
    return false;
  });
}

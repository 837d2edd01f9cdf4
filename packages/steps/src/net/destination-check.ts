import { lookup } from 'node:dns/promises';
import { isAllowedHost, normalizeHost } from './allow-list';
import { classifyAddress, firstRefused } from './ip-ranges';
import { loopbackNameError, refusedError, schemeRefusedError, type OutboundRefusedError } from './outbound-refused-error';

/** How long a hostname may take to resolve when a URL is registered; after that it is accepted. */
export const DESTINATION_LOOKUP_TIMEOUT_MS = 2000;

export interface DestinationCheckOptions {
  /** ASSAY_HTTP_ALLOW, parsed by `parseAllowList`. */
  allow: readonly string[];
  timeoutMs?: number;
  /** Resolves a hostname to every address (tests inject one); default: the system resolver, as the guard uses. */
  resolve?: (hostname: string) => Promise<string[]>;
}

const systemResolve = async (hostname: string): Promise<string[]> => (await lookup(hostname, { all: true })).map((a) => a.address);

/**
 * Checks a URL that Assay will call later (an event endpoint, a callback) the way the outbound guard
 * will check it then: the refusal, or null. An IP literal, `localhost` or a `*.localhost` name is
 * decided at once; another name is resolved (within `timeoutMs`) and refused when any address it has
 * now is refused, since every send to it would be. A name that does not resolve in time, or at all,
 * is accepted: DNS may change before the first send, and every send is checked again.
 */
export async function destinationRefusal(target: string | URL, options: DestinationCheckOptions): Promise<OutboundRefusedError | null> {
  const url = typeof target === 'string' ? new URL(target) : target;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return schemeRefusedError(url);
  const host = normalizeHost(url.hostname);
  if (isAllowedHost(host, options.allow)) return null;
  const literal = classifyAddress(host);
  if (literal) return literal.public ? null : refusedError(url.hostname, literal);
  // RFC 6761: localhost and every name under it mean the loopback interface, whatever DNS says.
  if (host === 'localhost' || host.endsWith('.localhost')) return loopbackNameError(host);
  // RFC 6761: names under .invalid never resolve, so they are accepted like any name that does not.
  if (host === 'invalid' || host.endsWith('.invalid')) return null;
  const addresses = await withTimeout((options.resolve ?? systemResolve)(host), options.timeoutMs ?? DESTINATION_LOOKUP_TIMEOUT_MS);
  const refused = addresses && firstRefused(addresses);
  return refused ? refusedError(url.hostname, refused) : null;
}

/** The addresses, or null when resolving failed or took longer than `ms` (the lookup is left to finish). */
async function withTimeout(resolving: Promise<string[]>, ms: number): Promise<string[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([resolving.catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

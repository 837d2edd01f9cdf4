import { AssayError } from '@assay/schema';
import { describeRefusal, type AddressClass } from './ip-ranges';

/**
 * The outbound guard refused a destination. Never retryable: the same address is refused again
 * (a caller such as event delivery fails at once on it instead of walking its backoff schedule).
 */
export class OutboundRefusedError extends AssayError {
  constructor(message: string) {
    super('step_failed', message, { retryable: false });
    this.name = 'OutboundRefusedError';
  }
}

/** The error for a refused address: names the host, the address and its range, and the way out. */
export function refusedError(host: string, found: AddressClass): OutboundRefusedError {
  return new OutboundRefusedError(`outbound request to ${host} refused: ${describeRefusal(found)}; allow it with ASSAY_HTTP_ALLOW`);
}

/** The error for a URL that is not http(s). */
export function schemeRefusedError(url: URL): OutboundRefusedError {
  return new OutboundRefusedError(`outbound request to ${url.protocol}//${url.host} refused: only http: and https: URLs are allowed`);
}

import { AssayError } from '@assay/schema';
import { describeRefusal, type AddressClass } from './ip-ranges';

/**
 * The outbound guard refused a destination. Never retryable: the same address is refused again
 * (a caller such as event delivery fails at once on it instead of walking its backoff schedule).
 */
export class OutboundRefusedError extends AssayError {
  /** Why, without the host: "127.0.0.1 is not a public address (loopback)". */
  readonly reason: string;

  constructor(target: string, reason: string, options: { allowable: boolean }) {
    super('step_failed', `outbound request to ${target} refused: ${reason}${options.allowable ? '; allow it with ASSAY_HTTP_ALLOW' : ''}`, {
      retryable: false,
    });
    this.name = 'OutboundRefusedError';
    this.reason = reason;
  }
}

/** The error for a refused address: names the host, the address and its range, and the way out. */
export function refusedError(host: string, found: AddressClass): OutboundRefusedError {
  return new OutboundRefusedError(host, describeRefusal(found), { allowable: true });
}

/** The error for a name that means this machine whatever DNS says (`localhost`, `*.localhost`). */
export function loopbackNameError(host: string): OutboundRefusedError {
  return new OutboundRefusedError(host, `${host} is a loopback name`, { allowable: true });
}

/** The error for a URL that is not http(s). */
export function schemeRefusedError(url: URL): OutboundRefusedError {
  return new OutboundRefusedError(`${url.protocol}//${url.host}`, 'only http: and https: URLs are allowed', { allowable: false });
}

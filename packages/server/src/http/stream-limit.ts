import { AssayError } from '@assay/schema';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

/**
 * A body limit that never buffers: a declared Content-Length over the limit is refused at once, and
 * a chunked body is counted as it streams and cut off (413) when it passes the limit. Used for
 * dataset uploads, which are read row by row.
 */
export function streamingBodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  const tooLarge = () => new AssayError('payload_too_large', `upload is larger than ${maxBytes} bytes`);
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
    let seen = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(tooLarge());
          else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
  };
}

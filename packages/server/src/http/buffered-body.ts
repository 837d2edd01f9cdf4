import type { IncomingMessage } from 'node:http';
import { AssayError } from '@assay/schema';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './app-env';

/**
 * The body limit of every route but uploads, and the way their bodies are read. Served by Node (the
 * real server), the body is read straight from Node's request into one buffer — refused with 413 as
 * soon as a declared Content-Length or the bytes received pass the limit — and handed to Hono's body
 * cache, so reading it as JSON or text builds no web `Request` or stream; a request without a body
 * (GET, HEAD) costs nothing. Elsewhere (`app.request` in tests) Hono's own `bodyLimit` applies it.
 */
export function bufferedBodyLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  const tooLarge = () => new AssayError('payload_too_large', `request body is larger than ${maxBytes} bytes`);
  const fallback = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming) return fallback(c, next);
    const method = incoming.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const declared = incoming.headers['content-length'];
    if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge();
    const bytes = await readUpTo(incoming, maxBytes, tooLarge);
    // Should anything still ask for the web Request's body, the node server builds it from these bytes.
    (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = bytes;
    // Hono keeps promises in its body cache (its type says values).
    const bodyCache = c.req.bodyCache as Record<string, Promise<unknown>>;
    bodyCache.arrayBuffer = Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    bodyCache.text = Promise.resolve(bytes.toString('utf8'));
    return next();
  };
}

/** The whole body, or `tooLarge()` once more than `maxBytes` arrived (the rest is not read). */
function readUpTo(incoming: IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let seen = 0;
    const onData = (chunk: Buffer) => {
      seen += chunk.byteLength;
      if (seen > maxBytes) {
        cleanup();
        incoming.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, seen));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
  });
}

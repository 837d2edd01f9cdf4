import { AssayError } from '@assay/schema';
import type { Response } from 'undici';

/**
 * Reads a response body into memory, refusing (non-retryably) once it exceeds `maxBytes` — checked
 * against Content-Length up front and against the decoded bytes as they stream in.
 */
export async function readBody(response: Response, maxBytes: number, host: string): Promise<Uint8Array> {
  const tooLarge = () => new AssayError('step_failed', `response from ${host} is larger than maxResponseBytes (${maxBytes} bytes)`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

import { AssayError } from '@assay/schema';
import type { LimitedResponse } from './guarded-fetch';

/** A request body as text with its default content type. */
export interface EncodedBody {
  text: string;
  contentType: string;
}

/**
 * Encodes `body` as the request payload. Strings are sent as they are (text by default, or as
 * already-serialised JSON with `bodyType: json`); other values as JSON by default, or as
 * `application/x-www-form-urlencoded` with `bodyType: form` (an object of scalars or lists).
 */
export function encodeBody(method: string, body: unknown, bodyType: 'json' | 'text' | 'form' | undefined): EncodedBody | null {
  if (body === undefined) return null;
  if (method === 'GET' || method === 'HEAD') throw new AssayError('invalid_input', `body: a ${method} request cannot have a body`);
  const type = bodyType ?? (typeof body === 'string' ? 'text' : 'json');
  if (type === 'form') {
    if (typeof body === 'string') return { text: body, contentType: 'application/x-www-form-urlencoded' };
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AssayError('invalid_input', 'body: a form body must be an object');
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item === null || item === undefined) continue;
        params.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
      }
    }
    return { text: params.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  if (type === 'text') return { text: typeof body === 'string' ? body : JSON.stringify(body), contentType: 'text/plain; charset=utf-8' };
  return { text: typeof body === 'string' ? body : JSON.stringify(body), contentType: 'application/json' };
}

/** Whether a content type is JSON (`application/json` or any `+json` type). */
export function isJsonContentType(contentType: string): boolean {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || essence.endsWith('+json');
}

/**
 * Decodes a response body: parsed JSON when `responseType` is `json` (or, when unset, the content
 * type is JSON), otherwise UTF-8 text. An empty JSON body is null; invalid JSON is a final error.
 */
export function decodeResponse(response: LimitedResponse, responseType: 'json' | 'text' | undefined): unknown {
  const text = new TextDecoder().decode(response.bytes);
  const type = responseType ?? (isJsonContentType(response.contentType) ? 'json' : 'text');
  if (type === 'text') return text;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const host = new URL(response.url).host;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AssayError('step_failed', `response from ${host} is not valid JSON (${reason}); set responseType: text to get it as text`);
  }
}

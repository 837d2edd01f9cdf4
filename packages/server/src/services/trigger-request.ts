import { AssayError } from '@assay/schema';

/** A webhook call as templates and input mappings read it: `trigger.body`, `trigger.headers`, `trigger.query`. */
export interface TriggerRequest {
  body: unknown;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;

/**
 * A webhook body as the sender meant it: JSON of any shape (an object, an array of events, …) or a
 * form post (`application/x-www-form-urlencoded`: fields as strings, a repeated field as a list).
 * Anything else is refused with 415, naming what is accepted.
 */
export function parseTriggerBody(raw: string, contentType: string | undefined): unknown {
  if (JSON_TYPE.test(contentType ?? '')) {
    if (raw.trim() === '') return {};
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw new AssayError('invalid_input', 'Malformed JSON in request body');
    }
  }
  if (FORM_TYPE.test(contentType ?? '')) return formFields(new URLSearchParams(raw));
  throw new AssayError(
    'unsupported_media_type',
    'the body must be JSON (Content-Type: application/json) or a form post (application/x-www-form-urlencoded)',
  );
}

/** Form fields or query parameters as an object: one value as a string, a repeated name as a list. */
export function formFields(params: URLSearchParams): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of params) {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return { ...fields };
}

/**
 * Headers that could carry a credential: never kept with a run, shown to a template or passed to a
 * mapping (the signature and the secret header are checked, then dropped).
 */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|x-metal-api-key)$|secret|token|signature|password|api-?key|auth/i;

/** The request's headers without those that could carry a secret, lower-cased, one value each. */
export function triggerHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (!SECRET_HEADER.test(name)) kept[name.toLowerCase()] = value;
  return kept;
}

import { z } from 'zod';
import { AssayError } from './errors';

/**
 * A run's metadata: a small object callers keep their own ids in beside a run
 * (`{ "crmDealId": "D-1042", "source": "hubspot" }`), returned on the run and filterable in the run
 * lists (`?metadata.crmDealId=D-1042`). Values are strings, numbers or booleans, returned as given;
 * filters compare their string form.
 */
export const RUN_METADATA_LIMITS = {
  /** Keys per run. */
  keys: 16,
  /** Characters of a value's string form. */
  valueLength: 256,
  /** Bytes of the whole object as JSON. */
  bytes: 4096,
  /** `metadata.<key>=<value>` filters per list request. */
  filters: 4,
} as const;

/** What a metadata key may be: 1–64 letters, digits, `_`, `.` or `-`. */
export const RUN_METADATA_KEY = /^[A-Za-z0-9_.-]{1,64}$/;
const KEY_RULE = 'key must be 1 to 64 characters, each a letter, digit, "_", "." or "-"';

export type RunMetadataValue = string | number | boolean;
export type RunMetadata = Record<string, RunMetadataValue>;

const utf8 = new TextEncoder();
const MetadataValue = z.union([z.string(), z.number(), z.boolean()], { error: 'value must be a string, number or boolean' });

/** A run's metadata as the API returns it (`{}` when it has none). */
export const RunMetadata = z.record(z.string(), MetadataValue).meta({
  id: 'RunMetadata',
  description: "The caller's own keys kept beside the run (strings, numbers or booleans, as given at creation)",
  example: { crmDealId: 'D-1042', source: 'hubspot' },
});

/** The string form a value is stored, indexed and filtered as. */
export function runMetadataText(value: RunMetadataValue): string {
  return String(value);
}

/** Metadata in a create body: the limits above, each breach a 400 naming the field (`metadata.<key>`). */
export const RunMetadataInput = z
  .record(z.string(), MetadataValue, { error: 'must be an object of string, number or boolean values' })
  .superRefine((metadata, ctx) => {
    const keys = Object.keys(metadata);
    if (keys.length > RUN_METADATA_LIMITS.keys)
      ctx.addIssue({ code: 'custom', path: [], message: `at most ${RUN_METADATA_LIMITS.keys} keys (got ${keys.length})` });
    for (const key of keys) {
      if (!RUN_METADATA_KEY.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: KEY_RULE });
        continue;
      }
      const text = runMetadataText(metadata[key] as RunMetadataValue);
      if (text.length > RUN_METADATA_LIMITS.valueLength)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `value must be at most ${RUN_METADATA_LIMITS.valueLength} characters (got ${text.length})`,
        });
    }
    const bytes = utf8.encode(JSON.stringify(metadata)).length;
    if (bytes > RUN_METADATA_LIMITS.bytes)
      ctx.addIssue({ code: 'custom', path: [], message: `at most ${RUN_METADATA_LIMITS.bytes} bytes as JSON (got ${bytes})` });
  })
  .meta({
    description:
      `The caller's own keys kept beside the run and filterable in the run lists (\`?metadata.<key>=<value>\`): ` +
      `at most ${RUN_METADATA_LIMITS.keys} keys matching \`${RUN_METADATA_KEY.source}\`, values strings, numbers or booleans ` +
      `of at most ${RUN_METADATA_LIMITS.valueLength} characters, ${RUN_METADATA_LIMITS.bytes} bytes of JSON in all`,
    example: { crmDealId: 'D-1042', source: 'hubspot' },
  });

/** The query parameters a run list filters metadata by: `metadata.<key>=<value>`. */
export const RUN_METADATA_FILTER_PREFIX = 'metadata.';

/** How the run lists describe their metadata filter (OpenAPI). */
export const RUN_METADATA_FILTER_DESCRIPTION =
  `Filter by metadata with \`${RUN_METADATA_FILTER_PREFIX}<key>=<value>\` query parameters (exact match on the value's ` +
  `string form; up to ${RUN_METADATA_LIMITS.filters}, all must match), combined with the other filters.`;

/**
 * The `metadata.<key>=<value>` filters of a run list's query (every parameter with its values, as
 * `URLSearchParams` or Hono's `queries()` give them), as `[key, value]` pairs; undefined when none.
 * A bad key, a long value, a key given twice or too many filters is a 400 naming the parameter.
 */
export function parseRunMetadataFilter(query: Record<string, readonly string[]>): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  for (const [name, values] of Object.entries(query)) {
    if (!name.startsWith(RUN_METADATA_FILTER_PREFIX)) continue;
    const key = name.slice(RUN_METADATA_FILTER_PREFIX.length);
    const fail = (message: string) => new AssayError('invalid_input', `${name}: ${message}`, { details: [{ path: name, message }] });
    if (!RUN_METADATA_KEY.test(key)) throw fail(KEY_RULE);
    if (values.length !== 1) throw fail('give each metadata key once');
    const value = values[0] as string;
    if (value.length > RUN_METADATA_LIMITS.valueLength)
      throw fail(`value must be at most ${RUN_METADATA_LIMITS.valueLength} characters (got ${value.length})`);
    pairs.push([key, value]);
  }
  if (pairs.length > RUN_METADATA_LIMITS.filters) {
    const message = `at most ${RUN_METADATA_LIMITS.filters} metadata filters (got ${pairs.length})`;
    throw new AssayError('invalid_input', `metadata: ${message}`, { details: [{ path: 'metadata', message }] });
  }
  return pairs.length > 0 ? pairs : undefined;
}

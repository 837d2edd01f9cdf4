/** Conversions between stored columns (ms integers, JSON text) and API values. */

export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export function fromJson<T = unknown>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(Number(ms)).toISOString();
}

/** PostgreSQL returns bigint columns as strings; SQLite as numbers. */
export function toMs(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

import { ErrorEnvelope, Id } from '@assay/schema';
import { z } from 'zod';

/** `{ data: T }` */
export const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });

/** `{ data: T[] }` with the cursor for the next page. */
export const list = <T extends z.ZodType>(schema: T) =>
  z.object({
    data: z.array(schema),
    hasMore: z.boolean().meta({ description: 'More items follow: pass nextCursor as `lt` (or `gt` when ascending)' }),
    nextCursor: z.string().nullable(),
  });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const error = (description: string) => json(ErrorEnvelope, description);

/** The error answers every authenticated endpoint may give. */
export const errors = {
  400: error('Malformed or invalid request; `details` names each offending field'),
  401: error('Missing or invalid API key'),
  403: error("The API key's scope does not allow this"),
  404: error('Not found in your workspace'),
  429: error('Rate limited; see Retry-After'),
} as const;

export const conflict = { 409: error('Valid, but not allowed in the current state') } as const;

/** The public base URL for links this server hands out: ASSAY_PUBLIC_URL, or the request's origin. */
export function publicBase(requestUrl: string, publicUrl: string | null): string {
  return (publicUrl ?? new URL(requestUrl).origin).replace(/\/$/, '');
}

/** Path parameter `{id}`. */
export const IdParam = z.object({ id: Id.meta({ param: { name: 'id', in: 'path' } }) });

/** Security requirement for `/v1` endpoints. */
export const security = [{ clientId: [], apiKey: [] }];

/**
 * A list answer from one row more than the page holds (`limit + 1` were asked for): whether more
 * follows is then known, not guessed from a full page.
 */
export function page<T extends { id: string }>(items: T[], limit: number): { data: T[]; hasMore: boolean; nextCursor: string | null } {
  const hasMore = items.length > limit;
  const data = hasMore ? items.slice(0, limit) : items;
  return { data, hasMore, nextCursor: hasMore ? (data[data.length - 1]?.id ?? null) : null };
}

/** The query to send to the store for a page: one row more than the page, to know if more follow. */
export function peek<Q extends { limit: number }>(query: Q): Q {
  return { ...query, limit: query.limit + 1 };
}

import { z } from 'zod';

/** Ids are 24 lower-case hex characters, ordered by creation time (ObjectId-style). */
export const ID_PATTERN = /^[0-9a-f]{24}$/;

/** A resource id as it appears in paths and bodies. */
export const Id = z.string().regex(ID_PATTERN, 'must be a 24-character hex id');

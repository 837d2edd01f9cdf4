import { z } from 'zod';
import { Id } from './ids';

export const CREDENTIAL_TYPES = ['api_key', 'token', 'basic', 'connection', 'secret'] as const;

/** A named secret as the API shows it: never its value. */
export const Credential = z
  .object({ id: Id, name: z.string(), type: z.enum(CREDENTIAL_TYPES), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Credential', description: 'A named secret; its value is write-only' });
export type Credential = z.infer<typeof Credential>;

export const CreateCredential = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be 1-100 letters, digits, ".", "_" or "-"'),
    type: z.enum(CREDENTIAL_TYPES).default('secret'),
    value: z
      .string()
      .min(1)
      .max(64 * 1024),
  })
  .strict()
  .meta({ id: 'CreateCredential' });
export type CreateCredential = z.input<typeof CreateCredential>;

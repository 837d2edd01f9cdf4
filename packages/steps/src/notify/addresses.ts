import { z } from 'zod';

/** One mailbox: its address and display name ('' when none). */
export interface Mailbox {
  name: string;
  address: string;
}

const EMAIL = z.email();
// `Ada Lovelace <ada@example.com>` or `"Lovelace, Ada" <ada@example.com>`: a display name (quoted when
// it holds a comma or semicolon) before the address in angle brackets. Bounded, so a long value costs little.
const NAMED = /^(?:"([^"\\\r\n]{0,200})"|([^"<>,;\\\r\n]{0,200}?))\s*<([^<>\s]{1,320})>$/;

/** The mailbox `text` names (`ada@example.com`, `Ada <ada@example.com>`), or null when it is not one. */
export function parseMailbox(text: string): Mailbox | null {
  const value = text.trim();
  if (value.length > 600) return null;
  const named = NAMED.exec(value);
  const address = named ? named[3]! : value;
  if (!EMAIL.safeParse(address).success) return null;
  return { name: named ? (named[1] ?? named[2] ?? '').trim() : '', address };
}

/** An email address, optionally with a display name: checked with zod's email check. */
export const EmailAddress = z
  .string()
  .max(600)
  .refine((value) => parseMailbox(value) !== null, {
    message: 'must be an email address: ada@example.com or Ada Lovelace <ada@example.com>',
  });

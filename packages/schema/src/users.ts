import { z } from 'zod';
import { Id } from './ids';
import type { KeyScope } from './resources';

/** A user's role in a workspace: what they may do there. */
export const USER_ROLES = ['admin', 'editor', 'viewer'] as const;
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

/** The API scope each role is given: viewers read, editors build and run workflows, admins do everything. */
export const ROLE_SCOPES: Record<UserRole, KeyScope> = { viewer: 'read', editor: 'edit', admin: 'admin' };

/** Passwords: 8 to 200 characters (any characters). */
export const Password = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');
export const Email = z.email('must be an email address').max(320);
export const UserName = z.string().trim().min(1).max(200);

/** A signed-in user as the session shows them. */
export const SessionUser = z.object({ id: Id, email: z.string(), name: z.string() }).meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof SessionUser>;

/** The calling browser session (`GET /v1/auth/session`, and the answer to setup and sign-in). */
export const Session = z
  .object({
    user: SessionUser,
    workspaceId: Id,
    role: UserRole,
    csrfToken: z.string().meta({ description: 'Send it as `x-csrf-token` on every request that is not GET, HEAD or OPTIONS' }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

/** A member of the workspace (`/v1/users`). Never the password or its hash. */
export const User = z.object({ id: Id, email: z.string(), name: z.string(), role: UserRole, createdAt: z.string() }).meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const SetupNeeded = z
  .object({ needed: z.boolean().meta({ description: 'No user exists yet: the first one may be created without signing in' }) })
  .meta({ id: 'SetupNeeded' });

export const SetupBody = z.object({ email: Email, name: UserName, password: Password }).strict().meta({ id: 'SetupBody' });
export type SetupBody = z.infer<typeof SetupBody>;

export const SignInBody = z
  .object({ email: z.string().min(1).max(320), password: z.string().min(1).max(200) })
  .strict()
  .meta({ id: 'SignInBody' });
export type SignInBody = z.infer<typeof SignInBody>;

export const CreateUserBody = z
  .object({ email: Email, name: UserName, password: Password, role: UserRole })
  .strict()
  .meta({ id: 'CreateUserBody' });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({ role: UserRole.optional(), name: UserName.optional(), password: Password.optional() })
  .strict()
  .meta({ id: 'UpdateUserBody' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

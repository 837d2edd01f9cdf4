import type { KeyScope } from '@assay/schema';

/** Who is calling: resolved on every `/v1` request from the API key or the browser session cookie. */
export interface Principal {
  /** The API key's id (null for a signed-in user). */
  keyId: string | null;
  /** The API key's public client id (null for a signed-in user). */
  clientId: string | null;
  /** The signed-in user's id (null for an API key). */
  userId: string | null;
  /** The session's id (null for an API key). */
  sessionId: string | null;
  /** `key:<id>` or `user:<id>`: how the audit log names the caller. */
  actor: string;
  /** The key's client id or the user's email. */
  actorName: string;
  workspaceId: string;
  /** The key's scope, or the scope of the user's role (viewer: read, editor: edit, admin: admin). */
  scope: KeyScope;
}

/** Hono context variables set by Assay's middleware. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}

import type { KeyScope } from '@assay/schema';

/** Who is calling: resolved from the API key on every `/v1` request. */
export interface Principal {
  keyId: string;
  clientId: string;
  workspaceId: string;
  scope: KeyScope;
}

/** Hono context variables set by Assay's middleware. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}

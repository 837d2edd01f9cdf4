import type { Logger } from '@assay/engine';
import type { Store } from '@assay/store';
import type { AssayConfig } from '../config';
import { hashSecret, newClientId, newSecret } from '@assay/server/services';

/** What the first start created, to print once. */
export interface FirstStart {
  workspaceId: string;
  clientId: string;
  secret: string;
}

/**
 * Makes sure someone can call the API: with ASSAY_CLIENT_ID and ASSAY_API_KEY set, that key exists
 * (admin, default workspace) before the server listens; otherwise the first start creates a
 * workspace and an admin key and returns them so they can be printed once.
 */
export async function bootstrapAccess(
  store: Store,
  config: AssayConfig,
  logger: Logger,
): Promise<{ workspaceId: string; created: boolean; firstStart: FirstStart | null }> {
  const { workspace, created: isFirstStart } = await store.access.ensureDefaultWorkspace('default');
  if (config.bootstrapKey) {
    await store.access.ensureKey({
      workspaceId: workspace.id,
      name: 'bootstrap (ASSAY_CLIENT_ID)',
      clientId: config.bootstrapKey.clientId,
      secretHash: hashSecret(config.bootstrapKey.secret),
      scope: 'admin',
    });
    logger.info({ clientId: config.bootstrapKey.clientId }, 'API key from ASSAY_CLIENT_ID is ready');
    return { workspaceId: workspace.id, created: isFirstStart, firstStart: null };
  }
  if (!isFirstStart) return { workspaceId: workspace.id, created: false, firstStart: null };
  const secret = newSecret();
  const key = await store.access.createKey({
    workspaceId: workspace.id,
    name: 'first admin key',
    clientId: newClientId(),
    secretHash: hashSecret(secret),
    scope: 'admin',
  });
  return { workspaceId: workspace.id, created: true, firstStart: { workspaceId: workspace.id, clientId: key.clientId, secret } };
}

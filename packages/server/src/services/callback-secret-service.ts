import type { Store } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import { CallbackSecrets, type CallbackSecretValue } from './delivery/callback-secrets';
import type { SecretBox } from './secret-box';

/** The workspace's callback signing secret as the API reads and rotates it; a rotation is recorded in the audit log. */
export class CallbackSecretService {
  private readonly secrets: CallbackSecrets;

  constructor(
    private readonly store: Store,
    box: SecretBox,
  ) {
    this.secrets = new CallbackSecrets(store, box);
  }

  /** The secret (created on first use). */
  get(workspaceId: string): Promise<CallbackSecretValue> {
    return this.secrets.get(workspaceId);
  }

  /** Replaces the secret; callbacks from now on are signed with the new one. */
  async rotate(workspaceId: string, by: Principal): Promise<CallbackSecretValue> {
    const rotated = await this.secrets.rotate(workspaceId);
    await audit(this.store, by, 'callback_secret.rotated', { type: 'workspace', id: workspaceId });
    return rotated;
  }
}

import type { Store } from '@assay/store';
import type { SecretBox } from '../secret-box';
import { newWebhookSecret } from '../webhook-signature';

export interface CallbackSecretValue {
  secret: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * The per-workspace secret that signs run callbacks (`callbackUrl`) of runs no webhook trigger
 * started: created on first use, sealed at rest, readable and rotatable by admin keys.
 */
export class CallbackSecrets {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
  ) {}

  async get(workspaceId: string): Promise<CallbackSecretValue> {
    const sealed = await this.store.endpoints.callbackSecret(workspaceId, () => this.box.seal(newWebhookSecret()));
    return { ...sealed, secret: this.box.open(sealed.secret, `the callback secret of workspace ${workspaceId}`) };
  }

  async rotate(workspaceId: string): Promise<CallbackSecretValue> {
    const secret = newWebhookSecret();
    const stored = await this.store.endpoints.rotateCallbackSecret(workspaceId, this.box.seal(secret));
    return { ...stored, secret };
  }
}

import { AssayError } from '@assay/schema';
import type { CredentialRecord, Store } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import type { SecretBox } from './secret-box';

/** What a credential is made of as the API takes it: the value is sealed before it is stored. */
export interface CredentialInput {
  type: CredentialRecord['type'];
  value: string;
}

/** Credentials: write-only values, sealed at rest; every change is recorded in the audit log. */
export class CredentialService {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
  ) {}

  /** A page plus one (to know whether more follow). */
  list(workspaceId: string, query: { limit: number; lt?: string; direction: 'asc' | 'desc' }): Promise<CredentialRecord[]> {
    return this.store.credentials.list(workspaceId, { ...query, limit: query.limit + 1 });
  }

  /** 409 when the name is taken in the workspace. */
  async create(workspaceId: string, credential: CredentialInput & { name: string }, by: Principal): Promise<CredentialRecord> {
    const created = await this.store.credentials.create({
      workspaceId,
      name: credential.name,
      type: credential.type,
      sealed: this.box.seal(credential.value),
    });
    if (!created)
      throw new AssayError('conflict', `a credential named "${credential.name}" already exists`, {
        details: [{ path: 'name', message: 'already exists' }],
      });
    await audit(this.store, by, 'credential.created', { type: 'credential', id: created.id }, { name: created.name, type: created.type });
    return created;
  }

  async replace(workspaceId: string, id: string, credential: CredentialInput, by: Principal): Promise<CredentialRecord> {
    const replaced = await this.store.credentials.replace(workspaceId, id, {
      type: credential.type,
      sealed: this.box.seal(credential.value),
    });
    if (!replaced) throw new AssayError('not_found', `credential ${id} not found`);
    await audit(
      this.store,
      by,
      'credential.replaced',
      { type: 'credential', id: replaced.id },
      { name: replaced.name, type: replaced.type },
    );
    return replaced;
  }

  /** The deleted credential (as it was). */
  async remove(workspaceId: string, id: string, by: Principal): Promise<CredentialRecord> {
    const existing = await this.store.credentials.get(workspaceId, id);
    if (!existing || !(await this.store.credentials.remove(workspaceId, id)))
      throw new AssayError('not_found', `credential ${id} not found`);
    await audit(this.store, by, 'credential.deleted', { type: 'credential', id: existing.id }, { name: existing.name });
    return existing;
  }
}

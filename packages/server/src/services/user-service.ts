import { AssayError, type UserRole } from '@assay/schema';
import type { MemberRecord, MemberRefusal, Store } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import type { HashingSlots } from './hashing-slots';
import { hashPassword } from './passwords';

const LAST_ADMIN = 'the workspace needs at least one admin: make another user admin first';

/** A member, or the error for why the store refused (or did not find) them. */
function accepted(result: MemberRecord | MemberRefusal | null, id: string): MemberRecord {
  if (result === null) throw new AssayError('not_found', `user ${id} not found`);
  if (result === 'last_admin') throw new AssayError('conflict', LAST_ADMIN);
  if (typeof result === 'string')
    throw new AssayError('conflict', 'a user with this email already exists', { details: [{ path: 'email', message: 'already exists' }] });
  return result;
}

/** The workspace's members (browser users) and their roles; every change is recorded in the audit log. */
export class UserService {
  /** `forgetUser(id)`: the user's cached sessions are dropped, so a new role or a removal applies at once. */
  constructor(
    private readonly store: Store,
    private readonly hashing: HashingSlots,
    private readonly forgetUser: (userId: string) => void = () => undefined,
  ) {}

  /** Every member, oldest first. */
  list(workspaceId: string): Promise<MemberRecord[]> {
    return this.store.users.listMembers(workspaceId);
  }

  /** 409 when the email is taken (in any workspace). */
  async create(
    workspaceId: string,
    request: { email: string; name: string; password: string; role: UserRole },
    by: Principal,
  ): Promise<MemberRecord> {
    const passwordHash = await this.hashing.run(() => hashPassword(request.password));
    const created = accepted(
      await this.store.users.createMember({ workspaceId, email: request.email, name: request.name, passwordHash, role: request.role }),
      '',
    );
    await audit(this.store, by, 'user.created', { type: 'user', id: created.id }, { email: created.email, role: created.role });
    return created;
  }

  /** A new password ends the user's other sessions (the caller's own session stays); 409 for demoting the last admin. */
  async update(
    workspaceId: string,
    id: string,
    changes: { role?: UserRole; name?: string; password?: string },
    by: Principal,
  ): Promise<MemberRecord> {
    const { password } = changes;
    const passwordHash = password === undefined ? undefined : await this.hashing.run(() => hashPassword(password));
    const updated = accepted(
      await this.store.users.updateMember(workspaceId, id, { role: changes.role, name: changes.name, passwordHash }),
      id,
    );
    if (passwordHash) await this.store.users.deleteSessionsOfUser(id, by.userId === id ? (by.sessionId ?? undefined) : undefined);
    this.forgetUser(id);
    const changed = {
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(passwordHash ? { passwordChanged: true } : {}),
    };
    await audit(this.store, by, 'user.updated', { type: 'user', id }, { email: updated.email, ...changed });
    return updated;
  }

  /** Removes the user from the workspace and ends their sessions; 409 for the last admin. */
  async remove(workspaceId: string, id: string, by: Principal): Promise<MemberRecord> {
    const removed = accepted(await this.store.users.removeMember(workspaceId, id), id);
    this.forgetUser(id);
    await audit(this.store, by, 'user.deleted', { type: 'user', id }, { email: removed.email, role: removed.role });
    return removed;
  }
}

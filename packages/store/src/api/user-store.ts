import type { Selectable, Transaction } from 'kysely';
import type { Database, Db, MembershipsTable, UsersTable } from '../database';
import { newId } from '../ids';
import type { StoreDialect } from '../dialect/dialect';
import type { WriteBatcher } from '../write-batcher';

export type MemberRole = 'admin' | 'editor' | 'viewer';

/** A user as sign-in needs it (with the password hash: never hand it to an API answer). */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: number;
}

/** A user in one workspace, with their role there (no password hash). */
export interface MemberRecord {
  id: string;
  email: string;
  name: string;
  workspaceId: string;
  role: MemberRole;
  createdAt: number;
}

/** A browser session as the auth layer needs it: the session, its user and their current role. */
export interface SessionRecord {
  id: string;
  userId: string;
  workspaceId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  user: { id: string; email: string; name: string };
  role: MemberRole;
}

export interface NewMember {
  workspaceId: string;
  /** Lower-cased by the store. */
  email: string;
  name: string;
  passwordHash: string;
  role: MemberRole;
}

/** Why a change to a member was refused. */
export type MemberRefusal = 'email_taken' | 'users_exist' | 'last_admin';

/** Users, their role per workspace (memberships) and their browser sessions. */
export class UserStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly dialect: StoreDialect,
  ) {}

  /** Whether any user exists at all (none: the first one may be created by setup). */
  async anyUser(): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Creates a user and makes them a member of the workspace. Refuses an email any user already has
   * (`email_taken`), and with `onlyIfFirst` refuses when any user exists (`users_exist`).
   */
  createMember(member: NewMember, options: { onlyIfFirst?: boolean } = {}): Promise<MemberRecord | MemberRefusal> {
    const email = member.email.trim().toLowerCase();
    return this.writes.write(async (trx) => {
      // The workspace row is the lock that serialises concurrent setups (and member creation) on PostgreSQL.
      await this.dialect.forUpdate(trx.selectFrom('workspaces').select('id').where('id', '=', member.workspaceId)).execute();
      if (options.onlyIfFirst && (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst())) return 'users_exist';
      if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) return 'email_taken';
      const now = Date.now();
      const id = newId(now);
      await trx.insertInto('users').values({ id, email, name: member.name, password_hash: member.passwordHash, created_at: now }).execute();
      await trx
        .insertInto('memberships')
        .values({ user_id: id, workspace_id: member.workspaceId, role: member.role, created_at: now })
        .execute();
      return { id, email, name: member.name, workspaceId: member.workspaceId, role: member.role, createdAt: now };
    });
  }

  /** The user with this email (any case), with the workspace they belong to (the oldest membership), if any. */
  async findByEmail(email: string): Promise<{ user: UserRecord; membership: { workspaceId: string; role: MemberRole } | null } | null> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    if (!row) return null;
    const membership = await this.db
      .selectFrom('memberships')
      .select(['workspace_id', 'role'])
      .where('user_id', '=', row.id)
      .orderBy('created_at')
      .orderBy('workspace_id')
      .limit(1)
      .executeTakeFirst();
    return {
      user: { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash, createdAt: Number(row.created_at) },
      membership: membership ? { workspaceId: membership.workspace_id, role: membership.role as MemberRole } : null,
    };
  }

  async getMember(workspaceId: string, userId: string): Promise<MemberRecord | null> {
    const row = await this.members(this.db)
      .where('memberships.workspace_id', '=', workspaceId)
      .where('users.id', '=', userId)
      .executeTakeFirst();
    return row ? toMember(row) : null;
  }

  /** The workspace's members, oldest first. */
  async listMembers(workspaceId: string): Promise<MemberRecord[]> {
    const rows = await this.members(this.db).where('memberships.workspace_id', '=', workspaceId).orderBy('users.id').execute();
    return rows.map(toMember);
  }

  /**
   * Changes a member's role, name or password hash. Refuses to demote the workspace's last admin
   * (`last_admin`); null when the user is not a member of the workspace.
   */
  updateMember(
    workspaceId: string,
    userId: string,
    changes: { role?: MemberRole; name?: string; passwordHash?: string },
  ): Promise<MemberRecord | MemberRefusal | null> {
    return this.writes.write(async (trx) => {
      const current = await this.members(trx)
        .where('memberships.workspace_id', '=', workspaceId)
        .where('users.id', '=', userId)
        .executeTakeFirst();
      if (!current) return null;
      if (changes.role && changes.role !== 'admin' && current.role === 'admin' && (await this.isLastAdmin(trx, workspaceId, userId)))
        return 'last_admin';
      if (changes.role)
        await trx
          .updateTable('memberships')
          .set({ role: changes.role })
          .where('workspace_id', '=', workspaceId)
          .where('user_id', '=', userId)
          .execute();
      const userChanges = {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      };
      if (Object.keys(userChanges).length > 0) await trx.updateTable('users').set(userChanges).where('id', '=', userId).execute();
      return toMember({ ...current, role: changes.role ?? current.role, name: changes.name ?? current.name });
    });
  }

  /**
   * Swaps a user's password hash for a stronger one of the same password (rehash on sign-in), only
   * while it is still `current`: a password changed in the meantime is never overwritten.
   */
  upgradePasswordHash(userId: string, current: string, upgraded: string): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const result = await trx
        .updateTable('users')
        .set({ password_hash: upgraded })
        .where('id', '=', userId)
        .where('password_hash', '=', current)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  /**
   * Removes a member from the workspace with their sessions there; a user left without any
   * workspace is deleted. Refuses to remove the last admin; null when not a member.
   */
  removeMember(workspaceId: string, userId: string): Promise<MemberRecord | MemberRefusal | null> {
    return this.writes.write(async (trx) => {
      const current = await this.members(trx)
        .where('memberships.workspace_id', '=', workspaceId)
        .where('users.id', '=', userId)
        .executeTakeFirst();
      if (!current) return null;
      if (current.role === 'admin' && (await this.isLastAdmin(trx, workspaceId, userId))) return 'last_admin';
      await trx.deleteFrom('sessions').where('user_id', '=', userId).where('workspace_id', '=', workspaceId).execute();
      await trx.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
      const remaining = await trx
        .selectFrom('memberships')
        .select('workspace_id')
        .where('user_id', '=', userId)
        .limit(1)
        .executeTakeFirst();
      if (!remaining) {
        await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
        await trx.deleteFrom('users').where('id', '=', userId).execute();
      }
      return toMember(current);
    });
  }

  createSession(session: {
    tokenHash: string;
    userId: string;
    workspaceId: string;
    csrfToken: string;
    expiresAt: number;
  }): Promise<{ id: string; createdAt: number }> {
    const now = Date.now();
    const id = newId(now);
    return this.writes.write(async (trx) => {
      await trx
        .insertInto('sessions')
        .values({
          id,
          token_hash: session.tokenHash,
          user_id: session.userId,
          workspace_id: session.workspaceId,
          csrf_token: session.csrfToken,
          created_at: now,
          expires_at: session.expiresAt,
          last_seen_at: now,
        })
        .execute();
      return { id, createdAt: now };
    });
  }

  /** The unexpired session with this token hash, with its user and their role in the session's workspace. */
  async findSession(tokenHash: string, now: number = Date.now()): Promise<SessionRecord | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('memberships', (join) =>
        join.onRef('memberships.user_id', '=', 'sessions.user_id').onRef('memberships.workspace_id', '=', 'sessions.workspace_id'),
      )
      .select([
        'sessions.id',
        'sessions.user_id',
        'sessions.workspace_id',
        'sessions.csrf_token',
        'sessions.created_at',
        'sessions.expires_at',
        'sessions.last_seen_at',
        'users.email',
        'users.name',
        'memberships.role',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      userId: row.user_id,
      workspaceId: row.workspace_id,
      csrfToken: row.csrf_token,
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
      lastSeenAt: Number(row.last_seen_at),
      user: { id: row.user_id, email: row.email, name: row.name },
      role: row.role as MemberRole,
    };
  }

  /** Records use of a session and slides its expiry. */
  touchSession(id: string, now: number, expiresAt: number): Promise<void> {
    return this.writes.write(async (trx) => {
      await trx.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
    }, `session-touch/${id}`);
  }

  /** Ends one session (sign-out). */
  deleteSession(tokenHash: string): Promise<void> {
    return this.writes.write(async (trx) => {
      await trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    });
  }

  /** Ends every session of a user (but `exceptId`, the caller's own), e.g. after a password change. */
  deleteSessionsOfUser(userId: string, exceptId?: string): Promise<void> {
    return this.writes.write(async (trx) => {
      let query = trx.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptId) query = query.where('id', '!=', exceptId);
      await query.execute();
    });
  }

  /** Deletes sessions that expired before `now`. */
  pruneExpiredSessions(now: number = Date.now()): Promise<number> {
    return this.writes.write(async (trx) => {
      const result = await trx.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  private members(db: Db | Transaction<Database>) {
    return db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.email', 'users.name', 'users.created_at', 'memberships.workspace_id', 'memberships.role']);
  }

  /** Whether `userId` is the workspace's only admin (the admins' rows are locked on PostgreSQL). */
  private async isLastAdmin(trx: Transaction<Database>, workspaceId: string, userId: string): Promise<boolean> {
    const admins = await this.dialect
      .forUpdate(trx.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId).where('role', '=', 'admin'))
      .execute();
    return admins.every((admin) => admin.user_id === userId);
  }
}

function toMember(
  row: Pick<Selectable<UsersTable>, 'id' | 'email' | 'name' | 'created_at'> & Pick<Selectable<MembershipsTable>, 'workspace_id' | 'role'>,
): MemberRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    workspaceId: row.workspace_id,
    role: row.role as MemberRole,
    createdAt: Number(row.created_at),
  };
}

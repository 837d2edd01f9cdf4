import { AssayError, type SetupBody, type SignInBody } from '@assay/schema';
import type { MemberRole, Store } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import type { HashingSlots } from './hashing-slots';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './passwords';
import type { SignInThrottle } from './sign-in-throttle';

/** Who signs in: the user and the workspace and role their session gets. */
export interface SignedInMember {
  user: { id: string; email: string; name: string };
  workspaceId: string;
  role: MemberRole;
}

/** Setup (the first user) and the password check of sign-in; the session cookie is the route's. */
export class AuthService {
  constructor(
    private readonly store: Store,
    /** Bounds every password hash of this process. */
    private readonly hashing: HashingSlots,
    /** Attempt limits per account and client address, shared by every process. */
    private readonly throttle: SignInThrottle,
  ) {}

  /** Whether the first user still has to be created. */
  async setupNeeded(): Promise<boolean> {
    return !(await this.store.users.anyUser());
  }

  /** Creates the first user, admin of the default workspace; 409 once any user exists. */
  async setup(request: SetupBody): Promise<SignedInMember> {
    if (await this.store.users.anyUser()) throw new AssayError('conflict', 'setup is done: a user exists already; sign in instead');
    const workspace = (await this.store.access.defaultWorkspace()) ?? (await this.store.access.createWorkspace('default'));
    const created = await this.store.users.createMember(
      {
        workspaceId: workspace.id,
        email: request.email,
        name: request.name,
        passwordHash: await this.hashing.run(() => hashPassword(request.password)),
        role: 'admin',
      },
      { onlyIfFirst: true },
    );
    if (typeof created === 'string') throw new AssayError('conflict', 'setup is done: a user exists already; sign in instead');
    const user = { id: created.id, email: created.email, name: created.name };
    const principal: Principal = {
      keyId: null,
      clientId: null,
      userId: user.id,
      sessionId: null,
      actor: `user:${user.id}`,
      actorName: user.email,
      workspaceId: created.workspaceId,
      scope: 'admin',
    };
    await audit(
      this.store,
      principal,
      'user.created',
      { type: 'user', id: user.id },
      { email: user.email, role: created.role, setup: true },
    );
    return { user, workspaceId: created.workspaceId, role: created.role };
  }

  /**
   * Checks an email and password (401 when either is wrong, 429 over a limit) and answers who signed in.
   * The attempt is counted before the user is looked up or any hash is computed.
   */
  async signIn(request: SignInBody, address: string): Promise<SignedInMember> {
    const email = request.email.trim().toLowerCase();
    const attempt = await this.throttle.attempt({ email, address });
    const found = await this.store.users.findByEmail(email);
    let ok: boolean;
    try {
      // The same hashing work whether or not the email exists: the answer's timing tells nothing.
      ok = await this.hashing.run(() =>
        found ? verifyPassword(request.password, found.user.passwordHash) : burnPasswordCheck(request.password),
      );
    } catch (error) {
      await attempt.unchecked();
      throw error;
    }
    if (!ok || !found?.membership) throw new AssayError('unauthorized', 'invalid email or password');
    await attempt.succeeded();
    if (needsRehash(found.user.passwordHash)) await this.upgradeHash(found.user.id, found.user.passwordHash, request.password);
    const { user } = found;
    return { user: { id: user.id, email: user.email, name: user.name }, ...found.membership };
  }

  /** Rehashes a password stored in a weaker format (legacy scrypt) now that sign-in has it; skipped when hashing is busy. */
  private async upgradeHash(userId: string, current: string, password: string): Promise<void> {
    const upgraded = await this.hashing.run(() => hashPassword(password)).catch(() => null);
    if (upgraded) await this.store.users.upgradePasswordHash(userId, current, upgraded);
  }
}

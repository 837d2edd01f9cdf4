import type { Store } from '@assay/store';

/** What readiness checks report: each check passed or why not. */
export type ReadinessChecks = Record<string, { ok: boolean; error?: string }>;

/** Readiness: the database answers (within 2 s) and every migration this build knows is applied. */
export async function readinessChecks(store: Store): Promise<ReadinessChecks> {
  const within = <T>(work: Promise<T>) =>
    Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref())]);
  const failed = (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) });
  const database = await within(store.ping()).then(() => ({ ok: true }), failed);
  const migrations = database.ok
    ? await within(store.migrationsCurrent()).then(
        (ok) => (ok ? { ok } : { ok, error: 'migrations are pending: run `assay migrate`' }),
        failed,
      )
    : { ok: false, error: 'database unreachable' };
  return { database, migrations };
}

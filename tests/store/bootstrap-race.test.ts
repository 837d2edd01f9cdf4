import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DB, type TestStore } from '../support/test-database';

/**
 * Processes started together on an empty database (an API and workers deployed at once) used to
 * race at start-up: each found no workspace and created one, and both inserted the ASSAY_CLIENT_ID
 * key, so one failed with `duplicate key value violates unique constraint "api_keys_client_id_key"`.
 */
describe(`start-up on an empty database, several processes at once (${TEST_DB})`, () => {
  let test: TestStore | null = null;
  afterEach(async () => {
    await test?.close();
    test = null;
  });

  it('agree on one default workspace and one bootstrap key', async () => {
    test = await openTestStore();
    const stores = [test.store, ...(await Promise.all([1, 2, 3].map(() => test!.reopen())))];
    const starts = await Promise.all(
      stores.map(async (store) => {
        const { workspace, created } = await store.access.ensureDefaultWorkspace('default');
        await store.access.ensureKey({
          workspaceId: workspace.id,
          name: 'bootstrap',
          clientId: 'cluster-client',
          secretHash: 'hash',
          scope: 'admin',
        });
        return { workspace: workspace.id, created };
      }),
    );
    expect(new Set(starts.map((s) => s.workspace)).size).toBe(1);
    expect(starts.filter((s) => s.created)).toHaveLength(1);
    const workspaces = await test.store.db.selectFrom('workspaces').select('id').execute();
    expect(workspaces).toHaveLength(1);
    const key = await test.store.access.findKeyByClientId('cluster-client');
    expect(key).toMatchObject({ workspaceId: starts[0]!.workspace, scope: 'admin', revokedAt: null });
  });
});

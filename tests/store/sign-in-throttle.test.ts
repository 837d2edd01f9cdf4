import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DB, type TestStore } from '../support/test-database';

const WINDOW = 60_000;

/** Sign-in counters live in the database: every process (store) on it counts into the same rows. */
describe(`sign-in throttle counters on ${TEST_DB}`, () => {
  let db: TestStore;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(() => db.close());

  it('counts one key across two stores on the same database, in one fixed window', async () => {
    const other = await db.reopen();
    const now = 1_000_000;
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      const [count] = await (i % 2 === 0 ? db.store : other).signIns.hit(['address:203.0.113.9'], WINDOW, now + i);
      seen.push(count!.count);
      expect(count!.resetAt).toBe(now + WINDOW);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    // The window ended: counting starts again, in a new window.
    expect(await other.signIns.hit(['address:203.0.113.9'], WINDOW, now + WINDOW)).toEqual([
      { key: 'address:203.0.113.9', count: 1, resetAt: now + 2 * WINDOW },
    ]);
  });

  it('counts racing attempts exactly (no lost updates)', async () => {
    const other = await db.reopen();
    const now = Date.now();
    const counts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? db.store : other).signIns.hit(['account:x'], WINDOW, now)),
    );
    expect(counts.map(([count]) => count!.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('forgives an attempt, clears a key, and keeps keys apart', async () => {
    const { signIns } = db.store;
    const now = Date.now();
    await signIns.hit(['account:a', 'address:1.2.3.4'], WINDOW, now);
    await signIns.hit(['account:a', 'address:1.2.3.4'], WINDOW, now);
    await signIns.forgive(['address:1.2.3.4'], now);
    await signIns.clear('account:a');
    expect(await signIns.hit(['account:a', 'address:1.2.3.4', 'account:b'], WINDOW, now)).toEqual([
      { key: 'account:a', count: 1, resetAt: now + WINDOW },
      { key: 'address:1.2.3.4', count: 2, resetAt: now + WINDOW },
      { key: 'account:b', count: 1, resetAt: now + WINDOW },
    ]);
  });

  it('prunes counters whose window ended, and only those', async () => {
    const { signIns } = db.store;
    const now = Date.now();
    await signIns.hit(['account:old', 'address:old'], WINDOW, now - 2 * WINDOW);
    await signIns.hit(['account:new'], WINDOW, now);
    expect(await signIns.prune(now)).toBe(2);
    const left = await db.store.db.selectFrom('sign_in_throttle').select('key').execute();
    expect(left.map((row) => row.key)).toEqual(['account:new']);
  });
});

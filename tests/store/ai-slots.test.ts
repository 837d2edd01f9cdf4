import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DB, type TestStore } from '../support/test-database';

/**
 * Per-provider AI permits kept in the database hold their cap across processes (two stores on one
 * PostgreSQL database here). Embedded SQLite has one process, which uses an in-process semaphore;
 * there both "processes" share one store.
 */
describe(`AI provider permits on ${TEST_DB}`, () => {
  let db: TestStore;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(() => db.close());

  it('never lets more than the cap call a provider at once, across processes', async () => {
    const other = TEST_DB === 'postgres' ? await db.reopen() : db.store;
    let inFlight = 0;
    let most = 0;
    const call = async (k: number) => {
      const release = await (k % 2 === 0 ? db.store : other).aiSlots.acquire('openai', 2);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 60));
      inFlight--;
      release();
    };
    await Promise.all(Array.from({ length: 8 }, (_, k) => call(k)));
    expect(most).toBe(2);
    // Releases are written asynchronously; once done, no permit is left behind.
    await new Promise((r) => setTimeout(r, 100));
    expect(await db.store.aiSlots.inUse('openai')).toBe(0);
  });

  it('keeps providers apart, and gives up waiting when the step is cancelled', async () => {
    const held = await db.store.aiSlots.acquire('anthropic', 1);
    const other = await db.store.aiSlots.acquire('openai', 1);
    const controller = new AbortController();
    const waiting = db.store.aiSlots.acquire('anthropic', 1, controller.signal);
    setTimeout(() => controller.abort(new Error('cancelled')), 80);
    await expect(waiting).rejects.toThrow('cancelled');
    held();
    other();
  });
});

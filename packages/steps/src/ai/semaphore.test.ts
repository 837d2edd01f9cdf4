import { AssayError } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('hands permits out in order and lets a waiter give up on abort', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const aborted = semaphore.acquire(controller.signal);
    const order: string[] = [];
    const next = semaphore.acquire().then((r) => {
      order.push('next');
      return r;
    });
    expect(semaphore.waiting).toBe(2);
    controller.abort(new AssayError('cancelled', 'run cancelled'));
    await expect(aborted).rejects.toThrow('run cancelled');
    expect(semaphore.waiting).toBe(1);
    release();
    release();
    const releaseNext = await next;
    expect(order).toEqual(['next']);
    expect(semaphore.inUse).toBe(1);
    releaseNext();
    expect(semaphore.inUse).toBe(0);
  });
});

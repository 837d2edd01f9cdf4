/** What one poll saw: the value once finished (else null), and something that changes while work moves. */
export interface Poll<T> {
  done: T | null;
  progress: unknown;
}

/**
 * Polls `read` until it reports a finished value. It fails only when what `read` reports as progress
 * has not changed for `stallMs`: a slow or busy machine moves slowly and still passes, a stuck one
 * stops moving and fails, naming `what` and the last progress seen. No total time budget.
 */
export async function untilDone<T>(
  read: () => Promise<Poll<T>>,
  options: { what: string; stallMs: number; intervalMs?: number },
): Promise<T> {
  let last = '';
  let movedAt = Date.now();
  for (;;) {
    const poll = await read();
    if (poll.done !== null) return poll.done;
    const progress = JSON.stringify(poll.progress);
    if (progress !== last) {
      last = progress;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > options.stallMs) {
      throw new Error(`${options.what} made no progress for ${options.stallMs} ms: ${progress}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

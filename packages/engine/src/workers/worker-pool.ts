import type { ClaimedRun, Clock, Logger, RunStore, TimerHandle } from '../ports';
import { RunStopped, type StopReason } from '../execution/abort';
import { AGAIN, Loop, type NextPass } from './loop';

export interface WorkerPoolOptions {
  store: RunStore;
  clock: Clock;
  logger: Logger;
  workerId: string;
  /** Runs executed at once by this process. */
  concurrency: number;
  leaseMs: number;
  /** Longest idle sleep between claim attempts when nothing wakes the pool. */
  pollMs: number;
  execute(run: ClaimedRun, controller: AbortController): Promise<void>;
  onLeaseRecovery?(count: number): void;
  /** Runs claimed by one claim (for metrics). */
  onClaim?(count: number): void;
}

/** The most runs one claim query takes; keeps a claim transaction short. */
const CLAIM_BATCH = 64;

/**
 * Claims due runs and executes them up to `concurrency` at a time. Woken at once by `notify()` (a run
 * was created in this process), by a finished run freeing capacity, or by the next durable timer;
 * otherwise it polls slowly. Heartbeats keep its leases; a run whose lease is lost is aborted.
 */
export class WorkerPool {
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly loop: Loop;
  /** The wait before looking again at due runs the last claims could not take (0: none left behind). */
  private dueBackoffMs = 0;
  /** Set by `notifyCreating`: the next pass claims without asking what is due (the run is not committed yet). */
  private claimUnseen = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.loop = new Loop({
      name: 'run claims',
      logger: options.logger,
      clock: options.clock,
      pollMs: options.pollMs,
      pass: () => this.claim(),
      recover: { everyMs: Math.max(50, Math.floor(options.leaseMs / 3)), run: () => this.beat() },
    });
  }

  /** Runs this process is executing now. */
  get activeCount(): number {
    return this.active.size;
  }

  start(): void {
    this.loop.start();
  }

  /**
   * New work may be due: look without waiting for the poll. Cheap to call often: the pass asks the
   * database (a read) whether anything is due before it claims (a write).
   */
  notify(): void {
    this.loop.notify();
  }

  /**
   * A run is being created in the group transaction forming now (called in the same turn as the
   * create's write): claim at once, without looking first, so the claim joins that transaction and
   * the run starts one transaction sooner. Should the claim miss it, the notify after the commit
   * finds it.
   */
  notifyCreating(): void {
    this.claimUnseen = true;
    this.loop.notify();
  }

  /**
   * Renews leases now rather than at the next heartbeat: a run this process executes may have been
   * cancelled elsewhere (its lease is then not renewed, and the run is aborted here).
   */
  checkLeases(): void {
    this.loop.recoverNow();
  }

  /** Aborts a run this process is executing. Returns false if it is not here. */
  abortRun(runId: string, reason: StopReason): boolean {
    const entry = this.active.get(runId);
    if (!entry) return false;
    entry.controller.abort(new RunStopped(reason));
    return true;
  }

  /**
   * Stops claiming, lets in-flight runs finish for up to `graceMs`, then aborts the rest, which
   * release their leases so another process (or the next start) resumes them from their checkpoints.
   */
  async stop(graceMs: number): Promise<void> {
    await this.loop.stop(() => this.drain(graceMs));
  }

  private async drain(graceMs: number): Promise<void> {
    const all = () => Promise.allSettled([...this.active.values()].map((a) => a.done));
    let timer: TimerHandle | undefined;
    const grace = new Promise<void>((resolve) => (timer = this.options.clock.setTimer(graceMs, resolve)));
    await Promise.race([all(), grace]);
    if (timer !== undefined) this.options.clock.clearTimer(timer);
    for (const runId of this.active.keys()) this.abortRun(runId, 'shutdown');
    await all();
  }

  /** One pass: claims what capacity allows; says when to look again. */
  private async claim(): Promise<NextPass> {
    const { store, clock, options } = { ...this.options, options: this.options };
    const free = options.concurrency - this.active.size;
    if (free <= 0) return { dueAt: null }; // a finished run notifies
    const limit = Math.min(free, CLAIM_BATCH);
    const unseen = this.claimUnseen;
    this.claimUnseen = false;
    if (!unseen) {
      // Most notifications (a run finished, a run committed that a joined claim already took) find
      // nothing due: a read answers that, where a claim would be a write transaction.
      const due = await store.nextDueAt().catch(() => clock.now());
      if (due === null || due > clock.now()) return { dueAt: due === null ? null : due + 1 };
    }
    let claimed: ClaimedRun[] = [];
    try {
      claimed = await store.claimRuns({ workerId: options.workerId, limit, now: clock.now(), leaseMs: options.leaseMs });
    } catch (error) {
      options.logger.error({ err: error }, 'claiming runs failed; retrying');
    }
    if (claimed.length > 0) {
      options.onClaim?.(claimed.length);
      this.dueBackoffMs = 0;
    }
    for (const run of claimed) this.launch(run);
    if (claimed.length === limit) return AGAIN; // there may be more due
    return { dueAt: await this.nextLook() };
  }

  /** When to claim again with capacity free: the next durable timer, or soon if due runs were left behind. */
  private async nextLook(): Promise<number | null> {
    const due = await this.options.store.nextDueAt().catch(() => null);
    const now = this.options.clock.now();
    // +1: a timer may fire a millisecond early by the wall clock, and claim just before `due`.
    if (due !== null && due > now) return due + 1;
    // A run already due that the last claim left (another process took it, or a concurrency limit
    // holds it back): look again soon, then less and less often (a finish or a notification also
    // wakes the pool), rather than at once in a loop.
    if (due !== null) return now + (this.dueBackoffMs = Math.min(this.options.pollMs, this.dueBackoffMs * 2 || 10));
    return null;
  }

  private launch(run: ClaimedRun): void {
    const controller = new AbortController();
    const done = this.options
      .execute(run, controller)
      .catch((error: unknown) => this.options.logger.error({ err: error, runId: run.id }, 'run execution crashed'))
      .finally(() => {
        this.active.delete(run.id);
        this.notify(); // capacity freed
      });
    this.active.set(run.id, { controller, done });
  }

  /**
   * The heartbeat: renews this process's leases, aborts the runs it lost, then resumes runs whose lease
   * expired elsewhere. Renewing first matters: a heartbeat that comes late (the process stalled past
   * its lease) keeps the runs no other process took, instead of recovering its own runs and running
   * their unfinished steps a second time.
   */
  private async beat(): Promise<void> {
    const { store, clock, options } = { ...this.options, options: this.options };
    try {
      if (this.active.size > 0) {
        const runIds = [...this.active.keys()];
        const held = await store.renewLeases({ workerId: options.workerId, runIds, now: clock.now(), leaseMs: options.leaseMs });
        for (const runId of runIds) if (!held.has(runId) && this.active.has(runId)) this.abortRun(runId, 'lease_lost');
      }
      const recovered = await store.recoverExpiredLeases({ now: clock.now() });
      if (recovered > 0) {
        options.logger.warn({ recovered }, 'resumed runs whose lease expired');
        options.onLeaseRecovery?.(recovered);
        this.notify();
      }
    } catch (error) {
      options.logger.error({ err: error }, 'lease heartbeat failed');
    }
  }
}

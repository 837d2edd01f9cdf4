import { createHash } from 'node:crypto';
import type { CachedOutput, ClaimedRun, Clock, RunStore } from '../ports';
import type { StepOutcome } from '../step-type';

/** Where a reused output came from, as a cache hit records it on the step. */
export interface CacheHit {
  output: unknown;
  usage: Record<string, unknown>;
  /** The run that wrote the output. */
  from: { runId: string };
}

/**
 * Step caching (`cache: { ttlSeconds }` on a step): an output is reused when the step type, its
 * resolved config and the workspace's credentials are the same as an earlier execution's within the
 * TTL. Concurrent executions of one key in this process wait for the first (a batch of 100 rows with
 * 10 distinct companies executes 10 times, not up to 100); a run created with `?cache=bypass`
 * executes anyway and refreshes the entry.
 */
export class StepCache {
  /** Executions in flight by key: later ones with the same key wait for their output. */
  private readonly inflight = new Map<string, Promise<CachedOutput | null>>();

  constructor(
    private readonly store: Pick<RunStore, 'readCache' | 'writeCache' | 'credentialsVersion'>,
    private readonly clock: Clock,
  ) {}

  /** The key of one execution: type, resolved config and credentials version, hashed. */
  async key(run: ClaimedRun, type: string, config: unknown): Promise<string> {
    const credentials = await this.store.credentialsVersion(run.workspaceId);
    return createHash('sha256')
      .update(canonicalJson([type, config, credentials]))
      .digest('hex');
  }

  /**
   * The step's outcome: reused (a hit, with where it came from) or executed by `execute`, whose
   * completed output is kept for `ttlSeconds`.
   */
  async outcome(
    at: { run: ClaimedRun; stepId: string; key: string; ttlSeconds: number; scrub<T>(value: T): T },
    execute: () => Promise<StepOutcome>,
  ): Promise<StepOutcome | CacheHit> {
    const { run, stepId, key, ttlSeconds } = at;
    if (!run.cacheBypass) {
      // Another execution of this key in this process: wait for its output (if it fails, try ourselves).
      let pending = this.inflight.get(key);
      while (pending) {
        const entry = await pending;
        if (entry) return hit(entry);
        pending = this.inflight.get(key);
      }
    }
    // This execution leads for the key from here (set before any await, so no other one slips past).
    let settle: (entry: CachedOutput | null) => void = () => undefined;
    const leader = new Promise<CachedOutput | null>((resolve) => (settle = resolve));
    this.inflight.set(key, leader);
    try {
      if (!run.cacheBypass) {
        const found = await this.store.readCache(run.workspaceId, key, this.clock.now());
        if (found) {
          settle(found);
          return hit(found);
        }
      }
      const outcome = await execute();
      if (outcome.kind !== 'completed') {
        settle(null);
        return outcome;
      }
      const now = this.clock.now();
      // Kept scrubbed: another run reusing it has not read this run's credentials.
      const entry: CachedOutput = at.scrub({
        output: outcome.output ?? null,
        usage: outcome.usage ?? null,
        runId: run.id,
        stepId,
        createdAt: now,
      });
      await this.store.writeCache(run.workspaceId, key, entry, now + ttlSeconds * 1000);
      settle(entry);
      return outcome;
    } catch (error) {
      settle(null);
      throw error;
    } finally {
      if (this.inflight.get(key) === leader) this.inflight.delete(key);
    }
  }
}

/** A hit costs nothing: its usage says so, and names the run and step the output came from. */
function hit(entry: CachedOutput): CacheHit {
  return {
    output: entry.output,
    from: { runId: entry.runId },
    usage: {
      cached: true,
      cachedFrom: { runId: entry.runId, stepId: entry.stepId, at: new Date(entry.createdAt).toISOString() },
      ...(typeof entry.usage?.model === 'string' && { model: entry.usage.model }),
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      calls: 0,
    },
  };
}

export function isCacheHit(value: StepOutcome | CacheHit): value is CacheHit {
  return !('kind' in value);
}

/** JSON with object keys sorted: equal values give equal text whatever order their keys were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

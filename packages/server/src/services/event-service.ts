import { AssayError, TERMINAL_RUN_STATUSES, type RunStatus } from '@assay/schema';
import type { EventFilter, Store, StoredEvent } from '@assay/store';
import type { SSEStreamingApi } from 'hono/streaming';
import { followEvents } from './event-stream';

export interface EventStreamOptions {
  heartbeatMs: number;
  /** How soon events written by other processes reach a stream. */
  pollMs: number;
  /** Aborted when the server shuts down: open streams end so it can close. */
  stop?: AbortSignal;
}

/** Writes the events of a stream until it ends (see `followEvents`). */
export type EventFollower = (stream: SSEStreamingApi) => Promise<void>;

const RUN_END = new Set(['run.completed', 'run.failed', 'run.cancelled']);

/** Live streams of the event log: one run's, and the workspace's (filterable). */
export class EventService {
  constructor(
    private readonly store: Store,
    private readonly options: EventStreamOptions,
  ) {}

  /**
   * A run's events after `after`, until the run finishes (404 if it is not in the workspace); null
   * when the run is finished and nothing is left to send after `after`.
   */
  async followRun(workspaceId: string, runId: string, after: number): Promise<EventFollower | null> {
    const run = await this.store.runs.get(workspaceId, runId);
    if (!run) throw new AssayError('not_found', `run ${runId} not found`);
    const filter = { workspaceId, runId };
    if (TERMINAL_RUN_STATUSES.has(run.status as RunStatus) && (await this.store.events.read({ ...filter, after, limit: 1 })).length === 0)
      return null;
    return (stream) =>
      followEvents(this.store, stream, {
        filter,
        after,
        ...this.options,
        // The run's end ends the stream, unless the run went on (it was retried after it).
        endsWith: async (event: StoredEvent) =>
          RUN_END.has(event.type) && (await this.store.events.read({ ...filter, after: event.seq, limit: 1 })).length === 0,
      });
  }

  /** The workspace's events matching `filter`, after `after` (null: from the next event on). */
  async followWorkspace(filter: Omit<EventFilter, 'after' | 'limit'>, after: number | null): Promise<EventFollower> {
    const from = after ?? (await this.store.events.latestSeq());
    return (stream) => followEvents(this.store, stream, { filter, after: from, ...this.options });
  }
}

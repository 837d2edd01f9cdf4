import { POLL, Loop, type Logger, type NextPass } from '@assay/engine';
import type { EvaluationService } from '@assay/server/services';
import type { Store } from '@assay/store';

/** Runs finishing in a burst (a batch) are scored together. */
const DEBOUNCE_MS = 50;

export interface EvaluationScoringOptions {
  store: Store;
  evaluations: EvaluationService;
  logger: Logger;
  pollMs: number;
}

/**
 * Scores evaluation rows as their runs finish and completes evaluations whose rows are all scored
 * (`EvaluationService.scorePending`). It looks when runs finish (in this process or, on PostgreSQL,
 * in another) while an evaluation runs, and at every poll; rows are claimed, so any number of
 * workers may score at once.
 */
export class EvaluationScoring {
  private readonly loop: Loop;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly stopping = new AbortController();
  /** Whether the last pass found a running evaluation: only then do finishing runs wake the loop. */
  private active = true;

  constructor(private readonly options: EvaluationScoringOptions) {
    const { logger, pollMs } = options;
    this.loop = new Loop({
      name: 'evaluation scoring',
      logger,
      clock: { now: () => Date.now() },
      pollMs,
      debounceMs: DEBOUNCE_MS,
      pass: () => this.pass(),
    });
  }

  start(): void {
    const { store } = this.options;
    const finished = (types: ReadonlySet<string> | null) =>
      types === null || types.has('run.completed') || types.has('run.failed') || types.has('run.cancelled');
    const wake = (types: ReadonlySet<string> | null) => {
      if (this.active && finished(types)) this.loop.notify();
    };
    this.unsubscribe.push(store.events.onAppended(wake), store.events.onAppendedElsewhere(wake));
    this.loop.start();
  }

  /** A new evaluation started in this process: look now. */
  notify(): void {
    this.active = true;
    this.loop.notify();
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.stopping.abort();
    await this.loop.stop();
  }

  private async pass(): Promise<NextPass> {
    this.active = await this.options.evaluations.scorePending(this.stopping.signal);
    return POLL;
  }
}

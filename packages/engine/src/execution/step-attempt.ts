import { isDeepStrictEqual } from 'node:util';
import { AssayError, toAssayError } from '@assay/schema';
import type { CompiledStep } from '../compile/compile-workflow';
import { joinPath } from '../compile/config-issues';
import { limits } from '../expressions/limits';
import { resolveTemplates } from '../expressions/templates';
import { jsonSize } from './json-size';
import type { ArtifactWriter, ClaimedRun, Clock, CredentialReader, Logger, StepRecord } from '../ports';
import type { ItemCheckpoints, StepContext, StepOutcome, SubgraphRunner } from '../step-type';
import type { StepBudget } from './run-budget';
import { retryDelayMs } from '../scheduling/backoff';
import { raceAbort, stopReason } from './abort';
import { isCacheHit, type StepCache } from './step-cache';

/** What one attempt of one step needs from the run around it. */
export interface AttemptOptions {
  run: ClaimedRun;
  step: CompiledStep;
  attempt: number;
  scope: Record<string, unknown>;
  runSignal: AbortSignal;
  previous: StepRecord | undefined;
  clock: Clock;
  logger: Logger;
  credentials: CredentialReader;
  artifacts: ArtifactWriter;
  items: ItemCheckpoints;
  subgraph: SubgraphRunner;
  scrub<T>(value: T): T;
  /** Step caching; null where steps are never cached. */
  cache: StepCache | null;
  budget: StepBudget;
  /** Inside a sub-graph: which execution of it this is. */
  instance?: string;
  /** A replay: the source run's completed record of this step, reused when its type and resolved config are the same. */
  replayed?: StepRecord;
}

/**
 * Refuses a value larger than ASSAY_MAX_OUTPUT_BYTES before it is stored or handed on: the step
 * fails with `output_too_large`, naming the size (at least) and the limit.
 */
export function checkSize(value: unknown, path: string, what: string): void {
  const max = limits().maxOutputBytes;
  const size = jsonSize(value, max);
  if (size <= max) return;
  const message = `${what} is ${size.toLocaleString('en-US')} bytes or more of JSON, over the limit of ${max.toLocaleString('en-US')} bytes (ASSAY_MAX_OUTPUT_BYTES)`;
  throw new AssayError('output_too_large', `${path}: ${message}`, { details: [{ path, message }] });
}

/**
 * Executes one attempt of a step and returns the record to checkpoint: completed, sleeping, pending
 * (a retry is due at `wakeAt`) or failed. Never throws for a step's own failure; a run stop (cancel,
 * lease loss, run timeout) is rethrown so the run loop can act on it.
 */
export async function executeAttempt(options: AttemptOptions): Promise<StepRecord> {
  const { step, attempt, clock, runSignal } = options;
  const definition = step.definition;
  const startedAt = clock.now();
  // The step's timeout runs on the engine's clock (as AbortSignal.timeout did on the real one: unref'd,
  // aborting with a TimeoutError), and is cleared when the attempt ends.
  const timeout = definition.timeoutMs === undefined ? null : new AbortController();
  const timeoutTimer = timeout
    ? clock.setTimer(
        definition.timeoutMs as number,
        () => timeout.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
        true,
      )
    : null;
  const timeoutSignal = timeout?.signal ?? null;
  const signal = timeoutSignal ? AbortSignal.any([runSignal, timeoutSignal]) : runSignal;
  const base = { stepId: definition.id, type: definition.type, attempts: attempt, startedAt, usage: null, wakeAt: null };
  let config: unknown = null;
  try {
    config = await resolveTemplates(
      definition.with,
      options.scope,
      `steps.${definition.id}.with`,
      [...(step.type.expressionKeys ?? []), ...(step.type.verbatimKeys ?? [])],
      { signal },
    );
    checkSize(config, `steps.${definition.id}.with`, 'its config after templates');
    const parsed = step.type.config.safeParse(config);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: joinPath(`steps.${definition.id}.with`, i.path), message: i.message }));
      throw new AssayError('invalid_input', `invalid config after templates: ${details[0]?.path}: ${details[0]?.message}`, { details });
    }
    // A replay pays only for what changed: the same step with the same resolved config gave this output.
    const { replayed } = options;
    if (replayed && replayed.type === definition.type && isDeepStrictEqual(replayed.config, config))
      return {
        ...base,
        status: 'completed',
        completedAt: clock.now(),
        config,
        output: replayed.output,
        error: null,
        usage: { replayedFrom: options.run.replayOf ?? null },
      };
    const stepContext: StepContext = {
      runId: options.run.id,
      workspaceId: options.run.workspaceId,
      workflowId: options.run.workflowId,
      stepId: definition.id,
      attempt,
      signal,
      logger: options.logger,
      now: () => clock.now(),
      credentials: options.credentials,
      artifacts: options.artifacts,
      scope: options.scope,
      previous: options.previous,
      ...(options.instance !== undefined && { instance: options.instance }),
      items: options.items,
      subgraph: options.subgraph,
      scrub: options.scrub,
      budget: options.budget,
    };
    const execute = () => step.type.execute(parsed.data, stepContext);
    // A step declaring `cache` reuses an earlier output with the same type, config and credentials.
    const { cache } = options;
    const ttlSeconds = cache ? definition.cache?.ttlSeconds : undefined;
    const cached = (run: ClaimedRun) =>
      cache && ttlSeconds !== undefined
        ? cache
            .key(run, definition.type, config)
            .then((key) => cache.outcome({ run, stepId: definition.id, key, ttlSeconds, scrub: options.scrub }, execute))
        : execute();
    let result = await raceAbort(cached(options.run), signal);
    if (isCacheHit(result)) {
      const reused = step.type.reuse ? await step.type.reuse(result.output, result.from, stepContext) : result.output;
      if (reused !== null)
        return { ...base, status: 'completed', completedAt: clock.now(), config, output: reused, error: null, usage: result.usage };
      // What the entry needs is gone (its run's files): execute after all, refreshing the entry.
      result = await raceAbort(cached({ ...options.run, cacheBypass: true }), signal);
    }
    if (isCacheHit(result)) throw new AssayError('internal', 'a cache bypass answered with a cached output');
    const outcome: StepOutcome = result;
    const completedAt = clock.now();
    checkSize(outcome.kind === 'suspend' ? outcome.state : outcome.output, `steps.${definition.id}`, 'its output');
    if (outcome.kind === 'sleep')
      return { ...base, status: 'running', completedAt: null, config, output: outcome.output, error: null, wakeAt: outcome.until };
    if (outcome.kind === 'suspend')
      return {
        ...base,
        status: 'running',
        completedAt: null,
        config,
        output: outcome.state,
        error: null,
        wakeAt: outcome.until,
        suspended: true,
      };
    return { ...base, status: 'completed', completedAt, config, output: outcome.output ?? null, error: null, usage: outcome.usage ?? null };
  } catch (thrown) {
    if (stopReason(runSignal)) throw runSignal.reason;
    const error = timeoutSignal?.aborted
      ? new AssayError('step_timeout', `step "${definition.id}" timed out after ${definition.timeoutMs} ms`, { retryable: true })
      : toAssayError(thrown, 'step_failed');
    const now = clock.now();
    const runError = { code: error.code, message: error.message, stepId: definition.id };
    if (error.retryable && attempt < step.retry.maxAttempts) {
      const wakeAt = now + retryDelayMs(step.retry, attempt, error.retryAfterMs);
      options.logger.info(
        { stepId: definition.id, attempt, retryInMs: wakeAt - now, err: error.message },
        'step attempt failed; retry scheduled',
      );
      return { ...base, status: 'pending', completedAt: null, config, output: null, error: runError, wakeAt };
    }
    return { ...base, status: 'failed', completedAt: now, config, output: null, error: runError };
  } finally {
    if (timeoutTimer !== null) clock.clearTimer(timeoutTimer);
  }
}

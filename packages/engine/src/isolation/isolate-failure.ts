import { AssayError } from '@assay/schema';
import { IsolateError } from './isolate-pool';
import { LIMIT_SETTINGS } from '../expressions/limits';

/** What an isolated call was doing, for the error that names it. */
export interface IsolatedWork {
  /** The config path the error names, e.g. `steps.memo.with.template`. */
  path: string;
  /** e.g. "the expression", "the template", "rendering the document". */
  what: string;
  /** The setting behind the time limit (default: the expression timeout). */
  timeoutSetting?: string;
}

/**
 * The step's error when an isolate stopped some work: a limit it hit, named with its setting, or a
 * crash of the worker (worth a retry). Anything else — a run stop that aborted the call — passes
 * through unchanged.
 */
export function isolateFailure(error: unknown, work: IsolatedWork): unknown {
  if (!(error instanceof IsolateError)) return error;
  const { path, what } = work;
  const { failure } = error;
  const fail = (message: string, retryable = false) =>
    new AssayError(failure.kind === 'crashed' ? 'step_failed' : 'limit_exceeded', `${path}: ${message}`, {
      details: [{ path, message }],
      retryable,
    });
  switch (failure.kind) {
    case 'timeout':
      return fail(`${what} ran longer than its time limit of ${failure.limitMs} ms (${work.timeoutSetting ?? LIMIT_SETTINGS.timeoutMs})`);
    case 'memory':
      return fail(`${what} needed more than the ${failure.limitMb} MB of memory an isolate has (${LIMIT_SETTINGS.memoryMb})`);
    case 'crashed':
      return fail(`${what} could not be evaluated: its isolate failed (${failure.message})`, true);
  }
}

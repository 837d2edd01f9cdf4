import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { onAbort } from '../execution/abort';
import { watchWorkerCpu } from './cpu-budget';

/** Settings of the process's isolate pool (the composition root passes them from its configuration). */
export interface IsolateSettings {
  /** Worker threads at most. */
  threads: number;
  /** V8 heap (old generation) of each worker, in MB: a task that needs more kills its worker. */
  memoryMb: number;
}

/** The defaults when the composition root does not say otherwise. */
export const DEFAULT_ISOLATE_SETTINGS: IsolateSettings = {
  threads: Math.max(2, Math.min(4, availableParallelism())),
  memoryMb: 256,
};

/** One call of an exported function of a module, in a worker thread. */
export interface IsolatedCall {
  /** The module's URL (its own file, never anything a user wrote). */
  module: URL;
  exportName: string;
  /** Structured-cloned into the worker. */
  input: unknown;
}

/** Why an isolated call ended without a result. */
export type IsolateFailure =
  | { kind: 'timeout'; limitMs: number }
  | { kind: 'memory'; limitMb: number }
  /** The worker died otherwise, or the function threw (isolated functions return their failures). */
  | { kind: 'crashed'; message: string };

/** Thrown by {@link runIsolated} when the call exceeded a limit or its worker died. */
export class IsolateError extends Error {
  constructor(readonly failure: IsolateFailure) {
    super(
      failure.kind === 'timeout'
        ? `exceeded ${failure.limitMs} ms`
        : failure.kind === 'memory'
          ? `exceeded ${failure.limitMb} MB`
          : failure.message,
    );
    this.name = 'IsolateError';
  }
}

const ENTRY = new URL('./isolate-entry.mjs', import.meta.url);
/** Idle workers stay this long, so bursts of isolated work do not pay a thread start each time. */
const IDLE_MS = 60_000;
/**
 * Isolated functions enforce their time limit themselves where they can (JSONata's and Liquid's own
 * checks, on this thread's CPU clock), which keeps the thread; the kill, once the thread has used this
 * much more CPU time, is the backstop for native code.
 */
const KILL_GRACE_MS = 250;
/**
 * The wall-clock ceiling of a call, as a multiple of its time limit plus a constant: a call the
 * machine gives almost no CPU is stopped, as over its limit, at the latest then (as a `code` step is).
 */
const WALL_FACTOR = 10;
const WALL_EXTRA_MS = 10_000;
/** How much lower isolate threads run than the main thread (nice(2) increment, via @napi-rs/nice). */
export const ISOLATE_NICE = 10;

let settings = DEFAULT_ISOLATE_SETTINGS;
let pool: Promise<Piscina> | null = null;

/**
 * Sets the pool's size and memory limit. Called by a composition root before any work; when they
 * change, a running pool finishes its calls and closes, and the next call starts a new one.
 */
export function configureIsolates(next: Partial<IsolateSettings>): void {
  const updated = { ...settings, ...next };
  if (updated.threads === settings.threads && updated.memoryMb === settings.memoryMb) return;
  settings = updated;
  const old = pool;
  pool = null;
  void old?.then((p) => p.close());
}

/** The pool, started on first use (piscina too is loaded then): a process that never isolates anything starts no thread. */
function isolatePool(): Promise<Piscina> {
  pool ??= import('piscina').then(
    ({ Piscina }) =>
      new Piscina({
        filename: ENTRY.href,
        minThreads: 0,
        maxThreads: settings.threads,
        idleTimeout: IDLE_MS,
        // Below the event loop's thread in the scheduler (Linux: per thread): on a machine with fewer
        // free cores than busy isolates, a runaway step takes the CPU the API does not need.
        niceIncrement: ISOLATE_NICE,
        resourceLimits: {
          maxOldGenerationSizeMb: settings.memoryMb,
          maxYoungGenerationSizeMb: Math.min(32, Math.max(4, settings.memoryMb / 8)),
          stackSizeMb: 4,
        },
      }),
  );
  return pool;
}

/**
 * Calls `call.exportName(call.input)` of `call.module` in a worker thread of the process's pool and
 * returns its result. The thread is terminated — whatever it is doing, native code included — when
 * the call uses more than `timeoutMs` of CPU time (counted from when it starts, not while it queues;
 * plus a short grace for the function to stop itself) or runs past 10 × `timeoutMs` + 10 s of wall-clock
 * time (both fail it as over its time limit), or when
 * `signal` aborts; a call that outgrows the worker's heap kills only its worker. Either way the pool
 * starts a fresh thread for the next call, and the main thread never waits on the work.
 */
export function runIsolated<T>(call: IsolatedCall, options: { timeoutMs: number; signal?: AbortSignal }): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const stop = new AbortController();
  const channel = new MessageChannel();
  let failure: IsolateFailure | null = null;
  const end = (why: IsolateFailure) => {
    failure = why;
    stop.abort();
  };
  let stopWatching = () => {};
  let taken: Piscina | null = null;
  // The worker says which thread runs the function as it starts: only then does the clock run, and
  // it is that thread's CPU clock (see cpu-budget.ts), with the wall-clock ceiling beside it.
  channel.port1.once('message', (started: { threadId: number; cpu: NodeJS.CpuUsage }) => {
    const worker = taken?.threads.find((thread) => thread.threadId === started.threadId);
    if (!worker) return end({ kind: 'crashed', message: 'the isolate thread that took the call is gone' });
    stopWatching = watchWorkerCpu(worker, {
      startedAt: started.cpu,
      budgetMs: options.timeoutMs + KILL_GRACE_MS,
      ceilingMs: options.timeoutMs * WALL_FACTOR + WALL_EXTRA_MS,
      onOver: () => end({ kind: 'timeout', limitMs: options.timeoutMs }),
    });
  });
  const stopWaiting = signal ? onAbort(signal, () => stop.abort()) : null;
  const task = { module: call.module.href, exportName: call.exportName, input: call.input, port: channel.port2 };
  return isolatePool()
    .then((p) => {
      taken = p;
      return p.run(task, { signal: stop.signal, transferList: [channel.port2] });
    })
    .then(
      (value) => value as T,
      (error: unknown) => {
        if (failure) throw new IsolateError(failure);
        if (signal?.aborted) throw signal.reason;
        if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY')
          throw new IsolateError({ kind: 'memory', limitMb: settings.memoryMb });
        // Isolated functions report their own failures as values: anything thrown is the worker's.
        throw new IsolateError({ kind: 'crashed', message: error instanceof Error ? error.message : String(error) });
      },
    )
    .finally(() => {
      stopWatching();
      stopWaiting?.();
      channel.port1.close();
    });
}

/** Stops every isolate thread (tests and shutdown); the next call starts a new pool. */
export async function closeIsolates(): Promise<void> {
  const old = pool;
  pool = null;
  await (await old)?.destroy();
}

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { onAbort, watchWorkerCpu } from '@assay/engine';
import { AssayError } from '@assay/schema';

const WORKER = new URL('./sandbox-worker.js', import.meta.url);
/** How long a worker may take to load QuickJS before the run is abandoned. */
const STARTUP_MS = 15_000;
/** Extra CPU time the worker gets past the deadline before it is killed (the VM normally stops itself). */
const KILL_GRACE_MS = 100;
/**
 * The wall-clock ceiling, as a multiple of the CPU budget plus a constant: a worker the machine gives
 * almost no CPU is stopped, as over its time limit, at the latest then.
 */
const WALL_FACTOR = 10;
const WALL_EXTRA_MS = 10_000;

/** Limits and inputs of one sandboxed run. */
export interface SandboxRun {
  /** A JavaScript function body; `input` and `steps` (and `item`, `index` in a map) are in scope. */
  code: string;
  scope: Readonly<Record<string, unknown>>;
  timeoutMs: number;
  /** What the VM may allocate on top of QuickJS's 16 MB base heap. */
  memoryMb: number;
  /** The result's JSON may be at most this long; a longer one never leaves the VM. */
  maxOutputBytes: number;
  signal: AbortSignal;
}

/** What the worker posts back. */
type WorkerMessage =
  | { type: 'started'; cpu: NodeJS.CpuUsage }
  | { type: 'result'; ok: true; json: string }
  | {
      type: 'result';
      ok: false;
      kind: 'timeout' | 'memory' | 'stack' | 'syntax' | 'thrown' | 'nonjson' | 'too_large';
      name: string;
      message: string;
    };

/** A compiled WebAssembly module: opaque here, handed to each sandbox worker as it is. */
type WasmModule = object;
/** The runtime's WebAssembly API (Node has it; the TypeScript libraries this project uses do not declare it). */
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;

let compiled: Promise<WasmModule | undefined> | undefined;

/** QuickJS's WebAssembly module, compiled once and shared with every worker (undefined if not found). */
function quickJsModule(): Promise<WasmModule | undefined> {
  compiled ??= (async () => {
    try {
      const fromSteps = createRequire(import.meta.url);
      const fromQuickJs = createRequire(fromSteps.resolve('quickjs-emscripten'));
      const wasm = fromQuickJs.resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
      return await wasmApi.compile(await readFile(wasm));
    } catch {
      return undefined;
    }
  })();
  return compiled;
}

let spare: Worker | undefined;

/** Starts a worker that loads QuickJS and waits for its one job; unref'd so it never holds the process. */
function spawnWorker(): Worker {
  const worker = new Worker(WORKER);
  worker.unref();
  const forget = () => {
    if (spare === worker) spare = undefined;
  };
  worker.once('error', forget);
  worker.once('exit', forget);
  return worker;
}

/** A worker for one run: the warm spare if there is one; a new spare is started for the next run. */
function takeWorker(): Worker {
  const worker = spare ?? spawnWorker();
  spare = spawnWorker();
  worker.ref();
  return worker;
}

/** Maps a failed run to the step's error. */
function failure(message: Extract<WorkerMessage, { ok: false }>, run: SandboxRun): AssayError {
  const fail = (text: string) => new AssayError('step_failed', text, { retryable: false });
  switch (message.kind) {
    case 'timeout':
      return fail(`code step exceeded its time limit of ${run.timeoutMs} ms`);
    case 'memory':
      return fail(`code step exceeded its memory limit of ${run.memoryMb} MB`);
    case 'stack':
      return fail('code step exceeded its stack size limit (too much recursion)');
    case 'syntax':
      return fail(`code step has a syntax error: ${message.message}`);
    case 'nonjson':
      return fail(`code step result is not JSON-serializable: ${message.message}`);
    case 'too_large':
      return new AssayError(
        'output_too_large',
        `code step result is ${Number(message.message).toLocaleString('en-US')} characters of JSON, over the limit of ${run.maxOutputBytes.toLocaleString('en-US')} bytes (ASSAY_MAX_OUTPUT_BYTES)`,
      );
    default:
      return fail(`code step threw ${message.name}: ${message.message}`);
  }
}

/**
 * Runs untrusted JavaScript in a fresh QuickJS WebAssembly instance inside a worker thread: no
 * filesystem, network, process or timers; a fixed-size linear memory; a deadline enforced by the VM
 * and, as a backstop, by terminating the worker (also done when `signal` aborts). Inputs go in and
 * the result comes out as JSON. Failures are final `step_failed` errors with a clear message.
 */
export async function runInSandbox(run: SandboxRun): Promise<unknown> {
  if (run.signal.aborted) throw run.signal.reason;
  const { input = null, steps = {}, item, index } = run.scope as Record<string, unknown>;
  const scopeJson = JSON.stringify({ input, steps, item, index });
  const wasmModule = await quickJsModule();
  return new Promise((resolve, reject) => {
    const worker = takeWorker();
    worker.postMessage({
      code: run.code,
      scopeJson,
      timeoutMs: run.timeoutMs,
      memoryMb: run.memoryMb,
      maxOutputBytes: run.maxOutputBytes,
      wasmModule,
    });
    const timer = setTimeout(
      () => finish(new AssayError('step_failed', 'code sandbox did not start in time', { retryable: true })),
      STARTUP_MS,
    );
    // The backstop for a VM inside a long native call (it polls its own CPU deadline only between
    // bytecodes): the worker's CPU time, with a wall-clock ceiling; set once the worker has started.
    let stopWatching = () => {};
    let settled = false;
    const finish = (error: unknown, value?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopWatching();
      stopWaiting();
      void worker.terminate();
      if (error !== undefined) reject(error);
      else resolve(value);
    };
    const stopWaiting = onAbort(run.signal, () => finish(run.signal.reason ?? new AssayError('cancelled', 'code step aborted')));
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'started') {
        clearTimeout(timer);
        stopWatching = watchWorkerCpu(worker, {
          startedAt: message.cpu,
          budgetMs: run.timeoutMs + KILL_GRACE_MS,
          ceilingMs: run.timeoutMs * WALL_FACTOR + WALL_EXTRA_MS,
          onOver: () => finish(failure({ type: 'result', ok: false, kind: 'timeout', name: 'InternalError', message: 'interrupted' }, run)),
        });
        return;
      }
      if (!message.ok) return finish(failure(message, run));
      try {
        finish(undefined, JSON.parse(message.json) as unknown);
      } catch (error) {
        finish(error);
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(
        memory
          ? failure({ type: 'result', ok: false, kind: 'memory', name: 'Error', message: error.message }, run)
          : new AssayError('step_failed', `code sandbox failed: ${error.message}`, { retryable: true }),
      );
    });
    worker.on('exit', (code) =>
      finish(new AssayError('step_failed', `code sandbox exited unexpectedly (code ${code})`, { retryable: true })),
    );
  });
}

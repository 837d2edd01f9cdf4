// @ts-check
/**
 * Worker thread of the `code` step: receives one job message, runs its JavaScript function body in
 * a fresh QuickJS WebAssembly instance and posts back `{ type: 'started', cpu }` (its thread's CPU usage then), then `{ type: 'result', ok, json }` or `{ type: 'result', ok: false,
 * kind, name, message }`. Plain JavaScript so it runs in a worker without a TypeScript loader.
 *
 * Limits: the instance's linear memory is a WebAssembly.Memory with a fixed maximum (QuickJS's own
 * memory limit only counts allocations in this build), a stack limit, and an interrupt handler
 * enforcing the deadline in this thread's CPU time. The parent thread also kills this worker if the
 * deadline passes while QuickJS is inside a long native call (interrupts are only polled between
 * bytecodes).
 */
import { parentPort } from 'node:worker_threads';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC } from 'quickjs-emscripten';

// Below the event loop's thread in the scheduler (Linux: per thread), like the isolate pool's threads:
// a runaway code takes only the CPU the API does not need. Optional: without it, normal priority.
await import('@napi-rs/nice').then(({ nice }) => nice(10)).catch(() => undefined);

const PAGE = 65536;
/** Pages QuickJS's WebAssembly module asks for at start (16 MiB); the VM's budget comes on top. */
const BASE_PAGES = 256;
const STACK_BYTES = 1024 * 1024;

/** Compiles the body with `new Function` (so it cannot break out of a wrapper) and stashes it. */
const COMPILE = `globalThis.__assayFn = new Function('input', 'steps', 'item', 'index', globalThis.__assayCode); delete globalThis.__assayCode; undefined`;

/**
 * Calls the body; returns 'R' + the result's JSON, 'N' + why the result has no JSON form, or 'L' +
 * the JSON's length when it is over the output limit (so a huge result never leaves the VM).
 */
const CALL = `(() => {
  const fn = globalThis.__assayFn, scope = JSON.parse(globalThis.__assayScope), max = globalThis.__assayMaxOutput;
  delete globalThis.__assayFn; delete globalThis.__assayScope; delete globalThis.__assayMaxOutput;
  const result = fn(scope.input, scope.steps, scope.item, scope.index);
  if (result === undefined) return 'Rnull';
  if (result !== null && typeof result === 'object' && typeof result.then === 'function') return 'Nthe code returned a Promise (async code is not supported; return a value)';
  let json;
  try { json = JSON.stringify(result); } catch (e) { return 'N' + String((e && e.message) || e); }
  if (json === undefined) return 'Nthe returned value (a ' + typeof result + ') has no JSON form';
  return json.length > max ? 'L' + json.length : 'R' + json;
})()`;

/**
 * @param {import('quickjs-emscripten').QuickJSContext} vm
 * @param {import('quickjs-emscripten').QuickJSHandle} handle
 * @returns {{ name: string, message: string }}
 */
function describe(vm, handle) {
  try {
    const dumped = vm.dump(handle);
    if (dumped && typeof dumped === 'object') {
      return {
        name: typeof dumped.name === 'string' ? dumped.name : 'Error',
        message: typeof dumped.message === 'string' ? dumped.message : JSON.stringify(dumped),
      };
    }
    return { name: 'Error', message: String(dumped) };
  } catch {
    return { name: 'Error', message: 'unknown error' };
  }
}

/**
 * Whether the VM came close to its memory limit. QuickJS throws `null` when it cannot even allocate
 * its out-of-memory error, and by the time the exception is seen the bomb's objects are freed, so
 * the VM's own count says nothing. The WebAssembly memory never shrinks: how far it grew past its
 * base tells a bomb (grown to the limit) from a `throw null` in the code.
 * @param {WebAssembly.Memory} wasmMemory
 * @param {number} memoryMb
 */
function nearMemoryLimit(wasmMemory, memoryMb) {
  const grown = wasmMemory.buffer.byteLength - BASE_PAGES * PAGE;
  return grown >= 0.75 * memoryMb * 1024 * 1024;
}

/**
 * @param {{ name: string, message: string }} failure
 * @param {boolean} timedOut
 * @param {'compile' | 'call'} phase
 */
function classify(failure, timedOut, phase) {
  if (timedOut) return { kind: 'timeout', ...failure };
  if (/out of memory|memory access out of bounds|allocation failed/i.test(failure.message)) return { kind: 'memory', ...failure };
  if (/stack overflow|call stack size/i.test(failure.message)) return { kind: 'stack', ...failure };
  if (phase === 'compile' && failure.name === 'SyntaxError') return { kind: 'syntax', ...failure };
  return { kind: 'thrown', ...failure };
}

/**
 * @param {{ code: string, scopeJson: string, timeoutMs: number, memoryMb: number, maxOutputBytes: number, wasmModule?: WebAssembly.Module }} job
 * @returns {Promise<Record<string, unknown>>}
 */
async function run(job) {
  const { code, scopeJson, timeoutMs, memoryMb, maxOutputBytes, wasmModule } = job;
  const wasmMemory = new globalThis.WebAssembly.Memory({
    initial: BASE_PAGES,
    maximum: BASE_PAGES + Math.ceil((memoryMb * 1024 * 1024) / PAGE),
  });
  const QuickJS = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, wasmModule ? { wasmMemory, wasmModule } : { wasmMemory }));
  parentPort?.postMessage({ type: 'started', cpu: process.threadCpuUsage() });
  const runtime = QuickJS.newRuntime();
  try {
    runtime.setMemoryLimit(memoryMb * 1024 * 1024);
    runtime.setMaxStackSize(STACK_BYTES);
    // The deadline counts this thread's CPU time, not the wall clock: on a busy machine this thread
    // (niced below the event loop) gets little CPU, and code that fits its budget must not fail then.
    const started = process.threadCpuUsage();
    const pastDeadline = () => {
      const used = process.threadCpuUsage(started);
      return used.user + used.system > timeoutMs * 1000;
    };
    let timedOut = false;
    runtime.setInterruptHandler(() => (timedOut ||= pastDeadline()));
    const vm = runtime.newContext();
    try {
      for (const [name, value] of [
        ['__assayCode', code],
        ['__assayScope', scopeJson],
      ]) {
        const handle = vm.newString(value);
        vm.setProp(vm.global, name, handle);
        handle.dispose();
      }
      const max = vm.newNumber(maxOutputBytes);
      vm.setProp(vm.global, '__assayMaxOutput', max);
      max.dispose();
      /** @param {string} source @param {'compile' | 'call'} phase */
      const evaluate = (source, phase) => {
        const result = vm.evalCode(source, `${phase}.js`);
        if (result.error) {
          const failure = describe(vm, result.error);
          result.error.dispose();
          if (failure.message === 'null' && nearMemoryLimit(wasmMemory, memoryMb)) return { ok: false, kind: 'memory', ...failure };
          return { ok: false, ...classify(failure, timedOut, phase) };
        }
        const value = vm.dump(result.value);
        result.value.dispose();
        return { ok: true, value };
      };
      const compiled = evaluate(COMPILE, 'compile');
      if (!compiled.ok) return compiled;
      const called = evaluate(CALL, 'call');
      if (!called.ok) return called;
      const tagged = String(called.value);
      if (tagged.startsWith('L')) return { ok: false, kind: 'too_large', name: 'RangeError', message: tagged.slice(1) };
      return tagged.startsWith('R')
        ? { ok: true, json: tagged.slice(1) }
        : { ok: false, kind: 'nonjson', name: 'TypeError', message: tagged.slice(1) };
    } finally {
      try {
        vm.dispose();
      } catch {
        /* see below */
      }
    }
  } finally {
    // QuickJS may assert on leaked objects after an out-of-memory or stack overflow; the result
    // is already known and this worker (and its WebAssembly memory) is discarded anyway.
    try {
      runtime.dispose();
    } catch {
      /* ignored */
    }
  }
}

// A worker is spawned ahead of need (QuickJS loaded) and runs exactly one job, then is discarded.
parentPort?.once('message', (job) => {
  run(job).then(
    (result) => parentPort?.postMessage({ type: 'result', ...result }),
    (error) => {
      const message = error instanceof Error ? error.message : String(error);
      parentPort?.postMessage({ type: 'result', ok: false, ...classify({ name: 'Error', message }, false, 'call') });
    },
  );
});

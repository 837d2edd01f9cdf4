// @ts-check
/**
 * The worker side of the isolate pool: every task names a module and one of its exports, which is
 * called with the task's input. Plain JavaScript, so a worker starts without a TypeScript loader;
 * a `.ts` module (a checkout running from source) registers tsx in this worker on first use.
 *
 * The task's `port` is told this thread's id and CPU usage once the module is loaded, just before
 * the function runs: the pool watches this thread's CPU time from there, so loading code never eats
 * into a task's time limit.
 */
import { threadId } from 'node:worker_threads';

const modules = new Map();
let typescript = null;

/** @param {string} url */
async function load(url) {
  let loaded = modules.get(url);
  if (!loaded) {
    if (url.endsWith('.ts')) {
      typescript ??= import('tsx/esm/api').then(({ register }) => void register());
      await typescript;
    }
    loaded = await import(url);
    modules.set(url, loaded);
  }
  return loaded;
}

/**
 * @param {{ module: string, exportName: string, input: unknown, port: import('node:worker_threads').MessagePort }} task
 */
export default async function runTask({ module, exportName, input, port }) {
  const loaded = await load(module);
  const fn = loaded[exportName];
  if (typeof fn !== 'function') throw new Error(`${module} has no function export "${exportName}"`);
  port.postMessage({ threadId, cpu: process.threadCpuUsage() });
  port.close();
  return fn(input);
}

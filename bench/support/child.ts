/**
 * Runs one measurement in its own process (a fresh heap and event loop, so measurements do not
 * disturb each other) and prints its result as one `BENCH_RESULT {json}` line on stdout.
 * Usage: node --import tsx bench/support/child.ts <measurement> [key=value ...]
 */
import { parseArgs } from './args';

const MODULES: Record<string, () => Promise<{ run(args: Record<string, string>): Promise<unknown> }>> = {
  'store-floor': () => import('../store-floor'),
  'store-api': () => import('../store-api'),
  'engine-throughput': () => import('../engine-throughput'),
  latency: () => import('../latency'),
  'http-throughput': () => import('../http-throughput'),
  'http-paths': () => import('../http-paths'),
  memory: () => import('../memory'),
  steps: () => import('../steps'),
  isolation: () => import('../isolation'),
  'event-delivery': () => import('../event-delivery'),
  batch: () => import('../batch'),
  'webhook-ingest': () => import('../webhook-ingest'),
  postgres: () => import('../postgres'),
  'web-app': () => import('../web-app'),
  agents: () => import('../agents'),
  documents: () => import('../documents'),
  startup: () => import('../startup'),
};

// Stopped by bench/main.ts on timeout: exit normally so 'exit' handlers stop any server child.
process.once('SIGTERM', () => process.exit(143));

const name = process.argv[2] ?? '';
const load = MODULES[name];
if (!load) {
  process.stderr.write(`unknown measurement "${name}"; one of: ${Object.keys(MODULES).join(', ')}\n`);
  process.exit(2);
}
try {
  const result = await (await load()).run(parseArgs(process.argv.slice(3)));
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`measurement ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

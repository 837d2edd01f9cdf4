/**
 * Not part of `npm run bench`: `node --import tsx bench/what-if.ts` estimates what two engine/store
 * fixes would buy, by running the in-process engine benchmark (3-step chain, concurrency 100) with
 * diagnostic patches (see support/what-if.ts), the variants interleaved over ROUNDS rounds.
 */
import type { EngineRunResult } from './engine-throughput';
import { runChild } from './support/run-child';
import { log, median, round } from './support/stats';

const ROUNDS = Number(process.env.BENCH_WHATIF_ROUNDS ?? 3);
const VARIANTS = ['', 'coalesce-start', 'precompiled-sql', 'coalesce-start,precompiled-sql'];
const results = new Map<string, EngineRunResult[]>(VARIANTS.map((v) => [v, []]));

for (let r = 1; r <= ROUNDS; r++) {
  log(`---- what-if round ${r} of ${ROUNDS} ----`);
  for (const variant of VARIANTS) {
    const result = await runChild<EngineRunResult>('engine-throughput', ['n=10000', 'concurrency=100'], 90_000, { BENCH_WHATIF: variant });
    if (result) results.get(variant)?.push(result);
  }
}
const base = median((results.get('') ?? []).map((r) => r.runsPerSec));
process.stdout.write('\nvariant                        | engine runs/s (median) | vs baseline | writes/run | rounds\n');
for (const [variant, list] of results) {
  const rate = median(list.map((r) => r.runsPerSec));
  const writes = list[0] ? round(list[0].writes / list[0].runs, 1) : Number.NaN;
  process.stdout.write(`${(variant || 'baseline').padEnd(30)} | ${String(rate).padEnd(22)} | ${`${round((rate / base) * 100, 0)}%`.padEnd(11)} | ${String(writes).padEnd(10)} | ${list.map((r) => r.runsPerSec).join(', ')}\n`);
}

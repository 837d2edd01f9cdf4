/**
 * `npm run bench`: every measurement runs in its own child process (a fresh heap; the HTTP server is
 * yet another process), one after another, then one table and one `BENCH_JSON {…}` line.
 *
 * The machine is small and shared, so absolute numbers drift. The throughput measurements (raw store
 * floors, store API, engine at two concurrencies) therefore run in ROUNDS interleaved rounds and the
 * table shows each one's median (with the range), and ratios between numbers of this same run.
 *
 * BENCH_SCALE=0.1 shrinks every workload (a quick trial); BENCH_ONLY=throughput,latency,http,paths,memory,
 * steps,isolation,webhooks,batch,delivery,postgres,web,agents,documents,startup runs some parts only. The PostgreSQL part needs the server at
 * BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { EngineRunResult } from './engine-throughput';
import type { HttpThroughputResult } from './http-throughput';
import type { HttpPathsResult } from './http-paths';
import type { LatencyResult } from './latency';
import type { MemoryResult } from './memory';
import type { StartupResult } from './startup';
import type { StoreApiResult } from './store-api';
import type { StoreFloorResult } from './store-floor';
import type { StepsResult } from './steps';
import type { IsolationResult } from './isolation';
import type { BatchBenchResult } from './batch';
import type { EventDeliveryResult } from './event-delivery';
import type { WebhookIngestResult } from './webhook-ingest';
import type { PostgresBenchResult } from './postgres';
import type { WebAppResult } from './web-app';
import type { AgentsResult } from './agents';
import type { DocumentsResult } from './documents';
import { runChild } from './support/run-child';
import { log, median, round } from './support/stats';

/** The whole bench should stay under ~4 minutes; the memory drain gets what is left of this. */
const BUDGET_MS = 220_000;
const ROUNDS = 3;
const THROUGHPUT_RUNS = 10_000; // runs per throughput round
const MIB_PER_300MB = (300 * 1e6) / (1024 * 1024);

const t0 = performance.now();
const commit = gitDescribe();
const loadAtStart = os.loadavg()[0] ?? 0;
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wants = (part: string) => !only || only.includes(part);
const failures: string[] = [];
log(
  `assay bench at ${commit}: node ${process.version}, ${os.cpus().length} CPUs, ${os.platform()} ${os.release()}, scale ${process.env.BENCH_SCALE ?? '1'}`,
);

// ---- throughput: interleaved rounds ----
const rounds: Array<{
  floor: StoreFloorResult | null;
  api: StoreApiResult | null;
  engine100: EngineRunResult | null;
  engine500: EngineRunResult | null;
}> = [];
if (wants('throughput')) {
  const n = `n=${THROUGHPUT_RUNS}`;
  for (let r = 1; r <= ROUNDS; r++) {
    log(`---- throughput round ${r} of ${ROUNDS} ----`);
    const floor = await runChild<StoreFloorResult>('store-floor', [n], 60_000);
    const api = await runChild<StoreApiResult>('store-api', [n], 60_000);
    const engine100 = await runChild<EngineRunResult>('engine-throughput', [n, 'concurrency=100'], 90_000);
    const engine500 = await runChild<EngineRunResult>('engine-throughput', [n, 'concurrency=500'], 90_000);
    rounds.push({ floor, api, engine100, engine500 });
    if (!floor || !api || !engine100 || !engine500) failures.push(`throughput round ${r}`);
  }
}
const latency = wants('latency') ? await runChild<LatencyResult>('latency', [], 60_000) : null;
if (wants('latency') && !latency) failures.push('latency');
const http = wants('http') ? await runChild<HttpThroughputResult>('http-throughput', [], 150_000) : null;
if (wants('http') && !http) failures.push('http');
const paths = wants('paths') ? await runChild<HttpPathsResult>('http-paths', [], 180_000) : null;
if (wants('paths') && !paths) failures.push('paths');
let memory: MemoryResult | null = null;
if (wants('memory')) {
  // The drain gets what is left of the budget (less server start/stop and the prefill), 20-75 s.
  const left = BUDGET_MS - (performance.now() - t0) - 15_000;
  const drainMs = Math.round(Math.max(20_000, Math.min(Number(process.env.BENCH_MEMORY_MAX_DRAIN_MS ?? 75_000), left)));
  memory = await runChild<MemoryResult>('memory', [], drainMs + 60_000, { BENCH_MEMORY_MAX_DRAIN_MS: String(drainMs) });
  if (!memory) failures.push('memory');
}
const steps = wants('steps') ? await runChild<StepsResult>('steps', [], 120_000) : null;
if (wants('steps') && !steps) failures.push('steps');
const isolation = wants('isolation') ? await runChild<IsolationResult>('isolation', [], 120_000) : null;
if (wants('isolation') && !isolation) failures.push('isolation');
const webhooks = wants('webhooks') ? await runChild<WebhookIngestResult>('webhook-ingest', [], 90_000) : null;
if (wants('webhooks') && !webhooks) failures.push('webhooks');
const batch = wants('batch') ? await runChild<BatchBenchResult>('batch', [], 300_000) : null;
if (wants('batch') && !batch) failures.push('batch');
const delivery = wants('delivery') ? await runChild<EventDeliveryResult>('event-delivery', [], 180_000) : null;
if (wants('delivery') && !delivery) failures.push('delivery');
const postgres = wants('postgres') ? await runChild<PostgresBenchResult>('postgres', [], 400_000) : null;
if (wants('postgres') && !postgres) failures.push('postgres');
const web = wants('web') ? await runChild<WebAppResult>('web-app', [], 180_000) : null;
if (wants('web') && !web) failures.push('web');
const agents = wants('agents') ? await runChild<AgentsResult>('agents', [], 120_000) : null;
if (wants('agents') && !agents) failures.push('agents');
const documents = wants('documents') ? await runChild<DocumentsResult>('documents', [], 300_000) : null;
if (wants('documents') && !documents) failures.push('documents');
const startup = wants('startup') ? await runChild<StartupResult>('startup', [], 180_000) : null;
if (wants('startup') && !startup) failures.push('startup');
const totalSec = round((performance.now() - t0) / 1000, 1);

// ---- aggregate ----
interface Stat {
  median: number;
  min: number;
  max: number;
  rounds: number[];
}
function stat(values: Array<number | undefined>): Stat | null {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length === 0 ? null : { median: median(v), min: Math.min(...v), max: Math.max(...v), rounds: v };
}
const floorA = stat(rounds.map((r) => r.floor?.perOpRunsPerSec));
const floorB = stat(rounds.map((r) => r.floor?.groupRunsPerSec));
const storeApi = stat(rounds.map((r) => r.api?.runsPerSec));
const engine100 = stat(rounds.map((r) => r.engine100?.runsPerSec));
const engine500 = stat(rounds.map((r) => r.engine500?.runsPerSec));
const ratio = (a: Stat | number | null | undefined, b: Stat | number | null | undefined): number | null => {
  const x = typeof a === 'number' ? a : a?.median;
  const y = typeof b === 'number' ? b : b?.median;
  return x === undefined || y === undefined || !y ? null : round(x / y, 3);
};
/** The same ratio within each round, to show how stable it is. */
const perRound = (pick: (r: (typeof rounds)[number]) => [number | undefined, number | undefined]) =>
  rounds.map(pick).map(([a, b]) => (a !== undefined && b ? round(a / b, 3) : null));

// ---- the table ----
type Row = [measurement: string, value: string, target: string, verdict: string, notes: string];
const rows: Row[] = [];
const fmt = (v: number | null | undefined, unit = '') =>
  v === null || v === undefined || Number.isNaN(v) ? 'n/a' : `${v.toLocaleString('en-US')}${unit}`;
const pct = (r: number | null) => (r === null ? 'n/a' : `${round(r * 100, 1)}%`);
const range = (s: Stat | null) => (s ? `range ${fmt(s.min)}-${fmt(s.max)}` : '');
const verdict = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'FAIL');
const med = (s: Stat | null, unit: string) => fmt(s?.median, unit);
const writesPerRun = (pick: 'engine100' | 'engine500') => {
  const r = rounds.find((x) => x[pick])?.[pick];
  return r
    ? `${round(r.writes / r.runs, 1)} SQL writes/run (${round(r.requestedWrites / r.runs, 1)} requested), ${round(r.writesPerCommit, 0)} writes/commit`
    : '';
};

rows.push(['Store floor (a): 1 txn per op, raw SQL', med(floorA, ' runs/s'), '-', '-', `6 commits/run; ${range(floorA)}`]);
rows.push([
  'Store floor (b): group commit, raw SQL',
  med(floorB, ' runs/s'),
  '-',
  '-',
  `100 runs/txn; b/a ${fmt(round(ratio(floorB, floorA) ?? Number.NaN, 1))}x; ${range(floorB)}`,
]);
rows.push([
  'Store API (Kysely+WriteBatcher), no engine',
  med(storeApi, ' runs/s'),
  '-',
  '-',
  `${pct(ratio(storeApi, floorB))} of floor b, ${pct(ratio(storeApi, floorA))} of a; ${range(storeApi)}`,
]);
for (const [label, s, pick] of [
  ['100', engine100, 'engine100'],
  ['500', engine500, 'engine500'],
] as const) {
  rows.push([
    `Engine, 3-step chain, concurrency ${label}`,
    med(s, ' runs/s'),
    '>= 50% of floor b',
    `${verdict(s && floorB ? s.median >= floorB.median / 2 : undefined)} (a: ${verdict(s && floorA ? s.median >= floorA.median / 2 : undefined)})`,
    `${pct(ratio(s, floorB))} of floor b, ${pct(ratio(s, floorA))} of floor a, ${pct(ratio(s, storeApi))} of store API; ${range(s)}; ${writesPerRun(pick)}`,
  ]);
}
rows.push([
  'HTTP create (POST 201), 128 in flight',
  fmt(http?.createRunsPerSec, ' runs/s'),
  '-',
  '-',
  `POST p50 ${fmt(http?.postP50Ms, ' ms')}, p99 ${fmt(http?.postP99Ms, ' ms')}; ${fmt(http?.failedRequests)} failed`,
]);
rows.push([
  'HTTP end to end (first POST -> all done)',
  fmt(http?.endToEndRunsPerSec, ' runs/s'),
  '>= 2,000 runs/s',
  verdict(http ? http.endToEndRunsPerSec >= 2000 && http.completed === http.runs : undefined),
  `${pct(ratio(http?.endToEndRunsPerSec, engine100))} of engine c=100; ${fmt(http?.completed)}/${fmt(http?.runs)} completed`,
]);
const bare = `bare node:http ${fmt(paths?.bareRequestsPerSec, ' req/s')} (p50 ${fmt(paths?.bareP50Ms, ' ms')}) answering the same bytes, same run; ${fmt(paths?.connections)} connections, load generator on the same 2 cores`;
rows.push([
  'GET /v1/workflow-runs/{id}, vs bare node:http',
  fmt(paths?.getRun.requestsPerSec, ' req/s'),
  '>= 40% of bare',
  verdict(paths ? paths.getRun.ofBare >= 0.4 && paths.getRun.unexpected === 0 : undefined),
  `${pct(paths?.getRun.ofBare ?? null)} of ${bare}; ${pct(paths?.getRunOfBareWithReads ?? null)} of the bare server making the same database reads (${fmt(paths?.bareWithReadsRequestsPerSec, ' req/s')}); p50 ${fmt(paths?.getRun.p50Ms, ' ms')}, p99 ${fmt(paths?.getRun.p99Ms, ' ms')}`,
]);
for (const [label, r, path] of [
  ['POST …/runs?wait=10 (2-step run, answered finished)', paths?.createAndWait, 'createAndWait'],
  ['Webhook ?wait=10 (same run, verification none)', paths?.webhookAndWait, 'webhookAndWait'],
] as const) {
  rows.push([
    label,
    fmt(r?.requestsPerSec, ' req/s'),
    '>= 5% of bare, p50 < 3 ms (one caller)',
    `${verdict(r ? r.ofBare >= 0.05 && r.unexpected === 0 : undefined)} / ${verdict(r?.aloneP50Ms !== undefined ? r.aloneP50Ms < 3 : undefined)}`,
    // At 10 callers the p50 is the queue behind the others (10 / throughput), so the latency target is one caller's.
    `${pct(r?.ofBare ?? null)} of bare; one caller at a time p50 ${fmt(r?.aloneP50Ms, ' ms')}; ${fmt(paths?.connections)} callers p50 ${fmt(r?.p50Ms, ' ms')}, p99 ${fmt(r?.p99Ms, ' ms')}; ${fmt(r?.unexpected)} unexpected answers (${path})`,
  ]);
}
// The ceiling of the ?wait rows: what the engine alone serves to the same callers, with no HTTP at all.
rows.push([
  'engine alone, 10 callers waiting for their runs (no HTTP)',
  fmt(paths?.engineWaitingRunsPerSec, ' runs/s'),
  '-',
  '-',
  `${pct(paths?.engineWaitingOfBare ?? null)} of bare (the most a ?wait row could reach); POST …/runs?wait=10 is ${pct(paths?.createAndWaitOfEngine ?? null)} of it`,
]);
rows.push([
  'GET /healthz, vs bare node:http',
  fmt(paths?.healthz.requestsPerSec, ' req/s'),
  '-',
  '-',
  `${pct(paths?.healthz.ofBare ?? null)} of bare; p50 ${fmt(paths?.healthz.p50Ms, ' ms')}`,
]);
rows.push([
  'Latency create -> first step, p50',
  fmt(latency?.firstStepP50Ms, ' ms'),
  '< 5 ms',
  verdict(latency ? latency.firstStepP50Ms < 5 : undefined),
  `p90 ${fmt(latency?.firstStepP90Ms, ' ms')}, p99 ${fmt(latency?.firstStepP99Ms, ' ms')}; ${fmt(latency?.firstStepSamples)} samples`,
]);
rows.push([
  'Per-step overhead, p50 (21 vs 1 step)',
  fmt(latency?.perStepOverheadMs, ' ms'),
  '< 0.2 ms',
  verdict(latency ? latency.perStepOverheadMs < 0.2 : undefined),
  `run p50 1-step ${fmt(latency?.run1P50Ms, ' ms')}, 21-step ${fmt(latency?.run21P50Ms, ' ms')}; paired median ${fmt(latency?.perStepOverheadPairedMs, ' ms')}`,
]);
rows.push([
  `Server peak RSS, ${fmt(memory?.queued)} queued`,
  fmt(memory?.peakRssMiB, ' MiB'),
  '< 300 MB (286 MiB)',
  verdict(memory ? memory.peakRssMiB < MIB_PER_300MB : undefined),
  `at start ${fmt(memory?.startRssMiB, ' MiB')}, VmHWM ${fmt(memory?.hwmMiB, ' MiB')}; HTTP bench: idle ${fmt(http?.serverIdleRssMiB, ' MiB')}, peak ${fmt(http?.serverPeakRssMiB, ' MiB')}`,
]);
rows.push([
  'Server drain of that queue',
  fmt(memory?.drainRunsPerSec, ' runs/s'),
  '-',
  '-',
  memory
    ? `${fmt(memory.drainedRuns)}/${fmt(memory.queued)} in ${round(memory.drainMs / 1000, 1)} s${memory.fullyDrained ? '' : ` (time cap; ${fmt(memory.leftInQueue)} left)`}; ${pct(ratio(memory.drainRunsPerSec, engine100))} of engine c=100`
    : 'n/a',
]);

rows.push([
  'map over 1,000 items (1 transform each)',
  fmt(steps?.mapItemsPerSec, ' items/s'),
  '-',
  '-',
  `1,000 separate runs of that step: ${fmt(steps?.separateRunsPerSec, ' runs/s')}; map ÷ runs ${fmt(steps?.mapVsRuns)}`,
]);
rows.push([
  `document.render, ${fmt(steps?.memoPages)}-page memo`,
  `PDF ${fmt(steps?.pdfMs, ' ms')}`,
  '-',
  '-',
  `DOCX ${fmt(steps?.docxMs, ' ms')}`,
]);
rows.push([
  'ai.agent: engine overhead per tool call',
  fmt(agents?.overheadPerToolCallMs, ' ms'),
  '-',
  '-',
  `beyond the model turn each call takes (fake OpenAI on 127.0.0.1, answering at once): an agent making ${fmt(agents?.toolCalls)} transform calls ${fmt(agents?.agentToolsMs, ' ms')}, answering at once ${fmt(agents?.agentAnswerMs, ' ms')}; a model turn ${fmt(agents?.modelTurnMs, ' ms')}; run medians`,
]);
rows.push([
  'Cached step hit (ai.generate), run p50',
  fmt(agents?.cacheHitMs, ' ms'),
  '-',
  '-',
  `next to a plain transform step ${fmt(agents?.plainStepMs, ' ms')} and the uncached model call ${fmt(agents?.modelCallMs, ' ms')}; ${fmt(agents?.samples)} runs each`,
]);
rows.push([
  `Document parsing, ${fmt(documents?.pdfPages)}-page PDF`,
  fmt(documents?.pagesPerSec, ' pages/s'),
  '-',
  '-',
  'in the isolate, as uploads and document.parse read it',
]);
rows.push([
  `Passage search p50, ${fmt(documents?.passages)} passages (SQLite)`,
  fmt(documents?.sqlite.searchP50Ms, ' ms'),
  'well under 50 ms',
  verdict(documents ? documents.sqlite.searchP50Ms < 25 : undefined),
  `floor (the FTS5 statement on a raw connection) ${fmt(documents?.sqlite.floorP50Ms, ' ms')}; p95 ${fmt(documents?.sqlite.searchP95Ms, ' ms')}; indexed ${fmt(documents?.sqlite.indexedPerSec, ' passages/s')}`,
]);
rows.push([
  `Passage search p50, ${fmt(documents?.passages)} passages (PostgreSQL)`,
  fmt(documents?.postgres?.searchP50Ms, ' ms'),
  'well under 50 ms',
  verdict(documents?.postgres ? documents.postgres.searchP50Ms < 25 : undefined),
  `floor (the tsvector statement over pg) ${fmt(documents?.postgres?.floorP50Ms, ' ms')}; p95 ${fmt(documents?.postgres?.searchP95Ms, ' ms')}; indexed ${fmt(documents?.postgres?.indexedPerSec, ' passages/s')}`,
]);
rows.push([
  'dataset.lookup by key, 100,000 rows',
  fmt(steps?.lookupsPerSec100k, ' lookups/s'),
  'no slower than 1,000 rows',
  verdict(steps ? steps.lookupScale >= 0.7 : undefined),
  `1,000 rows: ${fmt(steps?.lookupsPerSec1k, ' lookups/s')}; ratio ${fmt(steps?.lookupScale)}`,
]);

rows.push([
  'Expression in an isolate vs the main thread (?wait run, p50)',
  fmt(isolation?.isolateOverheadMs, ' ms'),
  '-',
  '-',
  `a one-step run ${fmt(isolation?.isolatedRunP50Ms, ' ms')} with a regex (isolated), ${fmt(isolation?.plainRunP50Ms, ' ms')} without`,
]);
rows.push([
  `/healthz, ${fmt(isolation?.attacks)} catastrophic regexes running, p99`,
  fmt(isolation?.healthUnderAttack.p99Ms, ' ms'),
  '< 100 ms',
  verdict(isolation ? isolation.healthUnderAttack.p99Ms < 100 : undefined),
  `max ${fmt(isolation?.healthUnderAttack.maxMs, ' ms')}, p50 ${fmt(isolation?.healthUnderAttack.p50Ms, ' ms')}; idle p99 ${fmt(isolation?.healthIdle.p99Ms, ' ms')}; ${fmt(isolation?.plainRunsDuringAttack)} plain runs meanwhile (p50 ${fmt(isolation?.plainRunDuringAttackP50Ms, ' ms')})`,
]);

rows.push([
  `Webhook ingest, signed, ${fmt(webhooks?.senders)} senders`,
  fmt(webhooks?.requestsPerSec, ' req/s'),
  '-',
  '-',
  `p50 ${fmt(webhooks?.p50Ms, ' ms')}, p99 ${fmt(webhooks?.p99Ms, ' ms')}; ${fmt(webhooks?.accepted)} accepted (202), ${fmt(webhooks?.failed)} failed`,
]);
rows.push([
  'Batch of 100,000 inputs: accepted (POST -> 201)',
  fmt(batch?.acceptMs, ' ms'),
  '< 5 s',
  verdict(batch?.acceptOk),
  `${fmt(batch?.items)} items, every row validated and inserted`,
]);
rows.push([
  'Batch execution vs plain runs, same server',
  fmt(batch?.executionRunsPerSec, ' runs/s'),
  '>= 80% of plain runs',
  verdict(batch?.throughputOk),
  `plain runs ${fmt(batch?.engineRunsPerSec, ' runs/s')}, ratio ${fmt(batch?.ratio)}; POST to last run done ${fmt(batch?.batchRunsPerSec, ' runs/s')}`,
]);
rows.push([
  'Server peak RSS during the batch',
  fmt(batch?.serverPeakRssMiB, ' MiB'),
  '< 300 MB (286 MiB)',
  verdict(batch?.memoryOk),
  `idle ${fmt(batch?.serverIdleRssMiB, ' MiB')}`,
]);
rows.push([
  `Event delivery to a local receiver, ${fmt(delivery?.runs)} runs`,
  fmt(delivery?.deliveriesPerSec, ' deliveries/s'),
  '-',
  '-',
  `runs completed ${fmt(delivery?.engineRunsPerSec, ' runs/s')} meanwhile; completion -> receipt p50 ${fmt(delivery?.latencyP50Ms, ' ms')}, p99 ${fmt(delivery?.latencyP99Ms, ' ms')}; backlog drain ${fmt(delivery?.backlogDeliveriesPerSec, ' deliveries/s')}; ${fmt(delivery?.duplicates)} duplicates`,
]);

rows.push([
  'PostgreSQL store floor, 1 connection: raw SQL',
  fmt(postgres?.floorSingleRunsPerSec, ' runs/s'),
  '-',
  '-',
  `${fmt(postgres?.runs)} runs through the engine's lifecycle, statement by statement, 100 per transaction, SKIP LOCKED claims, with the event log's rows`,
]);
rows.push([
  `PostgreSQL store floor, ${fmt(postgres?.floorMultiConnections)} connections`,
  fmt(postgres?.floorMultiRunsPerSec, ' runs/s'),
  '-',
  '-',
  'the same, over that many connections in parallel (what several processes together can get from the database)',
]);
for (const e of postgres?.engine ?? []) {
  const target =
    e.workers === 1
      ? ['>= the 1-connection floor', e.ofSingleFloor >= 1]
      : e.workers === 2
        ? ['>= the multi-connection floor', e.ofMultiFloor >= 1]
        : null;
  rows.push([
    `PostgreSQL engine, ${e.workers} worker process${e.workers > 1 ? 'es' : ''}`,
    fmt(e.runsPerSec, ' runs/s'),
    target ? String(target[0]) : '-',
    target ? verdict(Boolean(target[1])) : '-',
    `${pct(e.ofSingleFloor)} of the 1-connection floor, ${pct(e.ofMultiFloor)} of the multi-connection floor; 100 runs in flight per process`,
  ]);
}
rows.push([
  'PostgreSQL create -> claim (api + worker), p50',
  fmt(postgres?.latencyP50Ms, ' ms'),
  '-',
  '-',
  `p99 ${fmt(postgres?.latencyP99Ms, ' ms')}; ${fmt(postgres?.latencySamples)} runs; a worker is woken by LISTEN/NOTIFY`,
]);
rows.push([
  'PostgreSQL transactions/s, cluster idle',
  fmt(postgres?.idleTxPerSec, ' tx/s'),
  '< 5 tx/s',
  verdict(postgres ? postgres.idleTxPerSec < 5 : undefined),
  `${fmt(postgres?.idleProcesses)} processes (1 api, 4 workers), 21 s window`,
]);
rows.push([
  'Web app first load, JS gzipped',
  fmt(web?.firstLoadJsGzKiB, ' KiB'),
  '< 500 KB (488 KiB)',
  verdict(web ? web.firstLoadJsGzKiB < 500_000 / 1024 : undefined),
  `CSS ${fmt(web?.firstLoadCssGzKiB, ' KiB')}; editor chunk (on opening a workflow) ${fmt(web?.editorJsGzKiB, ' KiB')}; all JS ${fmt(web?.allJsGzKiB, ' KiB')}`,
]);
rows.push([
  'Editor panning a 200-step workflow, frame p95',
  fmt(web?.frames200.p95Ms, ' ms'),
  '-',
  '-',
  `p50 ${fmt(web?.frames200.p50Ms, ' ms')}, max ${fmt(web?.frames200.maxMs, ' ms')}, ${fmt(web?.frames200.fps)} fps; 10 steps p95 ${fmt(web?.frames10.p95Ms, ' ms')} (ratio ${fmt(web?.p95Ratio)}); headless Chromium, no GPU`,
]);

rows.push([
  'Editor time to interactive (5-step demo)',
  fmt(web?.interactive.editorInApp, ' ms'),
  '< 500 ms',
  verdict(web ? web.interactive.editorInApp < 500 && web.interactive.editorLoad < 500 : undefined),
  `following a link in the app (median of 5); full page load ${fmt(web?.interactive.editorLoad, ' ms')}; drawn and answering input, headless Chromium`,
]);
rows.push([
  'Run page time to interactive (finished demo run)',
  fmt(web?.interactive.runInApp, ' ms'),
  '< 500 ms',
  verdict(web ? web.interactive.runInApp < 500 && web.interactive.runLoad < 500 : undefined),
  `following a link in the app (median of 5); full page load ${fmt(web?.interactive.runLoad, ' ms')}`,
]);

rows.push([
  '`assay --help`',
  fmt(startup?.helpMs, ' ms'),
  '< 500 ms',
  verdict(startup ? startup.helpMs < 500 : undefined),
  'built JavaScript, median of 5 (was 12-15 s through npx and tsx)',
]);
rows.push([
  'Server start until /readyz answers 200',
  fmt(startup?.readyMs, ' ms'),
  '-',
  '-',
  `\`assay serve\` on a fresh SQLite file (migrations, first key, demo); idle RSS after 3 s ${fmt(startup?.idleRssMiB, ' MiB')}; median of 5`,
]);

const header: Row = ['Measurement', 'Value', 'Target', 'Result', 'Ratios / notes'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (r: Row) => r.map((cell, i) => (i === 4 ? cell : cell.padEnd(widths[i] ?? 0))).join(' | ');
const rule = widths.map((w, i) => '-'.repeat(i === 4 ? Math.min(w, 40) : w)).join('-+-');
const intro =
  rounds.length > 0
    ? `throughput rows: median of ${rounds.length} interleaved rounds of ${fmt(rounds[0]?.floor?.runs ?? THROUGHPUT_RUNS)} runs`
    : 'no throughput rounds';
process.stdout.write(
  `\nAssay benchmark at ${commit}: ${totalSec} s total, node ${process.version}, ${os.cpus().length} CPUs, 1-min load ${round(loadAtStart, 1)} at start / ${round(os.loadavg()[0] ?? 0, 1)} at end; ${intro}\n\n${line(header)}\n${rule}\n${rows.map(line).join('\n')}\n\n`,
);

const json = {
  commit,
  totalSec,
  node: process.version,
  cpus: os.cpus().length,
  loadAvg: { start: round(loadAtStart, 2), end: round(os.loadavg()[0] ?? 0, 2) },
  scale: Number(process.env.BENCH_SCALE ?? '1'),
  throughput: { floorA, floorB, storeApi, engine100, engine500 },
  ratios: {
    engine100OfFloorB: ratio(engine100, floorB),
    engine100OfFloorA: ratio(engine100, floorA),
    engine500OfFloorB: ratio(engine500, floorB),
    engine500OfFloorA: ratio(engine500, floorA),
    storeApiOfFloorB: ratio(storeApi, floorB),
    engine100OfStoreApi: ratio(engine100, storeApi),
    httpEndToEndOfEngine100: ratio(http?.endToEndRunsPerSec, engine100),
    perRound: {
      engine100OfFloorB: perRound((r) => [r.engine100?.runsPerSec, r.floor?.groupRunsPerSec]),
      engine100OfFloorA: perRound((r) => [r.engine100?.runsPerSec, r.floor?.perOpRunsPerSec]),
      engine100OfStoreApi: perRound((r) => [r.engine100?.runsPerSec, r.api?.runsPerSec]),
    },
  },
  rounds,
  latency,
  http,
  paths,
  memory,
  steps,
  isolation,
  webhooks,
  batch,
  delivery,
  postgres,
  web,
  agents,
  documents,
  startup,
  failures,
};
process.stdout.write(`BENCH_JSON ${JSON.stringify(json)}\n`);
if (failures.length > 0) {
  log(`measurements that failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}

/** The commit measured (and whether the tree had local changes outside bench/). */
function gitDescribe(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '.', ':!bench'], { encoding: 'utf8' }).trim();
    return dirty ? `${head}+local changes` : head;
  } catch {
    return 'unknown commit';
  }
}

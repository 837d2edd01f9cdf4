import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openStore } from '@assay/store';
import { intArg } from './support/args';
import { parseDefinition } from './support/workflows';
import { HttpClient } from './support/http-client';
import { AUTH_HEADERS, sampleRss, startServerProcess } from './support/server-process';
import { log, rate, round, scaled, sleep } from './support/stats';
import { tempDir } from './support/temp';

/**
 * A 100,000-item batch through the real HTTP API: the server (`assay serve`, default worker
 * concurrency) runs in a child process; this process POSTs one JSON batch of a trivial one-step
 * workflow and polls the batch until it completed, sampling the server's RSS throughout.
 *
 * The comparison is the engine's own run throughput in the same server: the same number of plain
 * runs of the same workflow, created through the store API before the server starts, drained by it.
 * Both rates are runs / (first run started → last run finished), from the server's own times.
 */
export interface BatchBenchResult {
  items: number;
  /** POST → 201 (every row validated, every run inserted). Target: < 5000 ms. */
  acceptMs: number;
  /** Runs per second from the batch's first run started to its last finished (server times). */
  executionRunsPerSec: number;
  /** Runs per second from the POST to the batch's last run finished. */
  batchRunsPerSec: number;
  batchMs: number;
  completed: number;
  /** The same server draining the same number of plain runs: first started → last finished. */
  engineRunsPerSec: number;
  /** executionRunsPerSec / engineRunsPerSec. Target: ≥ 0.8. */
  ratio: number;
  serverIdleRssMiB: number;
  /** Peak server RSS sampled from before the POST until the batch completed. Target: < 300 MB (286 MiB). */
  serverPeakRssMiB: number;
  /** Whether the three targets were met. */
  acceptOk: boolean;
  throughputOk: boolean;
  memoryOk: boolean;
}

const WORKFLOW = {
  name: 'bench-batch-1',
  inputs: { n: { type: 'number', required: true } },
  steps: [{ id: 'a', type: 'transform', with: { expression: 'input.n + 1' } }],
};
const WARMUP = 2000;
const MIB_IN_300MB = 300e6 / 1048576;

export async function run(args: Record<string, string> = {}): Promise<BatchBenchResult> {
  const n = scaled(intArg(args, 'n', 100_000), 1000);
  const http = await batchOverHttp(n);
  const engineRunsPerSec = await engineBaseline(n);
  const ratio = round(http.executionRunsPerSec / engineRunsPerSec, 2);
  const result: BatchBenchResult = {
    items: n,
    ...http,
    engineRunsPerSec,
    ratio,
    acceptOk: http.acceptMs < 5000,
    throughputOk: ratio >= 0.8,
    memoryOk: http.serverPeakRssMiB < MIB_IN_300MB,
  };
  log(
    `batch: ${n} items accepted in ${result.acceptMs} ms, executed at ${result.executionRunsPerSec} runs/s (plain runs: ${engineRunsPerSec} runs/s, ratio ${ratio}; POST to done ${result.batchRunsPerSec} runs/s), server peak RSS ${result.serverPeakRssMiB} MiB`,
  );
  return result;
}

type HttpPart = Pick<
  BatchBenchResult,
  'acceptMs' | 'executionRunsPerSec' | 'batchRunsPerSec' | 'batchMs' | 'completed' | 'serverIdleRssMiB' | 'serverPeakRssMiB'
>;

async function batchOverHttp(n: number): Promise<HttpPart> {
  const temp = tempDir('batch');
  const server = await startServerProcess({ dataDir: temp.dir, env: { ASSAY_DEMO: 'false' } }).catch((error: unknown) => {
    temp.cleanup();
    throw error;
  });
  const client = new HttpClient(server.url, AUTH_HEADERS, 4);
  try {
    const workflow = await client.request('POST', '/v1/workflows', WORKFLOW);
    if (workflow.status !== 201) throw new Error(`workflow not created: ${workflow.status} ${JSON.stringify(workflow.body)}`);
    const path = `/v1/workflows/${workflow.body.data.id as string}/batches`;
    // Warm-up (JIT in the server): a small batch through the same path.
    await completeBatch(client, path, WARMUP, 60_000);
    await sleep(500);
    const idle = server.memory()?.rssMiB ?? Number.NaN;
    const rss = sampleRss(server.pid, 50);
    log(`batch: POST ${path} with ${n} inputs`);
    const measured = await completeBatch(client, path, n, 300_000);
    const memory = rss.stop();
    return {
      acceptMs: round(measured.acceptMs, 0),
      executionRunsPerSec: rate(n, measured.completedAt - measured.startedAt),
      batchRunsPerSec: rate(n, measured.completedAt - measured.postedAt),
      batchMs: round(measured.completedAt - measured.postedAt, 0),
      completed: measured.completed,
      serverIdleRssMiB: round(idle, 0),
      serverPeakRssMiB: round(memory.peakMiB, 0),
    };
  } finally {
    client.close();
    await server.stop();
    temp.cleanup();
  }
}

/** POSTs a batch of `n` inputs and polls it until its last run finished; times are epoch ms (same clock as the server's). */
async function completeBatch(
  client: HttpClient,
  path: string,
  n: number,
  timeoutMs: number,
): Promise<{ postedAt: number; acceptedAt: number; acceptMs: number; startedAt: number; completedAt: number; completed: number }> {
  const body = { inputs: Array.from({ length: n }, (_, i) => ({ n: i })) };
  const postedAt = Date.now();
  const t0 = performance.now();
  const created = await client.request('POST', path, body);
  const acceptMs = performance.now() - t0;
  const acceptedAt = Date.now();
  if (created.status !== 201) throw new Error(`batch not created: ${created.status} ${JSON.stringify(created.body).slice(0, 500)}`);
  const id = created.body.data.id as string;
  const deadline = Date.now() + timeoutMs;
  // Polled like `assay batch watch` does (each read counts the batch's runs per status); the finish
  // time is the server's own `completedAt`, so the polling interval does not blur it.
  for (;;) {
    await sleep(1000);
    const { status, body: answer } = await client.request('GET', `/v1/batches/${id}`);
    if (status !== 200) throw new Error(`batch read failed: ${status} ${JSON.stringify(answer)}`);
    const batch = answer.data as { completedAt: string | null; startedAt: string | null; counts: Record<string, number> };
    if (batch.completedAt) {
      if (batch.counts.completed !== n) throw new Error(`batch: not every run completed: ${JSON.stringify(batch.counts)}`);
      return {
        postedAt,
        acceptedAt,
        acceptMs,
        startedAt: Date.parse(batch.startedAt as string),
        completedAt: Date.parse(batch.completedAt),
        completed: batch.counts.completed ?? 0,
      };
    }
    if (Date.now() > deadline) throw new Error(`batch unfinished after ${timeoutMs} ms: ${JSON.stringify(batch.counts)}`);
  }
}

/**
 * The engine's own throughput in the same server: `n` plain runs of the same workflow are created
 * through the store API (as single API runs are) into a fresh data directory, then the server starts
 * on it and drains them. Rate: runs / (first run started → last run finished), from the runs' own times.
 */
async function engineBaseline(n: number): Promise<number> {
  const temp = tempDir('batch-plain');
  try {
    const store = await openStore({ sqliteFile: path.join(temp.dir, 'assay.db'), synchronous: 'normal' });
    // The server's bootstrap adopts the first workspace as its default.
    const workspace = await store.access.createWorkspace('default');
    const workflow = await store.workflows.create({ workspaceId: workspace.id, definition: parseDefinition(WORKFLOW), createdBy: null });
    const creates: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++)
      creates.push(
        store.runs.create({
          workspaceId: workspace.id,
          workflowId: workflow.id,
          workflowVersion: workflow.version,
          input: { n: i },
          trigger: 'api',
        }),
      );
    await Promise.all(creates);
    await store.close();
    log(`batch: engine baseline, ${n} plain runs created through the store, drained by the server`);
    const server = await startServerProcess({ dataDir: temp.dir, env: { ASSAY_DEMO: 'false' } });
    const reader = new SQLite(path.join(temp.dir, 'assay.db'), { readonly: true });
    try {
      const left = reader.prepare(`select count(*) as n from runs where status in ('queued', 'running', 'waiting')`);
      const deadline = Date.now() + 300_000;
      while ((left.get() as { n: number }).n > 0) {
        if (Date.now() > deadline) throw new Error('plain runs not drained in time');
        await sleep(250);
      }
      const span = reader
        .prepare(`select min(started_at) as first, max(completed_at) as last, count(*) as n from runs where status = 'completed'`)
        .get() as { first: number; last: number; n: number };
      if (span.n !== n) throw new Error(`baseline: ${span.n} of ${n} runs completed`);
      return rate(n, span.last - span.first);
    } finally {
      reader.close();
      await server.stop();
    }
  } finally {
    temp.cleanup();
  }
}

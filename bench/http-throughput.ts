import { HttpClient } from './support/http-client';
import { AUTH_HEADERS, sampleRss, startServerProcess } from './support/server-process';
import { log, median, percentile, rate, round, scaled, sleep } from './support/stats';
import { tempDir } from './support/temp';
import { CHAIN3 } from './support/workflows';

/**
 * End to end over HTTP: the real server (`assay serve`, default worker concurrency, rate limit off)
 * in a child process; this process creates N runs of the 3-step chain through
 * POST /v1/workflows/{id}/runs with `IN_FLIGHT` keep-alive requests in flight, then polls until no
 * run is queued, running or waiting.
 */
export interface HttpThroughputResult {
  runs: number;
  inFlight: number;
  created: number;
  failedRequests: number;
  createRunsPerSec: number;
  createMs: number;
  postP50Ms: number;
  postP99Ms: number;
  endToEndRunsPerSec: number;
  endToEndMs: number;
  completed: number;
  serverIdleRssMiB: number;
  serverPeakRssMiB: number;
  serverStartMs: number;
}

const IN_FLIGHT = 128;

export async function run(): Promise<HttpThroughputResult> {
  const n = scaled(20_000, 500);
  const temp = tempDir('http');
  const tStart = performance.now();
  const server = await startServerProcess({ dataDir: temp.dir }).catch((error: unknown) => {
    temp.cleanup();
    throw error;
  });
  const serverStartMs = performance.now() - tStart;
  const client = new HttpClient(server.url, AUTH_HEADERS, IN_FLIGHT);
  await sleep(500);
  const idleRssMiB = server.memory()?.rssMiB ?? Number.NaN;
  const rss = sampleRss(server.pid);
  try {
    const workflow = await client.request('POST', '/v1/workflows', CHAIN3);
    if (workflow.status !== 201) throw new Error(`workflow not created: ${workflow.status} ${JSON.stringify(workflow.body)}`);
    const workflowId = workflow.body.data.id as string;
    const path = `/v1/workflows/${workflowId}/runs`;

    // Warm-up: a few hundred runs through the whole path (JIT in both processes), then let them drain.
    await load(client, path, Math.min(500, n), IN_FLIGHT);
    await waitDrained(client, 60_000);

    log(`http: ${n} runs via POST ${path}, ${IN_FLIGHT} in flight`);
    const t0 = performance.now();
    const created = await load(client, path, n, IN_FLIGHT);
    const tCreated = performance.now();
    log(
      `http: ${created.ok} created in ${round(tCreated - t0, 0)} ms (${rate(created.ok, tCreated - t0)} runs/s); waiting for them to finish`,
    );
    await waitDrained(client, 120_000);
    const tDone = performance.now();
    const completed = await countCompleted(client, workflowId);
    const memory = rss.stop();
    const result: HttpThroughputResult = {
      runs: n,
      inFlight: IN_FLIGHT,
      created: created.ok,
      failedRequests: created.failed,
      createRunsPerSec: rate(created.ok, tCreated - t0),
      createMs: round(tCreated - t0, 0),
      postP50Ms: round(median(created.latencies), 2),
      postP99Ms: round(percentile(created.latencies, 99), 2),
      endToEndRunsPerSec: rate(created.ok, tDone - t0),
      endToEndMs: round(tDone - t0, 0),
      completed: completed - Math.min(500, n),
      serverIdleRssMiB: round(idleRssMiB, 0),
      serverPeakRssMiB: round(memory.peakMiB, 0),
      serverStartMs: round(serverStartMs, 0),
    };
    log(
      `http: end to end ${result.endToEndRunsPerSec} runs/s (${result.completed} completed), POST p50 ${result.postP50Ms} ms p99 ${result.postP99Ms} ms`,
    );
    if (result.failedRequests > 0) log(`http: ${result.failedRequests} requests failed`);
    return result;
  } finally {
    rss.stop();
    client.close();
    await server.stop();
    temp.cleanup();
  }
}

/** Sends `n` POSTs with `inFlight` outstanding; returns the 201 count and per-request latencies. */
async function load(
  client: HttpClient,
  path: string,
  n: number,
  inFlight: number,
): Promise<{ ok: number; failed: number; latencies: number[] }> {
  let next = 0;
  let ok = 0;
  let failed = 0;
  let firstError: string | null = null;
  const latencies: number[] = [];
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      try {
        const res = await client.request('POST', path, { input: { n: i } });
        latencies.push(performance.now() - t);
        if (res.status === 201) ok++;
        else {
          failed++;
          firstError ??= `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        }
      } catch (error) {
        failed++;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  if (firstError) log(`http: first failed request: ${firstError}`);
  return { ok, failed, latencies };
}

/** Polls until no run is queued, running or waiting. */
async function waitDrained(client: HttpClient, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const res = await client.request('GET', '/v1/workflow-runs?status=queued,running,waiting&limit=1');
    if (res.status !== 200) throw new Error(`listing runs failed: ${res.status} ${JSON.stringify(res.body)}`);
    if ((res.body.data as unknown[]).length === 0) return;
    if (performance.now() > deadline) throw new Error(`runs still in progress after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Counts the workflow's completed runs, paging by id cursor. */
async function countCompleted(client: HttpClient, workflowId: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  for (;;) {
    const res = await client.request('GET', `/v1/workflows/${workflowId}/runs?status=completed&limit=1000${cursor ? `&lt=${cursor}` : ''}`);
    if (res.status !== 200) throw new Error(`listing runs failed: ${res.status}`);
    count += (res.body.data as unknown[]).length;
    cursor = res.body.nextCursor as string | null;
    if (!cursor) return count;
  }
}

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunService } from '@assay/server/services';
import autocannon from 'autocannon';
import { startEngineHarness } from './support/engine-harness';
import { HttpClient } from './support/http-client';
import { API_KEY, AUTH_HEADERS, CLIENT_ID, startServerProcess } from './support/server-process';
import { log, percentile, round, scaled, sleep } from './support/stats';
import { tempDir } from './support/temp';

/**
 * The request paths a caller waits on, each against its floor in the same run: a bare `node:http`
 * server (its own process, like Assay's) answering every request with the very bytes of the run
 * record. Load: autocannon with CONNECTIONS keep-alive connections in this process, which shares
 * the machine's cores with the server (say so next to the numbers).
 *  - GET /v1/workflow-runs/{id}: a finished two-step run, read back (authentication, the store, presenting);
 *  - POST /v1/workflows/{id}/runs?wait=10: each answer carries the run it started, finished;
 *  - POST /webhooks/workflows/{slug}?wait=10: the same through a webhook trigger (verification none);
 *  - GET /healthz, for reference.
 * The `?wait` paths also against the engine alone: in this process before the server starts, no HTTP
 * and no load generator, CONNECTIONS callers each creating the same run through RunService, waiting
 * for it to finish and reading its record, as `?wait` does: the most any HTTP layer in front could serve.
 * Latency percentiles come from every response's own time (autocannon's histogram is whole ms).
 */
export interface PathResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers that were not the expected status (should be 0). */
  unexpected: number;
  /** Requests per second as a share of the bare server's, measured in this run. */
  ofBare: number;
  /** One caller at a time (a single call's latency, not queued behind the others): p50 in ms. */
  aloneP50Ms?: number;
}
export interface HttpPathsResult {
  connections: number;
  seconds: number;
  bareRequestsPerSec: number;
  bareP50Ms: number;
  /** The bare server making the run record's database reads (raw better-sqlite3) before it answers. */
  bareWithReadsRequestsPerSec: number;
  /** GET /v1/workflow-runs/{id} as a share of that. */
  getRunOfBareWithReads: number;
  /** The engine alone, CONNECTIONS callers creating the same run and waiting for it (no HTTP): runs per second. */
  engineWaitingRunsPerSec: number;
  /** That as a share of the bare server's requests per second: the ceiling of the `?wait` paths' ratio. */
  engineWaitingOfBare: number;
  /** POST …/runs?wait=10 as a share of the engine alone. */
  createAndWaitOfEngine: number;
  getRun: PathResult;
  createAndWait: PathResult;
  webhookAndWait: PathResult;
  healthz: PathResult;
}

const CONNECTIONS = 10;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

/** The caller's two-step `transform` workflow (as a CRM integration would run it). */
const TWO_STEPS = {
  name: 'bench-sync-2',
  inputs: { companyId: { type: 'string', required: true } },
  steps: [
    { id: 'lookup', type: 'transform', with: { expression: '{ "id": input.companyId, "score": $length(input.companyId) * 7 }' } },
    { id: 'verdict', type: 'transform', needs: ['lookup'], with: { expression: 'steps.lookup.output.score > 20 ? "pass" : "review"' } },
  ],
};

interface Load {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  expect: number;
}

/** `seconds` of load with `connections` connections; per-response times for exact percentiles. */
function measure(load: Load, seconds: number, connections = CONNECTIONS): Promise<Omit<PathResult, 'ofBare'>> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    let unexpected = 0;
    const instance = autocannon(
      {
        url: load.url,
        method: load.method ?? 'GET',
        headers: load.headers,
        body: load.body,
        connections,
        duration: seconds,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requestsPerSec: round(times.length / (result.duration || seconds), 0),
          p50Ms: round(percentile(times, 50), 2),
          p99Ms: round(percentile(times, 99), 2),
          requests: times.length,
          unexpected: unexpected + result.errors,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
      if (status !== load.expect) unexpected++;
    });
  });
}

/** The bare server, in its own process, answering `body`. */
async function startBare(bodyFile: string, reads: string[] = []): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'support/bare-server.ts'), bodyFile, ...reads], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      process.off('exit', killOnExit);
    },
  };
}

/**
 * The engine alone (store and engine composed as the server composes them, in this process), `callers`
 * loops each doing what `POST …/runs?wait=10` does past HTTP, through the route's own RunService:
 * create a run of TWO_STEPS, wait for it to end, read its record. Finished runs per second over
 * `seconds`, after a one-second warm-up.
 */
async function engineWithWaitingCallers(seconds: number, callers: number): Promise<number> {
  const harness = await startEngineHarness({ concurrency: 100, label: 'http-paths-engine' });
  try {
    const workflow = await harness.addWorkflow(TWO_STEPS);
    const runs = new RunService(harness.store, harness.engine);
    const { workspaceId } = harness;
    const runOnce = async () => {
      const { run } = await runs.create({ workspaceId, workflowId: workflow.id, input: { companyId: 'acme-industries' }, trigger: 'api' });
      await runs.waitForTerminal(run, 10);
      await runs.get(workspaceId, run.id);
    };
    const loadFor = async (ms: number) => {
      let done = 0;
      const end = performance.now() + ms;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: callers }, async () => {
          while (performance.now() < end) {
            await runOnce();
            done++;
          }
        }),
      );
      return done / ((performance.now() - started) / 1000);
    };
    await loadFor(1000);
    return round(await loadFor(seconds * 1000), 0);
  } finally {
    await harness.close();
  }
}

export async function run(): Promise<HttpPathsResult> {
  const seconds = scaled(6, 2);
  const engineWaiting = await engineWithWaitingCallers(seconds, CONNECTIONS);
  log(`http paths: the engine alone with ${CONNECTIONS} callers waiting for their runs (no HTTP) ${engineWaiting} runs/s`);
  const temp = tempDir('http-paths');
  // Rate limits off (the default allows a trigger 100 calls per second): this measures the path, not the limit.
  const server = await startServerProcess({ dataDir: temp.dir, env: { ASSAY_WEBHOOK_RATE_LIMIT: '0' } }).catch((error: unknown) => {
    temp.cleanup();
    throw error;
  });
  const client = new HttpClient(server.url, AUTH_HEADERS, 4);
  try {
    const workflow = await client.request('POST', '/v1/workflows', TWO_STEPS);
    if (workflow.status !== 201) throw new Error(`workflow not created: ${workflow.status} ${JSON.stringify(workflow.body)}`);
    const workflowId = workflow.body.data.id as string;
    const trigger = await client.request('PUT', `/v1/workflows/${workflowId}/trigger`, { enabled: true, verification: 'none' });
    if (trigger.status !== 200) throw new Error(`trigger not configured: ${trigger.status} ${JSON.stringify(trigger.body)}`);
    const webhookUrl = `${server.url}/webhooks/workflows/${trigger.body.data.slug as string}?wait=10`;
    const first = await client.request('POST', `/v1/workflows/${workflowId}/runs?wait=10`, { input: { companyId: 'acme-industries' } });
    if (first.body?.data?.status !== 'completed') throw new Error(`the first run did not complete: ${JSON.stringify(first.body)}`);
    const runId = first.body.data.id as string;
    const record = await client.request('GET', `/v1/workflow-runs/${runId}`);
    const recordFile = path.join(temp.dir, 'run-record.json');
    writeFileSync(recordFile, JSON.stringify(record.body));

    const auth = { 'x-metal-client-id': CLIENT_ID, 'x-metal-api-key': API_KEY };
    const json = { ...auth, 'content-type': 'application/json' };
    const body = JSON.stringify({ input: { companyId: 'acme-industries' } });
    const loads: Record<'getRun' | 'createAndWait' | 'webhookAndWait' | 'healthz', Load> = {
      getRun: { url: `${server.url}/v1/workflow-runs/${runId}`, headers: auth, expect: 200 },
      createAndWait: {
        url: `${server.url}/v1/workflows/${workflowId}/runs?wait=10`,
        method: 'POST',
        headers: json,
        body,
        expect: 201,
      },
      webhookAndWait: {
        url: webhookUrl,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ companyId: 'acme-industries' }),
        expect: 202,
      },
      healthz: { url: `${server.url}/healthz`, expect: 200 },
    };
    // Warm-up: every path once for a second (JIT in both processes).
    for (const load of Object.values(loads)) await measure(load, 1);

    const bareFloor = async (reads: string[] = []) => {
      const bare = await startBare(recordFile, reads);
      try {
        await measure({ url: bare.url, expect: 200 }, 1);
        return await measure({ url: bare.url, expect: 200 }, seconds);
      } finally {
        await bare.stop();
      }
    };
    const floor = await bareFloor();
    log(`http paths: bare node:http ${floor.requestsPerSec} requests/s, p50 ${floor.p50Ms} ms (${CONNECTIONS} connections)`);
    const withReads = await bareFloor([path.join(temp.dir, 'assay.db'), runId]);
    log(`http paths: bare node:http with the run's database reads ${withReads.requestsPerSec} requests/s, p50 ${withReads.p50Ms} ms`);
    const results = {} as Record<keyof typeof loads, PathResult>;
    for (const [name, load] of Object.entries(loads) as Array<[keyof typeof loads, Load]>) {
      await sleep(200);
      const measured = await measure(load, seconds);
      results[name] = { ...measured, ofBare: round(measured.requestsPerSec / floor.requestsPerSec, 4) };
      // The paths that wait for a run: also one caller at a time, the latency of a single call.
      const alone = name === 'createAndWait' || name === 'webhookAndWait' ? await measure(load, Math.max(1, seconds / 2), 1) : null;
      if (alone) results[name].aloneP50Ms = alone.p50Ms;
      log(
        `http paths: ${name} ${measured.requestsPerSec} requests/s (${round(100 * results[name].ofBare, 1)}% of bare), p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms${alone ? `; one caller at a time p50 ${alone.p50Ms} ms` : ''}${measured.unexpected + (alone?.unexpected ?? 0) ? `, ${measured.unexpected + (alone?.unexpected ?? 0)} unexpected answers` : ''}`,
      );
    }
    return {
      connections: CONNECTIONS,
      seconds,
      bareRequestsPerSec: floor.requestsPerSec,
      bareP50Ms: floor.p50Ms,
      bareWithReadsRequestsPerSec: withReads.requestsPerSec,
      getRunOfBareWithReads: round(results.getRun.requestsPerSec / withReads.requestsPerSec, 4),
      engineWaitingRunsPerSec: engineWaiting,
      engineWaitingOfBare: round(engineWaiting / floor.requestsPerSec, 4),
      createAndWaitOfEngine: round(results.createAndWait.requestsPerSec / engineWaiting, 4),
      ...results,
    };
  } finally {
    client.close();
    await server.stop();
    temp.cleanup();
  }
}

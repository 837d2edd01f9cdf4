import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { intArg } from './support/args';
import { HttpClient } from './support/http-client';
import { AUTH_HEADERS, startServerProcess, type ServerProcess } from './support/server-process';
import { log, median, percentile, rate, round, scaled, sleep } from './support/stats';
import { tempDir } from './support/temp';
import { CHAIN3 } from './support/workflows';

/**
 * Event delivery to a local receiver: the real server in a child process, one event endpoint for
 * `run.completed`, and a node:http receiver in this process answering 204.
 *
 * - live: N runs of the 3-step chain created through the API while the endpoint is active.
 *   Throughput is N over the time from the first run's completion to the last delivery's receipt;
 *   latency is receipt time minus the run's `completedAt` (same machine clock).
 * - backlog: N runs finished by a server whose delivery is off (ASSAY_DELIVERY_CONCURRENCY=0), then a
 *   server with delivery on started on the same data: the fan-out and sending of a whole backlog, from
 *   the server being ready to the last receipt.
 */
export interface EventDeliveryResult {
  runs: number;
  /** Live: deliveries per second from the first run completion to the last receipt. */
  deliveriesPerSec: number;
  /** Live: runs completed per second over the same runs (delivery keeps pace when the two are close). */
  engineRunsPerSec: number;
  /** Live: from the last run's completion to the last receipt. */
  drainAfterLastRunMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Backlog: deliveries per second draining N queued events after a start. */
  backlogDeliveriesPerSec: number;
  backlogMs: number;
  /** Requests the receiver got more than once (0 expected; delivery is at-least-once). */
  duplicates: number;
  concurrency: number;
  perEndpoint: number;
}

const IN_FLIGHT = 64;

interface Receipt {
  runId: string;
  completedAt: number;
  receivedAt: number;
}

export async function run(args: Record<string, string> = {}): Promise<EventDeliveryResult> {
  const n = intArg(args, 'runs', scaled(2000, 100));
  const receiver = await startReceiver();
  const live = tempDir('delivery-live');
  const backlog = tempDir('delivery-backlog');
  const servers: ServerProcess[] = [];
  const env = { ASSAY_HTTP_ALLOW: '127.0.0.1' };
  try {
    // Live.
    const server = await startServerProcess({ dataDir: live.dir, env });
    servers.push(server);
    const client = new HttpClient(server.url, AUTH_HEADERS, IN_FLIGHT);
    const { workflowId } = await setUp(client, `${receiver.url}/live`);
    // Warm-up: JIT both processes through the whole path.
    const warm = Math.min(200, n);
    await createRuns(client, workflowId, warm);
    await receiver.waitFor('/live', warm, 60_000);
    receiver.reset();

    log(`event-delivery: live, ${n} runs with one endpoint`);
    await createRuns(client, workflowId, n);
    await receiver.waitFor('/live', n, 120_000);
    const receipts = receiver.receipts('/live');
    const firstCompletion = Math.min(...receipts.map((r) => r.completedAt));
    const lastCompletion = Math.max(...receipts.map((r) => r.completedAt));
    const lastReceipt = Math.max(...receipts.map((r) => r.receivedAt));
    const latencies = receipts.map((r) => r.receivedAt - r.completedAt);
    const duplicates = receiver.duplicates();
    client.close();
    await server.stop();
    servers.pop();
    receiver.reset();

    // Backlog: runs finish while nothing delivers, then a delivering server starts on the same data.
    log(`event-delivery: backlog of ${n} events`);
    const quiet = await startServerProcess({ dataDir: backlog.dir, env: { ...env, ASSAY_DELIVERY_CONCURRENCY: '0' } });
    servers.push(quiet);
    const quietClient = new HttpClient(quiet.url, AUTH_HEADERS, IN_FLIGHT);
    const backlogSetUp = await setUp(quietClient, `${receiver.url}/backlog`);
    await createRuns(quietClient, backlogSetUp.workflowId, n);
    await waitDrained(quietClient, 120_000);
    quietClient.close();
    await quiet.stop();
    servers.pop();
    const tStart = Date.now();
    const delivering = await startServerProcess({ dataDir: backlog.dir, env });
    servers.push(delivering);
    const tReady = Date.now();
    await receiver.waitFor('/backlog', n, 120_000);
    const backlogLast = Math.max(...receiver.receipts('/backlog').map((r) => r.receivedAt));
    log(`event-delivery: backlog server started in ${tReady - tStart} ms`);

    const result: EventDeliveryResult = {
      runs: n,
      deliveriesPerSec: rate(n, lastReceipt - firstCompletion),
      engineRunsPerSec: rate(n, lastCompletion - firstCompletion),
      drainAfterLastRunMs: lastReceipt - lastCompletion,
      latencyP50Ms: round(median(latencies), 1),
      latencyP99Ms: round(percentile(latencies, 99), 1),
      backlogDeliveriesPerSec: rate(n, backlogLast - tReady),
      backlogMs: backlogLast - tReady,
      duplicates: duplicates + receiver.duplicates(),
      concurrency: Number(process.env.ASSAY_DELIVERY_CONCURRENCY ?? 16),
      perEndpoint: Number(process.env.ASSAY_DELIVERY_PER_ENDPOINT ?? 4),
    };
    log(
      `event-delivery: live ${result.deliveriesPerSec}/s (engine ${result.engineRunsPerSec} runs/s), p50 ${result.latencyP50Ms} ms p99 ${result.latencyP99Ms} ms; backlog ${result.backlogDeliveriesPerSec}/s`,
    );
    return result;
  } finally {
    for (const server of servers) await server.stop();
    await receiver.close();
    live.cleanup();
    backlog.cleanup();
  }
}

async function setUp(client: HttpClient, url: string): Promise<{ workflowId: string }> {
  const workflow = await client.request('POST', '/v1/workflows', CHAIN3);
  if (workflow.status !== 201) throw new Error(`workflow not created: ${workflow.status} ${JSON.stringify(workflow.body)}`);
  const workflowId = workflow.body.data.id as string;
  const endpoint = await client.request('POST', '/v1/event-endpoints', { url, events: ['run.completed'], workflowId });
  if (endpoint.status !== 201) throw new Error(`endpoint not created: ${endpoint.status} ${JSON.stringify(endpoint.body)}`);
  return { workflowId };
}

async function createRuns(client: HttpClient, workflowId: string, n: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const res = await client.request('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: i } });
      if (res.status !== 201) throw new Error(`run not created: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

async function waitDrained(client: HttpClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await client.request('GET', '/v1/workflow-runs?status=queued,running,waiting&limit=1');
    if (res.status === 200 && Array.isArray(res.body.data) && res.body.data.length === 0) return;
    await sleep(100);
  }
  throw new Error('runs did not finish in time');
}

/** A receiver that answers 204 and notes, per path, each run's completion time and the receipt time. */
async function startReceiver() {
  const byPath = new Map<string, Receipt[]>();
  const seen = new Set<string>();
  let duplicates = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const receivedAt = Date.now();
      res.writeHead(204).end();
      const id = String(req.headers['webhook-id']);
      if (seen.has(id)) duplicates++;
      seen.add(id);
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { id: string; completedAt: string } };
      const list = byPath.get(req.url ?? '/') ?? [];
      list.push({ runId: payload.data.id, completedAt: Date.parse(payload.data.completedAt), receivedAt });
      byPath.set(req.url ?? '/', list);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    receipts: (path: string) => byPath.get(path) ?? [],
    duplicates: () => duplicates,
    reset() {
      byPath.clear();
      duplicates = 0;
    },
    async waitFor(path: string, count: number, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      while ((byPath.get(path)?.length ?? 0) < count) {
        if (Date.now() > deadline) throw new Error(`receiver got ${byPath.get(path)?.length ?? 0} of ${count} deliveries on ${path}`);
        await sleep(5);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

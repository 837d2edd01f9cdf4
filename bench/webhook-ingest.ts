import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { signWebhook } from '@assay/server/services';
import { intArg } from './support/args';
import { HttpClient } from './support/http-client';
import { AUTH_HEADERS, startServerProcess } from './support/server-process';
import { log, median, percentile, rate, round, scaled, sleep } from './support/stats';
import { tempDir } from './support/temp';
import { CHAIN3 } from './support/workflows';

/**
 * Webhook ingest: the real server (`assay serve`, the per-trigger rate limit off) in a child process,
 * one workflow with a `signature`-mode trigger, and `senders` concurrent senders (default 50) each
 * POSTing Standard-Webhooks-signed requests (a fresh `webhook-id` every time, so every request
 * verifies its HMAC and creates a run) for `seconds` (default 10) or until `requests` were sent.
 * The server's workers execute the runs meanwhile, as they would in production.
 */
export interface WebhookIngestResult {
  /** Accepted (202) requests per second over the measured window. */
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  senders: number;
  accepted: number;
  failed: number;
  durationMs: number;
}

export async function run(args: Record<string, string> = {}): Promise<WebhookIngestResult> {
  const senders = intArg(args, 'senders', 50);
  const seconds = intArg(args, 'seconds', scaled(10, 1));
  const maxRequests = intArg(args, 'requests', Number.MAX_SAFE_INTEGER);
  const temp = tempDir('webhook');
  const server = await startServerProcess({ dataDir: temp.dir, env: { ASSAY_WEBHOOK_RATE_LIMIT: '0' } }).catch((error: unknown) => {
    temp.cleanup();
    throw error;
  });
  const api = new HttpClient(server.url, AUTH_HEADERS, 4);
  const sender = new WebhookSender(server.url, senders);
  try {
    const workflow = await api.request('POST', '/v1/workflows', CHAIN3);
    if (workflow.status !== 201) throw new Error(`workflow not created: ${workflow.status} ${JSON.stringify(workflow.body)}`);
    const trigger = await api.request('PUT', `/v1/workflows/${workflow.body.data.id}/trigger`, { verification: 'signature' });
    if (trigger.status !== 200) throw new Error(`trigger not configured: ${trigger.status} ${JSON.stringify(trigger.body)}`);
    const { slug, secret } = trigger.body.data as { slug: string; secret: string };
    const path = `/webhooks/workflows/${slug}`;

    // Warm-up (JIT on both sides), then a moment for the runs it started to drain.
    await load(sender, path, secret, { senders, untilMs: performance.now() + 60_000, maxRequests: 500 });
    await sleep(1000);

    log(
      `webhook: ${senders} senders, signed POSTs to ${path} for ${seconds} s${maxRequests < Number.MAX_SAFE_INTEGER ? ` or ${maxRequests} requests` : ''}`,
    );
    const t0 = performance.now();
    const outcome = await load(sender, path, secret, { senders, untilMs: t0 + seconds * 1000, maxRequests });
    const durationMs = performance.now() - t0;
    const result: WebhookIngestResult = {
      requestsPerSec: rate(outcome.accepted, durationMs),
      p50Ms: round(median(outcome.latencies), 2),
      p99Ms: round(percentile(outcome.latencies, 99), 2),
      senders,
      accepted: outcome.accepted,
      failed: outcome.failed,
      durationMs: round(durationMs, 0),
    };
    log(
      `webhook: ${result.accepted} accepted (${result.requestsPerSec}/s), p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.failed} failed`,
    );
    return result;
  } finally {
    api.close();
    sender.close();
    await server.stop();
    temp.cleanup();
  }
}

/** Runs `senders` loops of signed POSTs until the deadline or the request budget. */
async function load(
  sender: WebhookSender,
  path: string,
  secret: string,
  options: { senders: number; untilMs: number; maxRequests: number },
) {
  let sent = 0;
  let accepted = 0;
  let failed = 0;
  let firstError: string | null = null;
  const latencies: number[] = [];
  const prefix = randomBytes(4).toString('hex');
  const loop = async () => {
    while (sent < options.maxRequests && performance.now() < options.untilMs) {
      const i = sent++;
      const body = JSON.stringify({ n: i });
      const id = `msg_${prefix}_${i}`;
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secret, id, timestamp, body),
      };
      const t = performance.now();
      try {
        const res = await sender.post(path, body, headers);
        latencies.push(performance.now() - t);
        if (res.status === 202) accepted++;
        else {
          failed++;
          firstError ??= `${res.status} ${res.text.slice(0, 300)}`;
        }
      } catch (error) {
        failed++;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.senders }, loop));
  if (firstError) log(`webhook: first failed request: ${firstError}`);
  return { accepted, failed, latencies };
}

/** Keep-alive POSTs of a raw JSON body with per-request headers (one connection per sender). */
class WebhookSender {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(baseUrl: string, connections: number) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method: 'POST',
          path,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

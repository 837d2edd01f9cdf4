import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AssayError } from '@assay/schema';
import { OutboundRefusedError, type OutboundGuard } from '@assay/steps';
import type { AttemptOutcome } from '@assay/store';
import { signWebhook } from '../webhook-signature';

/** How much of a receiver's answer the attempt log keeps. */
export const EXCERPT_BYTES = 1024;
export const USER_AGENT = 'Assay-Webhooks/1';

export interface WebhookMessage {
  url: string;
  /** The `webhook-id` header: the delivery id, the same on every attempt so receivers dedupe. */
  id: string;
  body: string;
  secret: string;
}

/** Thrown when the caller's signal (shutdown) stopped the attempt: nothing is recorded. */
export class SendAborted extends Error {
  constructor() {
    super('delivery attempt aborted');
    this.name = 'SendAborted';
  }
}

const tracer = trace.getTracer('assay-delivery');

/**
 * POSTs one Standard Webhooks message through the outbound guard (only public addresses, unless
 * ASSAY_HTTP_ALLOW allows the host) with a hard timeout covering the whole exchange. Redirects are not
 * followed: a receiver that moved must be updated. Any 2xx is success; everything else is a failed
 * attempt described for the log, retryable except when the guard refused the address.
 */
export function sendWebhook(
  guard: OutboundGuard,
  message: WebhookMessage,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<AttemptOutcome> {
  // A span per attempt (when tracing is on); the receiver gets its trace context. A root: the
  // delivery loop sends for many runs, so the context active here (whichever woke it) is no parent.
  return tracer.startActiveSpan('event delivery', { kind: SpanKind.CLIENT, root: true }, async (span) => {
    // Host only: a receiver URL may carry a token in its path or query.
    if (span.isRecording())
      span.setAttributes({ 'http.request.method': 'POST', 'server.address': hostOf(message.url), 'assay.delivery.id': message.id });
    try {
      const outcome = await attempt(guard, message, options);
      if (span.isRecording()) {
        if (outcome.statusCode !== null) span.setAttribute('http.response.status_code', outcome.statusCode);
        if (!outcome.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error ?? undefined });
      }
      return outcome;
    } finally {
      span.end();
    }
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
}

async function attempt(
  guard: OutboundGuard,
  message: WebhookMessage,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<AttemptOutcome> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const seconds = Math.floor(startedAt / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': message.id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': signWebhook(message.secret, message.id, seconds, message.body),
  };
  propagation.inject(context.active(), headers);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  const finish = (fields: Omit<AttemptOutcome, 'startedAt' | 'latencyMs'>): AttemptOutcome => ({
    startedAt,
    latencyMs: performance.now() - t0,
    ...fields,
  });
  try {
    const { response } = await guard.fetch(message.url, { method: 'POST', headers, body: message.body, signal, maxRedirects: 0 });
    const excerpt = await readExcerpt(response.body, EXCERPT_BYTES);
    const ok = response.status >= 200 && response.status < 300;
    return finish({
      statusCode: response.status,
      responseExcerpt: excerpt === '' ? null : excerpt,
      error: ok ? null : `the receiver answered ${response.status}`,
      ok,
    });
  } catch (error) {
    if (options.signal.aborted) throw new SendAborted();
    if (timeout.aborted)
      return finish({ statusCode: null, responseExcerpt: null, error: `no answer within ${options.timeoutMs} ms`, ok: false });
    // The guard refuses the same address next time too: no point walking the backoff schedule.
    if (error instanceof OutboundRefusedError)
      return finish({ statusCode: null, responseExcerpt: null, error: error.message, ok: false, retryable: false });
    return finish({ statusCode: null, responseExcerpt: null, error: describeFailure(error), ok: false });
  }
}

/** The first `maxBytes` of a body as text; the rest is not read. */
async function readExcerpt(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } finally {
    if (total >= maxBytes) await reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
  const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
  // A multi-byte character cut at the limit becomes U+FFFD rather than failing.
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/\uFFFD$/, '');
}

const NETWORK_CODES = /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/;

/** A failure in a few words: our own refusals as they are, network errors by their code. */
function describeFailure(error: unknown): string {
  if (error instanceof AssayError) {
    if (/^too many redirects/.test(error.message)) return 'the receiver answered with a redirect; deliveries do not follow redirects';
    return error.message;
  }
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return `request failed: ${code}`;
  }
  return `request failed: ${error instanceof Error ? error.message : String(error)}`;
}

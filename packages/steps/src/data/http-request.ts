import { defineStepType, limits, type StepContext, type StepType } from '@assay/engine';
import { AssayError } from '@assay/schema';
import { context as otelContext, propagation } from '@opentelemetry/api';
import { z } from 'zod';
import type { OutboundGuard } from '../net/outbound-guard';
import { guardedFetch, safeHost, type LimitedResponse } from './guarded-fetch';
import { statusError } from './http-status';
import { redactError } from './redact';
import { decodeResponse, encodeBody } from './http-body';

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const Config = z
  .object({
    method: z
      .string()
      .transform((m) => m.toUpperCase())
      .pipe(z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']))
      .default('GET')
      .describe('GET (the default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS, in any case'),
    url: z.string().min(1).max(8192).describe('An absolute http(s) URL; it must pass the outbound guard'),
    headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}).describe('Request headers'),
    query: z
      .record(z.string(), z.union([Scalar, z.array(Scalar)]))
      .default({})
      .describe('Query parameters appended to the URL (a list repeats the name; null ones are left out)'),
    body: z.json().optional().describe('The request body'),
    bodyType: z.enum(['json', 'text', 'form']).optional().describe('How `body` is sent'),
    responseType: z
      .enum(['json', 'text', 'binary'])
      .optional()
      .describe('How the response body is read; `binary` stores it as a run file (`<step id>.<ext>`) the output names'),
    credential: z.string().min(1).max(200).optional().describe('A workspace credential sent as `auth` says'),
    auth: z
      .enum(['bearer', 'header', 'basic'])
      .default('bearer')
      .describe('How the credential is sent: `Authorization: Bearer`, as the header `authHeader`, or Basic (`user:password`)'),
    authHeader: z
      .string()
      .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a header name')
      .optional()
      .describe('The header carrying the credential, with `auth: header`'),
    timeoutMs: z.number().int().min(1).max(300_000).default(30_000).describe('Time allowed for the request, in milliseconds'),
    maxResponseBytes: z
      .number()
      .int()
      .min(1)
      .max(100 * 1024 * 1024)
      .default(5 * 1024 * 1024)
      .describe('A larger response fails the step'),
    maxRedirects: z.number().int().min(0).max(20).default(5).describe('Redirects followed at most, each checked by the outbound guard'),
  })
  .strict()
  .refine((c) => c.auth !== 'header' || c.authHeader !== undefined, { path: ['authHeader'], message: 'is required when auth is "header"' });

type HttpRequestConfig = z.infer<typeof Config>;

/** Builds the request URL: the configured URL with `query` entries appended (null entries skipped). */
function buildUrl(config: HttpRequestConfig): URL {
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    throw new AssayError('invalid_input', `url: not a valid absolute URL: ${config.url.slice(0, 200)}`);
  }
  for (const [name, value] of Object.entries(config.query)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== null) url.searchParams.append(name, String(item));
  }
  return url;
}

/** The credential's header, and every form of its value that must never surface. */
async function credentialHeader(config: HttpRequestConfig, read: (name: string) => Promise<string>): Promise<{ name: string; value: string; secrets: string[] } | null> {
  if (config.credential === undefined) return null;
  const secret = await read(config.credential);
  if (config.auth === 'header') return { name: config.authHeader ?? 'authorization', value: secret, secrets: [secret] };
  if (config.auth === 'basic') {
    const encoded = Buffer.from(secret, 'utf8').toString('base64');
    const password = secret.includes(':') ? secret.slice(secret.indexOf(':') + 1) : '';
    return { name: 'authorization', value: `Basic ${encoded}`, secrets: [secret, encoded, ...(password.length >= 4 ? [password] : [])] };
  }
  return { name: 'authorization', value: `Bearer ${secret}`, secrets: [secret] };
}

/**
 * `http.request` for the given outbound guard: a request with templated URL, query, headers and
 * body; an optional credential injected as a header (never echoed); retryable errors for 408, 429,
 * 5xx (honouring Retry-After) and network failures. Output `{ status, headers, body }`.
 */
export function createHttpRequestStep(guard: OutboundGuard): StepType {
  return defineStepType<HttpRequestConfig>({
    type: 'http.request',
    example: {
      id: 'forecast',
      with: { method: 'GET', url: 'https://api.example.com/v1/forecast', query: { city: '{{ input.city }}' }, credential: 'weather-api' },
    },
    // Only a GET (or HEAD) changes nothing at the other end, so only then may a step reuse an earlier answer.
    // A binary body is a file of the run that fetched it: not reused by another.
    cacheable: (config) =>
      config.responseType !== 'binary' && (config.method === undefined || ['GET', 'HEAD'].includes(String(config.method).toUpperCase())),
    family: 'data',
    outputSchema: () => ({ type: 'object', properties: { status: { type: 'number' }, headers: { type: 'object', additionalProperties: { type: 'string' } }, body: {} } }),
    description: 'Call an HTTP API (JSON or text), optionally authenticated with a stored credential.',
    config: Config,
    async execute(config, context) {
      const url = buildUrl(config);
      const host = safeHost(url.href);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(config.headers)) headers[name.toLowerCase()] = String(value);
      const encoded = encodeBody(config.method, config.body, config.bodyType);
      if (encoded && headers['content-type'] === undefined) headers['content-type'] = encoded.contentType;
      const auth = await credentialHeader(config, (name) => context.credentials.get(name));
      if (auth) headers[auth.name.toLowerCase()] = auth.value;
      passTraceContext(headers);
      const secrets = auth?.secrets ?? [];
      // What the far end may echo back (a Basic header's base64, its password) is kept out of the run's records too.
      for (const derived of secrets) context.credentials.conceal?.(derived);
      try {
        const response = await guardedFetch(guard, url.href, {
          method: config.method,
          headers,
          body: encoded?.text,
          signal: context.signal,
          timeoutMs: config.timeoutMs,
          // The body becomes the step's output: no use reading more than an output may hold (a binary
          // body becomes a run file, bounded by maxResponseBytes alone).
          maxResponseBytes: config.responseType === 'binary' ? config.maxResponseBytes : Math.min(config.maxResponseBytes, limits().maxOutputBytes),
          maxRedirects: config.maxRedirects,
          sensitiveHeaders: auth ? [auth.name] : [],
        });
        if (response.status >= 400) {
          const text = new TextDecoder().decode(response.bytes);
          throw statusError(response.status, safeHost(response.url), text, response.headers['retry-after'] ?? null, context.now());
        }
        const body =
          config.method === 'HEAD'
            ? null
            : config.responseType === 'binary'
              ? await storeBody(response, context)
              : decodeResponse(response, config.responseType);
        context.logger.debug({ stepId: context.stepId, method: config.method, host, status: response.status }, 'http.request completed');
        return { kind: 'completed', output: { status: response.status, headers: response.headers, body } };
      } catch (error) {
        throw redactError(error, secrets);
      }
    },
  });
}

/** Extensions for the file a binary body is stored as, by content type. */
const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/html': 'html',
  'text/markdown': 'md',
  'text/plain': 'txt',
  'application/json': 'json',
  'text/csv': 'csv',
};

/** Stores a binary body as the run file `<step id>.<ext>` (a retry replaces it) and answers what names it. */
async function storeBody(response: LimitedResponse, context: StepContext) {
  const contentType = response.contentType || 'application/octet-stream';
  const extension = EXTENSIONS[contentType.split(';')[0]!.trim().toLowerCase()] ?? 'bin';
  const file = await context.artifacts.write({ name: `${context.stepId}.${extension}`, contentType, data: response.bytes });
  return { name: file.name, url: file.url, contentType: file.contentType, bytes: file.bytes };
}

/**
 * W3C trace context (`traceparent`, `tracestate`) of the step's span, when tracing is on, so the
 * called service's spans join the run's trace. Headers the step sets itself are kept.
 */
function passTraceContext(headers: Record<string, string>): void {
  const carrier: Record<string, string> = {};
  propagation.inject(otelContext.active(), carrier);
  for (const [name, value] of Object.entries(carrier)) headers[name] ??= value;
}

import { defineStepType, type StepContext, type StepType } from '@assay/engine';
import { AssayError } from '@assay/schema';
import { z } from 'zod';
import { guardedFetch, safeHost } from '../data/guarded-fetch';
import { statusError } from '../data/http-status';
import { redactError } from '../data/redact';
import type { OutboundGuard } from '../net/outbound-guard';
import { CHAT_FORMATS, chatPayload, SLACK_HEADER_CHARS } from './chat-payload';

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_TEXT = 40_000;

const Config = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(8192)
      .optional()
      .describe('The incoming-webhook URL; better kept in a credential (`credential`), since the URL is what lets anyone post'),
    credential: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a credential name (1-100 letters, digits, ".", "_" or "-")')
      .optional()
      .describe('A workspace credential whose value is the webhook URL (give this or `url`)'),
    format: z
      .enum(CHAT_FORMATS)
      .default('slack')
      .describe('`slack`, `teams` (an Adaptive Card, for Teams Workflows webhooks) or `teams-messagecard` (legacy connectors)'),
    text: z
      .string()
      .max(MAX_TEXT)
      .refine((text) => text.trim() !== '', 'must not be empty')
      .describe('The message in Markdown (converted to mrkdwn for Slack)'),
    title: z
      .string()
      .max(SLACK_HEADER_CHARS)
      .regex(/^[^\r\n]*$/, 'must be one line (no line breaks)')
      .optional()
      .describe('One line above the message'),
  })
  .strict()
  .refine((c) => (c.url === undefined) !== (c.credential === undefined), {
    path: ['url'],
    message: 'give either url or credential (a credential holding the webhook URL), not both',
  });

type NotifyChatConfig = z.infer<typeof Config>;

/**
 * `notify.chat`: posts a message to a Slack or Microsoft Teams incoming webhook, through the outbound
 * guard like `http.request` (10 s, a 64 KB answer, no redirects). The URL can live in a credential,
 * which keeps it (and the token in it) out of the definition and the run's records. 429 and 5xx
 * answers are retryable. Output `{ status, format }`. Never cached: posting is the point.
 */
export function createNotifyChatStep(guard: OutboundGuard): StepType {
  return defineStepType<NotifyChatConfig>({
    type: 'notify.chat',
    example: {
      id: 'announce',
      with: { credential: 'slack-webhook', title: 'Profile ready', text: 'The profile of **{{ input.company }}** is ready.' },
    },
    family: 'outbound',
    description:
      'Post a message to a chat incoming webhook: `credential` naming a credential that holds the webhook URL (or `url`), ' +
      '`format` slack (default), teams (an Adaptive Card, for Teams Workflows webhooks) or teams-messagecard (legacy connectors), ' +
      '`text` in Markdown (up to 40,000 characters; converted to mrkdwn for Slack) and an optional one-line `title` (up to 150). ' +
      'Returns `{ status, format }`.',
    config: Config,
    async execute(config, context) {
      const { url, secrets } = await webhookUrl(config, context);
      const host = safeHost(url.href);
      let payload: Record<string, unknown>;
      try {
        payload = chatPayload(config.format, config.text, config.title);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new AssayError('invalid_input', `steps.${context.stepId}.with.text: ${message}`, {
          details: [{ path: `steps.${context.stepId}.with.text`, message }],
        });
      }
      try {
        const response = await guardedFetch(guard, url.href, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
          signal: context.signal,
          timeoutMs: TIMEOUT_MS,
          maxResponseBytes: MAX_RESPONSE_BYTES,
          maxRedirects: 0,
        });
        const text = new TextDecoder().decode(response.bytes);
        if (response.status >= 300) throw statusError(response.status, host, text, response.headers['retry-after'] ?? null, context.now());
        // A Teams connector answers 200 and says in the body that Teams refused the message.
        const relayed = /^Microsoft Teams endpoint returned HTTP error (\d{3})/.exec(text);
        if (relayed) throw statusError(Number(relayed[1]), host, text, null, context.now());
        context.logger.debug({ stepId: context.stepId, host, format: config.format, status: response.status }, 'notify.chat posted');
        return { kind: 'completed', output: { status: response.status, format: config.format } };
      } catch (error) {
        throw redactError(error, secrets);
      }
    },
  });
}

/** The webhook URL, from the config or its credential, and what of it must never surface (the credential's path and query). */
async function webhookUrl(config: NotifyChatConfig, context: StepContext): Promise<{ url: URL; secrets: string[] }> {
  if (config.url !== undefined) return { url: new URL(config.url), secrets: [] };
  const name = config.credential!;
  const value = (await context.credentials.get(name)).trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    // The value is never echoed: it is a secret even when it is not a URL.
    throw new AssayError('invalid_input', `steps.${context.stepId}.with.credential: credential "${name}" does not hold an http(s) URL`, {
      details: [{ path: `steps.${context.stepId}.with.credential`, message: `credential "${name}" does not hold an http(s) URL` }],
    });
  }
  // The token of a webhook URL is its path (Slack, Teams): a receiver that echoes the path must not put it in a record.
  const secrets = [value];
  const tail = url.pathname + url.search;
  if (tail.length >= 16) {
    secrets.push(tail);
    context.credentials.conceal?.(tail);
  }
  return { url, secrets };
}

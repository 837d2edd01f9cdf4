import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AssayError, CALLED_URL_RULE, Run, Trigger } from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { assertJsonDepth } from '../http/json-depth';
import { data, errors, IdParam, json, publicAccess, publicBase, security } from '../http/openapi';
import { presentRun, presentTrigger } from '../services/presenters';
import { MAX_WAIT_SECONDS, type RunService } from '../services/run-service';
import { TokenBuckets } from '../http/token-buckets';
import { SECRET_HEADER, type TriggerService } from '../services/trigger-service';
import { formFields, parseTriggerBody, triggerHeaders, type TriggerRequest } from '../services/trigger-request';

/** What an inbound webhook body may be: JSON (any shape) or a form post. */
const ACCEPTED_BODY = /^application\/(([\w.+-]+\+)?json|x-www-form-urlencoded)\b/i;
const FORM_BODY = /^application\/x-www-form-urlencoded\b/i;

const tags = ['Triggers'];
const TriggerBody = z
  .object({
    enabled: z.boolean().default(true),
    verification: z.enum(['signature', 'secret-header', 'none']).default('signature'),
    callbackUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .optional()
      .meta({ description: `Receives the signed end event of each run the trigger starts. ${CALLED_URL_RULE}` }),
    inputMapping: z.string().max(10_000).nullable().optional().meta({
      description:
        'A JSONata expression over { body, headers, query } (headers without secrets) that yields the run input, e.g. { "companyId": body.deal.company_id }; checked when saved',
    }),
    strict: z
      .boolean()
      .default(false)
      .meta({ description: 'Without a mapping: refuse a body field the workflow does not declare (default: ignore it)' }),
  })
  .strict()
  .meta({ id: 'TriggerBody' });
const TriggerAnswer = Trigger.extend({ secret: z.string().optional().meta({ description: 'Only when created or rotated' }) });
const RotateBody = z
  .object({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(0)
      .meta({ description: 'How long the previous secret keeps verifying' }),
  })
  .strict()
  .meta({ id: 'RotateSecretBody' });

/** The header carrying the secret in `secret-header` verification mode. */
export { SECRET_HEADER };

/** Webhook triggers: configure and rotate (API key), and the inbound endpoint (no API key). */
export function registerTriggerRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { triggers: TriggerService; runs: RunService; publicUrl: string | null; webhookRateLimit: number },
) {
  const { triggers, runs } = deps;
  const limiter = new TokenBuckets(deps.webhookRateLimit);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflows/{id}/trigger',
      operationId: 'getTrigger',
      tags,
      security,
      summary: "The webhook trigger's current settings (never its secret); 404 when none is configured",
      request: { params: IdParam },
      responses: { 200: json(data(Trigger), 'The trigger'), ...errors },
    }),
    async (c) => {
      const trigger = await triggers.get(c.get('principal').workspaceId, c.req.valid('param').id);
      return c.json({ data: presentTrigger(trigger, publicBase(c.req.url, deps.publicUrl)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/workflows/{id}/trigger',
      operationId: 'setTrigger',
      tags,
      security,
      summary: 'Configure the webhook trigger (the secret is returned when the trigger is first created)',
      middleware: [requireScope('edit')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: TriggerBody } } } },
      responses: { 200: json(data(TriggerAnswer), 'The trigger'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { trigger, created, secret } = await triggers.configure(
        principal.workspaceId,
        c.req.valid('param').id,
        c.req.valid('json'),
        principal,
      );
      return c.json({ data: presentTrigger(trigger, publicBase(c.req.url, deps.publicUrl), created ? secret : undefined) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflows/{id}/trigger/webhook-secret/reveal',
      operationId: 'revealWebhookSecret',
      tags,
      security,
      summary: "Show the trigger's current secret (admins only; recorded in the audit log)",
      description: 'A POST, not a GET, so that no prefetch or cache ever holds it and a browser session must present its CSRF token.',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(TriggerAnswer), 'The trigger with its secret'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const trigger = await triggers.reveal(principal.workspaceId, c.req.valid('param').id, principal);
      return c.json({ data: presentTrigger(trigger, publicBase(c.req.url, deps.publicUrl), trigger.secret) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflows/{id}/trigger/webhook-secret/rotate',
      operationId: 'rotateWebhookSecret',
      tags,
      security,
      summary: 'Issue a new trigger secret (shown once)',
      middleware: [requireScope('edit')] as const,
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: RotateBody } } } },
      responses: { 200: json(data(TriggerAnswer), 'The trigger with its new secret'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { trigger, secret } = await triggers.rotateSecret(
        principal.workspaceId,
        c.req.valid('param').id,
        c.req.valid('json')?.graceSeconds ?? 0,
        principal,
      );
      return c.json({ data: presentTrigger(trigger, publicBase(c.req.url, deps.publicUrl), secret) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/workflows/{slug}',
      operationId: 'callWebhookTrigger',
      security: publicAccess,
      tags,
      summary: "Start a run from an external system: the body (JSON or a form post) gives the run's input",
      description:
        "Without an input mapping the body's fields the workflow declares are its input (others are ignored, or refused when the trigger is strict); with one, what the mapping makes of { body, headers, query }. Templates read the whole request as trigger.body, trigger.headers (without secrets) and trigger.query. The signature covers the raw body, whatever its type.",
      request: {
        params: z.object({
          slug: z
            .string()
            .max(200)
            .meta({ param: { name: 'slug', in: 'path' } }),
        }),
        query: z.object({
          wait: z.coerce
            .number()
            .min(0)
            .max(MAX_WAIT_SECONDS)
            .optional()
            .meta({ description: `Answer with the finished run, or after this many seconds (at most ${MAX_WAIT_SECONDS})` }),
        }),
      },
      responses: {
        202: json(data(Run), 'Accepted: the run'),
        ...errors,
        415: json(z.object({ error: z.string() }), 'Neither JSON nor a form post'),
      },
    }),
    async (c) => {
      const trigger = await triggers.enabledBySlug(c.req.valid('param').slug);
      const raw = await c.req.text();
      const contentType = c.req.header('content-type');
      // Refused before the signature is checked, as before: the type is not the sender's secret.
      if (!ACCEPTED_BODY.test(contentType ?? ''))
        throw new AssayError(
          'unsupported_media_type',
          'the body must be JSON (Content-Type: application/json) or a form post (application/x-www-form-urlencoded)',
        );
      triggers.verify(trigger, {
        id: c.req.header('webhook-id'),
        timestamp: c.req.header('webhook-timestamp'),
        signature: c.req.header('webhook-signature'),
        secret: c.req.header(SECRET_HEADER),
        body: raw,
      });
      limiter.take(trigger.slug);
      if (!FORM_BODY.test(contentType ?? '')) assertJsonDepth(raw);
      const query = formFields(new URL(c.req.url).searchParams);
      delete query.wait;
      const request: TriggerRequest = { body: parseTriggerBody(raw, contentType), headers: triggerHeaders(c.req.header()), query };
      const { input, declaredOnly } = await triggers.inputFor(trigger, request);
      const { run, definition } = await runs.create({
        workspaceId: trigger.workspaceId,
        workflowId: trigger.workflowId,
        input,
        declaredOnly,
        triggerRequest: request,
        trigger: 'webhook',
        idempotencyKey: c.req.header('webhook-id') ? `webhook:${c.req.header('webhook-id')}` : undefined,
        callbackUrl: trigger.callbackUrl ?? undefined,
      });
      const { wait } = c.req.valid('query');
      if (wait !== undefined && wait > 0) {
        await runs.waitForTerminal(run, wait);
        return c.json({ data: await runs.get(trigger.workspaceId, run.id) }, 202);
      }
      return c.json({ data: presentRun(run, [], definition) }, 202);
    },
  );
}

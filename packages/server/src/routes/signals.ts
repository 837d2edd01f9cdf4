import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { jsonDepthLimit } from '../http/json-depth';
import { conflict, data, errors, IdParam, json, security } from '../http/openapi';
import type { SignalService } from '../services/signal-service';

const SignalParams = IdParam.extend({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must be 1-64 letters, digits, "_", "." or "-", starting with a letter')
    .meta({ param: { name: 'name', in: 'path' }, description: "The signal's name, as the workflow's wait.signal step gives it" }),
});
const SignalBody = z
  .object({ payload: z.unknown().optional().meta({ description: "The wait.signal step's output (checked against its schema)" }) })
  .strict()
  .meta({ id: 'SignalBody' });
const SentSignal = z.object({ runId: z.string(), name: z.string(), payload: z.unknown() }).meta({ id: 'SentSignal' });

/** `POST /v1/workflow-runs/{id}/signals/{name}`: a system answers a run that waits for it. */
export function registerSignalRoutes(app: OpenAPIHono<AppEnv>, signals: SignalService) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflow-runs/{id}/signals/{name}',
      operationId: 'sendSignal',
      tags: ['Runs'],
      security,
      summary: 'Send a run a signal: its wait.signal step of that name outputs the payload (kept if the run has not reached it yet)',
      middleware: [requireScope('run'), jsonDepthLimit()] as const,
      request: { params: SignalParams, body: { required: false, content: { 'application/json': { schema: SignalBody } } } },
      responses: { 202: json(data(SentSignal), 'Kept; the run is woken to read it'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id, name } = c.req.valid('param');
      const sent = await signals.send(c.get('principal').workspaceId, id, name, c.req.valid('json')?.payload ?? null);
      return c.json({ data: sent }, 202);
    },
  );
}

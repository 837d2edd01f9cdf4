import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CallbackSecret } from '@assay/schema';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { data, errors, json, security } from '../http/openapi';
import type { CallbackSecretService } from '../services/callback-secret-service';
import type { CallbackSecretValue } from '../services/delivery/callback-secrets';

const tags = ['Event endpoints'];

function present(value: CallbackSecretValue) {
  return { secret: value.secret, createdAt: new Date(value.createdAt).toISOString(), updatedAt: new Date(value.updatedAt).toISOString() };
}

/**
 * The workspace's callback signing secret: run callbacks (`callbackUrl`) of runs not started by a
 * webhook trigger are signed with it (a trigger's runs with the trigger's secret). Admin keys only.
 */
export function registerCallbackRoutes(app: OpenAPIHono<AppEnv>, secrets: CallbackSecretService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/callbacks/secret',
      operationId: 'getCallbackSecret',
      tags,
      security,
      summary: 'The secret that signs run callbacks (created on first use)',
      middleware: [requireScope('admin')] as const,
      responses: { 200: json(data(CallbackSecret), 'The callback secret'), ...errors },
    }),
    async (c) => c.json({ data: present(await secrets.get(c.get('principal').workspaceId)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/callbacks/secret/rotate',
      operationId: 'rotateCallbackSecret',
      tags,
      security,
      summary: 'Replace the callback secret; callbacks from now on are signed with the new one',
      middleware: [requireScope('admin')] as const,
      responses: { 200: json(data(CallbackSecret), 'The new callback secret'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      return c.json({ data: present(await secrets.rotate(principal.workspaceId, principal)) }, 200);
    },
  );
}

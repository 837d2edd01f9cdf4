import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ExpressionPreview, ExpressionPreviewRequest } from '@assay/schema';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { jsonDepthLimit } from '../http/json-depth';
import { data, errors, json, security } from '../http/openapi';
import { previewExpression } from '../services/expression-preview';

/** `POST /v1/expressions/preview`: the editor's live value under a template or expression. */
export function registerExpressionRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/expressions/preview',
      operationId: 'previewExpression',
      tags: ['Workflows'],
      security,
      summary: 'Evaluate a template or JSONata expression against sample data, under the limits a run has',
      middleware: [requireScope('edit'), jsonDepthLimit()] as const,
      request: { body: { required: true, content: { 'application/json': { schema: ExpressionPreviewRequest } } } },
      responses: { 200: json(data(ExpressionPreview), 'The value, or the error a run would meet (`ok: false`)'), ...errors },
    }),
    async (c) => c.json({ data: await previewExpression(c.req.valid('json'), c.req.raw.signal) }, 200),
  );
}

import { createRequire } from 'node:module';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Registry } from 'prom-client';
import type { AppEnv } from '../http/app-env';
import { documentConfig, json, publicAccess } from '../http/openapi';
import type { ReadinessChecks } from '../services/readiness';

const require = createRequire(import.meta.url);
const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Assay API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#docs' });</script>
</body>
</html>`;

export type { ReadinessChecks };

const Liveness = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });
const Readiness = z
  .object({
    status: z.enum(['ready', 'not ready']),
    checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional() })),
  })
  .meta({ id: 'Readiness' });

/**
 * Unauthenticated system endpoints: liveness (the process answers), readiness (it can serve: the
 * database answers and its schema is current), Prometheus metrics, the OpenAPI document and its page.
 */
export function registerSystemRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { metrics: Registry; version: string; readiness(): Promise<ReadinessChecks>; publicUrl: string | null },
) {
  const tags = ['System'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'getLiveness',
      security: publicAccess,
      tags,
      summary: 'Liveness: the process answers',
      responses: { 200: json(Liveness, 'Alive') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      security: publicAccess,
      tags,
      summary: 'Readiness: the database answers and its schema is current (503 and the failed check when not)',
      responses: { 200: json(Readiness, 'Ready'), 503: json(Readiness, 'Not ready: `checks` says why') },
    }),
    async (c) => {
      const checks = await deps.readiness();
      const ready = Object.values(checks).every((check) => check.ok);
      return ready ? c.json({ status: 'ready' as const, checks }, 200) : c.json({ status: 'not ready' as const, checks }, 503);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      security: publicAccess,
      tags,
      summary: 'Prometheus metrics (text exposition format)',
      responses: { 200: { description: 'The metrics', content: { 'text/plain': { schema: z.string() } } } },
    }),
    async (c) => c.text(await deps.metrics.metrics(), 200, { 'Content-Type': deps.metrics.contentType }),
  );

  app.doc31('/v1/openapi.json', (c) => documentConfig(c.req.url, deps));

  app.get('/docs', (c) => c.html(DOCS_PAGE));
  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = SWAGGER_ASSETS[file];
    if (!type) return c.json({ error: 'not found', code: 'not_found' }, 404);
    const body = await readFile(path.join(swaggerDir, file));
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}

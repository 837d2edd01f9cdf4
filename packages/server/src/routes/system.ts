import { createRequire } from 'node:module';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Registry } from 'prom-client';
import type { AppEnv } from '../http/app-env';
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

/**
 * Unauthenticated system endpoints: liveness (the process answers), readiness (it can serve: the
 * database answers and its schema is current), Prometheus metrics, the OpenAPI document and its page.
 */
export function registerSystemRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { metrics: Registry; version: string; readiness(): Promise<ReadinessChecks> },
) {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    const checks = await deps.readiness();
    const ready = Object.values(checks).every((check) => check.ok);
    return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
  });

  app.get('/metrics', async (c) => c.body(await deps.metrics.metrics(), 200, { 'content-type': deps.metrics.contentType }));

  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Assay API',
      version: deps.version,
      description: 'Run and monitor Assay workflows. Every /v1 request carries x-metal-client-id and x-metal-api-key.',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'clientId', { type: 'apiKey', in: 'header', name: 'x-metal-client-id' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'x-metal-api-key' });

  app.get('/docs', (c) => c.html(DOCS_PAGE));
  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = SWAGGER_ASSETS[file];
    if (!type) return c.json({ error: 'not found', code: 'not_found' }, 404);
    const body = await readFile(path.join(swaggerDir, file));
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}

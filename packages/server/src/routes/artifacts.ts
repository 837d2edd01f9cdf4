import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { Id } from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { errors, security } from '../http/openapi';
import type { ArtifactService } from '../services/artifact-service';

const Params = z.object({
  id: Id.meta({ param: { name: 'id', in: 'path' } }),
  name: z
    .string()
    .min(1)
    .max(200)
    .meta({ param: { name: 'name', in: 'path' }, example: 'memo.pdf' }),
});

/** `GET /v1/workflow-runs/{id}/artifacts/{name}`: a generated document, with its type and filename. */
export function registerArtifactRoutes(app: OpenAPIHono<AppEnv>, artifacts: ArtifactService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflow-runs/{id}/artifacts/{name}',
      operationId: 'getRunArtifact',
      tags: ['Runs'],
      security,
      summary: 'Download a file the run produced',
      request: { params: Params },
      responses: {
        200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
        ...errors,
      },
    }),
    async (c) => {
      const { id, name } = c.req.valid('param');
      const artifact = await artifacts.get(c.get('principal').workspaceId, id, name);
      const filename = name.replace(/["\\\r\n]/g, '_');
      return c.body(Buffer.from(artifact.data), 200, {
        'content-type': artifact.contentType,
        'content-length': String(artifact.bytes),
        'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'x-content-type-options': 'nosniff',
      });
    },
  );
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { Id, RunDiff } from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { data, errors, json, security } from '../http/openapi';
import type { RunDiffService } from '../services/run-diff-service';

const DiffParams = z.object({
  a: Id.meta({ param: { name: 'a', in: 'path' }, description: 'The run to compare from (before)' }),
  b: Id.meta({ param: { name: 'b', in: 'path' }, description: 'The run to compare with (after)' }),
});

/** `GET /v1/workflow-runs/{a}/diff/{b}`: what differs between two runs of the workspace. */
export function registerRunDiffRoutes(app: OpenAPIHono<AppEnv>, diffs: RunDiffService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflow-runs/{a}/diff/{b}',
      operationId: 'diffRuns',
      tags: ['Runs'],
      security,
      summary:
        "Compare two runs (e.g. the same input on two workflow versions): status, input, output and each step's output field by field, and their documents (text as a unified diff, other files by SHA-256)",
      request: { params: DiffParams },
      responses: { 200: json(data(RunDiff), 'The differences, run a as before and run b as after'), ...errors },
    }),
    async (c) => {
      const { a, b } = c.req.valid('param');
      return c.json({ data: await diffs.diff(c.get('principal').workspaceId, a, b) }, 200);
    },
  );
}

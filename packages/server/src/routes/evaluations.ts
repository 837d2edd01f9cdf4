import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  CreateEvaluationBody,
  Evaluation,
  EvaluationListQuery,
  EvaluationResultsQuery,
  EvaluationRow,
  EvaluationRowsQuery,
} from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { jsonDepthLimit } from '../http/json-depth';
import { conflict, data, errors, IdParam, json, list, page, security } from '../http/openapi';
import type { EvaluationService } from '../services/evaluation-service';

const tags = ['Evaluations'];

/**
 * `/v1/evaluations`: run a dataset (or given inputs) on several versions of a workflow, score the
 * outputs against expected values, and compare the versions; rows with each version's output, scores
 * and diff; the results as CSV or JSON Lines.
 */
export function registerEvaluationRoutes(app: OpenAPIHono<AppEnv>, evaluations: EvaluationService) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/evaluations',
      operationId: 'createEvaluation',
      tags,
      security,
      summary: 'Start an evaluation: every row runs on every version (one batch per version), then is scored',
      middleware: [requireScope('run'), jsonDepthLimit()] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CreateEvaluationBody } } } },
      responses: { 201: json(data(Evaluation), 'Started'), ...errors, ...conflict },
    }),
    async (c) => c.json({ data: await evaluations.create(c.get('principal'), c.req.valid('json')) }, 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/evaluations',
      operationId: 'listEvaluations',
      tags,
      security,
      summary: "List the workspace's evaluations, newest first",
      request: { query: EvaluationListQuery },
      responses: { 200: json(list(Evaluation), 'Evaluations'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(page(await evaluations.list(c.get('principal').workspaceId, q), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/evaluations/{id}',
      operationId: 'getEvaluation',
      tags,
      security,
      summary: 'An evaluation with live progress and, per version, score, pass rate, cost, tokens, latency and failures',
      request: { params: IdParam },
      responses: { 200: json(data(Evaluation), 'The evaluation'), ...errors },
    }),
    async (c) => c.json({ data: await evaluations.get(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/evaluations/{id}/rows',
      operationId: 'listEvaluationRows',
      tags,
      security,
      summary: "Rows in order: each version's output, scores and field diff against the first version",
      request: { params: IdParam, query: EvaluationRowsQuery },
      responses: {
        200: json(
          z.object({
            data: z.array(EvaluationRow),
            hasMore: z.boolean(),
            nextCursor: z.string().nullable().meta({ description: 'Pass as `after`' }),
          }),
          'Rows',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await evaluations.rows(c.get('principal').workspaceId, c.req.valid('param').id, q);
      const hasMore = rows.length > q.limit;
      const shown = hasMore ? rows.slice(0, q.limit) : rows;
      return c.json({ data: shown, hasMore, nextCursor: hasMore ? String(shown[shown.length - 1]!.index) : null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/evaluations/{id}/results',
      operationId: 'getEvaluationResults',
      tags,
      security,
      summary: 'Every row and version as CSV (one line per row) or JSON Lines (one row object per line)',
      request: { params: IdParam, query: EvaluationResultsQuery },
      responses: {
        200: {
          description: 'The results',
          content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const { format } = c.req.valid('query');
      const { id } = c.req.valid('param');
      const body = await evaluations.results(c.get('principal').workspaceId, id, format);
      return c.body(body, 200, {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="evaluation-${id}.${format}"`,
        'x-content-type-options': 'nosniff',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/evaluations/{id}/cancel',
      operationId: 'cancelEvaluation',
      tags,
      security,
      summary: "Cancel a running evaluation: its batches' queued runs are cancelled",
      middleware: [requireScope('run')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(Evaluation), 'Cancelled'), ...errors, ...conflict },
    }),
    async (c) => c.json({ data: await evaluations.cancel(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );
}

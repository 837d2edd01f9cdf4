import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CreateDraftRunBody, DraftRun, LatestOutputs, MAX_UNFINISHED_DRAFT_RUNS, WorkflowSample, WorkflowSampleBody } from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { jsonDepthLimit } from '../http/json-depth';
import { conflict, data, errors, IdParam, json, security } from '../http/openapi';
import type { DraftRunService } from '../services/draft-run-service';
import { MAX_WAIT_SECONDS } from '../services/run-service';

const tags = ['Draft runs'];
const WaitQuery = z.object({
  wait: z.coerce
    .number()
    .min(0)
    .max(MAX_WAIT_SECONDS)
    .optional()
    .meta({ description: `Answer when the draft run is finished or after this many seconds (at most ${MAX_WAIT_SECONDS})` }),
});

/**
 * Draft runs (the editor's "Test step" and "Run to here" on an unsaved definition), a workflow's
 * pinned sample, and its steps' latest outputs. A draft run's live events stream at
 * `GET /v1/workflow-runs/{id}/events` like any run's.
 */
export function registerDraftRunRoutes(app: OpenAPIHono<AppEnv>, drafts: DraftRunService) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflows/{id}/draft-runs',
      operationId: 'createDraftRun',
      tags,
      security,
      summary: 'Test a step, or run up to it, on an unsaved definition (no version is saved, no run is listed)',
      description:
        `The definition is checked as a save checks it (problems named under \`definition\`). A draft run is executed like a run ` +
        `but kept apart: run lists, metrics and event endpoints leave it out, no onFailure workflow starts, and it is pruned ` +
        `ASSAY_DRAFT_RETENTION_HOURS after it finished. At most ${MAX_UNFINISHED_DRAFT_RUNS} unfinished draft runs per workspace (429 beyond).`,
      middleware: [requireScope('edit'), jsonDepthLimit()] as const,
      request: {
        params: IdParam,
        query: WaitQuery,
        body: { required: true, content: { 'application/json': { schema: CreateDraftRunBody } } },
      },
      responses: { 201: json(data(DraftRun), 'Created'), ...errors, ...conflict },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const { wait } = c.req.valid('query');
      const run = await drafts.create(workspaceId, c.req.valid('param').id, c.req.valid('json'));
      if (wait !== undefined && wait > 0) await drafts.waitForTerminal(run, wait);
      return c.json({ data: await drafts.get(workspaceId, run.id) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/draft-runs/{id}',
      operationId: 'getDraftRun',
      tags,
      security,
      summary: 'Get a draft run with the steps it involves',
      request: { params: IdParam },
      responses: { 200: json(data(DraftRun), 'The draft run'), ...errors },
    }),
    async (c) => c.json({ data: await drafts.get(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/draft-runs/{id}/cancel',
      operationId: 'cancelDraftRun',
      tags,
      security,
      summary: 'Cancel an unfinished draft run (the step in flight is aborted)',
      middleware: [requireScope('edit')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(DraftRun), 'Cancelled'), ...errors, ...conflict },
    }),
    async (c) => c.json({ data: await drafts.cancel(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflows/{id}/sample',
      operationId: 'getWorkflowSample',
      tags,
      security,
      summary: "The workflow's pinned sample input and step outputs (empty when none was pinned)",
      request: { params: IdParam },
      responses: { 200: json(data(WorkflowSample), 'The pinned sample'), ...errors },
    }),
    async (c) => c.json({ data: await drafts.sample(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/workflows/{id}/sample',
      operationId: 'setWorkflowSample',
      tags,
      security,
      summary: 'Pin the sample input draft runs default to, and step outputs "Test step" uses for a dependency `upstream` does not give',
      middleware: [requireScope('edit'), jsonDepthLimit()] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: WorkflowSampleBody } } } },
      responses: { 200: json(data(WorkflowSample), 'The pinned sample'), ...errors },
    }),
    async (c) =>
      c.json({ data: await drafts.pinSample(c.get('principal').workspaceId, c.req.valid('param').id, c.req.valid('json')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflows/{id}/latest-outputs',
      operationId: 'getLatestStepOutputs',
      tags,
      security,
      summary: "Each step's newest completed or failed record among the workflow's newest runs (draft or production)",
      request: { params: IdParam },
      responses: { 200: json(data(LatestOutputs), 'By step id'), ...errors },
    }),
    async (c) => c.json({ data: await drafts.latestOutputs(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  CreateRunBody,
  ReplayBody,
  RerunBody,
  Id,
  parseRunMetadataFilter,
  Run,
  RUN_METADATA_FILTER_DESCRIPTION,
  RunListQuery,
  SetBudgetBody,
} from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { jsonDepthLimit } from '../http/json-depth';
import { conflict, data, errors, IdParam, json, list, page, security } from '../http/openapi';
import { presentRun, presentRunSummary } from '../services/presenters';
import type { DestinationCheck } from '../services/destination-check';
import { MAX_WAIT_SECONDS, type RunService } from '../services/run-service';

const tags = ['Runs'];
const RunSummary = Run.omit({ steps: true, artifacts: true });
const GlobalRunListQuery = RunListQuery.extend({ workflowId: Id.optional().meta({ description: "Only this workflow's runs" }) });
const CreateRunQuery = z.object({
  wait: z.coerce
    .number()
    .min(0)
    .max(MAX_WAIT_SECONDS)
    .optional()
    .meta({ description: `Answer when the run is finished or after this many seconds (at most ${MAX_WAIT_SECONDS})` }),
  cache: z
    .enum(['bypass'])
    .optional()
    .meta({ description: 'bypass: steps declaring `cache` execute (and refresh the cache) instead of reusing an earlier output' }),
});
const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: 'A repeated key returns the original run instead of creating another' }),
});

/** Runs: create (with `?wait=N` and idempotency), read, list, retry, rerun and cancel. */
export function registerRunRoutes(app: OpenAPIHono<AppEnv>, runs: RunService, checkDestination: DestinationCheck) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflows/{id}/runs',
      operationId: 'createRun',
      tags,
      security,
      summary: 'Create a run (asynchronous: answers at once with the run record)',
      middleware: [requireScope('run'), jsonDepthLimit()] as const,
      request: {
        params: IdParam,
        query: CreateRunQuery,
        headers: IdempotencyHeader,
        body: { required: false, content: { 'application/json': { schema: CreateRunBody } } },
      },
      responses: {
        201: json(data(Run), 'Created'),
        200: json(data(Run), 'Replayed: the run this Idempotency-Key created before'),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json') ?? { input: {} };
      const { wait, cache } = c.req.valid('query');
      const idempotencyKey = c.req.valid('header')['idempotency-key'] ?? body.idempotencyKey;
      if (body.callbackUrl !== undefined) await checkDestination('callbackUrl', body.callbackUrl);
      const { run, created, definition } = await runs.create({
        workspaceId: principal.workspaceId,
        workflowId: c.req.valid('param').id,
        input: body.input ?? {},
        // A signed-in person's browser session is the web app; an API key is a script or an integration.
        trigger: principal.sessionId === null ? 'api' : 'web',
        idempotencyKey,
        callbackUrl: body.callbackUrl,
        priority: body.priority,
        cacheBypass: cache === 'bypass',
        budget: body.budget,
        metadata: body.metadata,
        version: body.version,
      });
      if (!created) c.header('Idempotent-Replayed', 'true');
      if (wait !== undefined && wait > 0) await runs.waitForTerminal(run, wait);
      const presented = created && !wait ? presentRun(run, [], definition) : await runs.get(principal.workspaceId, run.id);
      return c.json({ data: presented }, created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflows/{id}/runs',
      operationId: 'listRunsOfWorkflow',
      tags,
      security,
      summary: "List a workflow's runs",
      description: RUN_METADATA_FILTER_DESCRIPTION,
      request: { params: IdParam, query: RunListQuery },
      responses: { 200: json(list(RunSummary), 'Runs (without steps)'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const metadata = parseRunMetadataFilter(c.req.queries());
      const rows = await runs.list(c.get('principal').workspaceId, { ...q, metadata }, c.req.valid('param').id);
      return c.json(page(rows.map(presentRunSummary), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflow-runs',
      operationId: 'listWorkflowRuns',
      tags,
      security,
      summary: 'List runs of every workflow',
      description: RUN_METADATA_FILTER_DESCRIPTION,
      request: { query: GlobalRunListQuery },
      responses: { 200: json(list(RunSummary), 'Runs (without steps)'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const metadata = parseRunMetadataFilter(c.req.queries());
      const rows = await runs.list(c.get('principal').workspaceId, { ...q, metadata });
      return c.json(page(rows.map(presentRunSummary), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflow-runs/{id}',
      operationId: 'getWorkflowRun',
      tags,
      security,
      summary: 'Get a run with its steps',
      request: { params: IdParam },
      responses: { 200: json(data(Run), 'The run'), ...errors },
    }),
    async (c) => c.json({ data: await runs.get(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflow-runs/{id}/retry',
      operationId: 'retryRun',
      tags,
      security,
      summary: 'Resume a failed or cancelled run from the step that failed',
      middleware: [requireScope('run')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(Run), 'Queued again'), ...errors, ...conflict },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const id = c.req.valid('param').id;
      await runs.retry(workspaceId, id);
      return c.json({ data: await runs.get(workspaceId, id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflow-runs/{id}/rerun',
      operationId: 'rerunRun',
      tags,
      security,
      summary: "A new run with the same input, on the original run's version unless the body names another",
      middleware: [requireScope('run')] as const,
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: RerunBody } } } },
      responses: { 201: json(data(Run), 'The new run'), ...errors, ...conflict },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const run = await runs.rerun(workspaceId, c.req.valid('param').id, c.req.valid('json')?.version);
      return c.json({ data: await runs.get(workspaceId, run.id) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflow-runs/{id}/replay',
      operationId: 'replayRun',
      tags,
      security,
      summary:
        'Run a finished run again on another version, reusing the recorded output of every step whose type and resolved config are unchanged: only what changed executes',
      middleware: [requireScope('run')] as const,
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: ReplayBody } } } },
      responses: { 201: json(data(Run), 'The replay'), ...errors, ...conflict },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const run = await runs.replay(workspaceId, c.req.valid('param').id, c.req.valid('json')?.version);
      return c.json({ data: await runs.get(workspaceId, run.id) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflow-runs/{id}/cancel',
      operationId: 'cancelRun',
      tags,
      security,
      summary: 'Cancel an in-progress run (the step in flight is aborted)',
      middleware: [requireScope('run')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(Run), 'Cancelled'), ...errors, ...conflict },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const id = c.req.valid('param').id;
      await runs.cancel(workspaceId, id);
      return c.json({ data: await runs.get(workspaceId, id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflow-runs/{id}/budget',
      operationId: 'setRunBudget',
      tags,
      security,
      summary: "Change an unfinished run's budget; a run waiting over its budget resumes from its checkpoints",
      middleware: [requireScope('run')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: SetBudgetBody } } } },
      responses: { 200: json(data(Run), 'The run with its new budget'), ...errors, ...conflict },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const run = await runs.setBudget(workspaceId, c.req.valid('param').id, c.req.valid('json'));
      return c.json({ data: run }, 200);
    },
  );
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  DefinitionValidation,
  invalidInput,
  ListQuery,
  RestoreVersionBody,
  Workflow,
  WorkflowDefinition,
  WorkflowVersion,
} from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { jsonDepthLimit } from '../http/json-depth';
import { data, errors, IdParam, json, list, page, publicBase, security } from '../http/openapi';
import { presentTrigger, presentVersion, presentWorkflow } from '../services/presenters';
import type { WorkflowService, WorkflowWithTrigger } from '../services/workflow-service';
import type { TriggerRecord, WorkflowRecord } from '@assay/store';

const tags = ['Workflows'];
const WorkflowListQuery = ListQuery.extend({
  q: z.string().max(200).optional().meta({ description: 'Only workflows whose name contains this (case-insensitive)' }),
  search: z.string().max(200).optional().meta({ description: 'Same as `q` (older name)' }),
  archived: z
    .enum(['false', 'true', 'all', 'only'])
    .default('false')
    .meta({ description: '`false` (default): only active workflows; `true` or `all`: active and archived; `only`: only archived' }),
});
/** `archived` query values → the store's filter (`true` keeps its original meaning: include archived). */
const ARCHIVED = { false: 'active', true: 'all', all: 'all', only: 'archived' } as const;
const definitionBody = { required: true, content: { 'application/json': { schema: WorkflowDefinition } } };

/** `/v1/workflows…`: create, read, list, new versions, archive, versions and restore. */
export function registerWorkflowRoutes(app: OpenAPIHono<AppEnv>, deps: { workflows: WorkflowService; publicUrl: string | null }) {
  const { workflows } = deps;
  /** A workflow as answered: with its webhook trigger, if any. */
  const present = (workflow: WorkflowRecord, trigger: TriggerRecord | null | undefined, requestUrl: string): Workflow =>
    presentWorkflow(workflow, trigger ? presentTrigger(trigger, publicBase(requestUrl, deps.publicUrl)) : null);
  const presentOne = ({ workflow, trigger }: WorkflowWithTrigger, requestUrl: string) => present(workflow, trigger, requestUrl);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflows',
      operationId: 'listWorkflows',
      tags,
      security,
      summary: 'List workflows',
      request: { query: WorkflowListQuery },
      responses: { 200: json(list(Workflow), 'Workflows'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { workspaceId } = c.get('principal');
      const {
        workflows: rows,
        triggers,
        stats,
      } = await workflows.list(workspaceId, { ...q, archived: ARCHIVED[q.archived], search: q.q ?? q.search });
      const answer = page(
        rows.map((w) => present(w, triggers.get(w.id), c.req.url)),
        q.limit,
      );
      const items = answer.data.map((w) => {
        const s = stats.get(w.id);
        return {
          ...w,
          stats: s
            ? { runCount: s.runCount, lastRun: { ...s.lastRun, createdAt: new Date(s.lastRun.createdAt).toISOString() } }
            : { runCount: 0, lastRun: null },
        };
      });
      return c.json({ ...answer, data: items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflows',
      operationId: 'createWorkflow',
      tags,
      security,
      summary: 'Create a workflow (version 1)',
      middleware: [requireScope('edit'), jsonDepthLimit()] as const,
      request: { body: definitionBody },
      responses: { 201: json(data(Workflow), 'Created'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const created = await workflows.create(principal.workspaceId, c.req.valid('json'), principal);
      return c.json({ data: presentOne(created, c.req.url) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflows/validate',
      operationId: 'validateWorkflow',
      tags,
      security,
      summary: 'Check a definition as a save would, without saving: every problem with its path and step',
      middleware: [jsonDepthLimit()] as const,
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.record(z.string(), z.unknown()).meta({ description: 'A workflow definition, as POST /v1/workflows takes it' }),
            },
          },
        },
      },
      responses: { 200: json(data(DefinitionValidation), 'Whether the definition is valid, and every problem found'), ...errors },
    }),
    async (c) => {
      // Without a JSON content type the validator sees an empty object: there is nothing to check.
      if (!/\bjson\b/i.test(c.req.header('content-type') ?? ''))
        throw invalidInput('(body)', 'must be a JSON workflow definition (Content-Type: application/json)');
      return c.json({ data: await workflows.validate(c.get('principal').workspaceId, c.req.valid('json')) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflows/{id}',
      operationId: 'getWorkflow',
      tags,
      security,
      summary: 'Get a workflow with its current definition',
      request: { params: IdParam },
      responses: { 200: json(data(Workflow), 'The workflow'), ...errors },
    }),
    async (c) => c.json({ data: presentOne(await workflows.get(c.get('principal').workspaceId, c.req.valid('param').id), c.req.url) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/workflows/{id}',
      operationId: 'updateWorkflow',
      tags,
      security,
      summary: 'Save a new version',
      middleware: [requireScope('edit'), jsonDepthLimit()] as const,
      request: { params: IdParam, body: definitionBody },
      responses: { 200: json(data(Workflow), 'Saved'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const saved = await workflows.saveVersion(principal.workspaceId, c.req.valid('param').id, c.req.valid('json'), principal);
      return c.json({ data: presentOne(saved, c.req.url) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/workflows/{id}',
      operationId: 'deleteWorkflow',
      tags,
      security,
      summary: 'Archive a workflow (its runs stay readable)',
      middleware: [requireScope('edit')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(Workflow), 'Archived'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const archived = await workflows.archive(principal.workspaceId, c.req.valid('param').id, principal);
      return c.json({ data: presentOne(archived, c.req.url) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflows/{id}/versions',
      operationId: 'listWorkflowVersions',
      tags,
      security,
      summary: 'List versions',
      request: { params: IdParam, query: ListQuery },
      responses: { 200: json(list(WorkflowVersion), 'Versions, newest first'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      // Versions page by `page` (their cursor would be a version number, not an id).
      const versions = await workflows.versions(c.get('principal').workspaceId, c.req.valid('param').id, q);
      return c.json({ data: versions.slice(0, q.limit).map(presentVersion), hasMore: versions.length > q.limit, nextCursor: null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflows/{id}/versions/restore',
      operationId: 'restoreWorkflowVersion',
      tags,
      security,
      summary: 'Make version N current by saving it as a new version',
      middleware: [requireScope('edit')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: RestoreVersionBody } } } },
      responses: { 200: json(data(Workflow), 'Restored as a new version'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const restored = await workflows.restore(principal.workspaceId, c.req.valid('param').id, c.req.valid('json').version, principal);
      return c.json({ data: presentOne(restored, c.req.url) }, 200);
    },
  );
}

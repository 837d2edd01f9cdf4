import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { Approval, ApprovalLink, ApprovalListQuery, CreateApprovalLinkBody, DecideApprovalBody, LinkedApproval } from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { jsonDepthLimit } from '../http/json-depth';
import { conflict, data, errors, IdParam, json, list, page, publicAccess, publicBase, security } from '../http/openapi';
import type { ApprovalService } from '../services/approval-service';

const tags = ['Approvals'];
const ApprovalParams = IdParam.extend({
  stepId: z
    .string()
    .min(1)
    .max(100)
    .meta({ param: { name: 'stepId', in: 'path' }, description: "The id of the run's approval step" }),
});
const TokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .meta({ param: { name: 'token', in: 'path' }, description: 'The token of a signed approval link' }),
});
const decisionBody = { required: true, content: { 'application/json': { schema: DecideApprovalBody } } } as const;

/**
 * Approvals of runs' `approval` steps: the Inbox list, one approval, a decision, and signed
 * single-use links. Who may decide is the step's `reviewers` (checked by the service, so a viewer the
 * step names may decide); `/v1/approval-links/{token}` needs no key: the signed token is the right.
 */
export function registerApprovalRoutes(app: OpenAPIHono<AppEnv>, deps: { approvals: ApprovalService; publicUrl: string | null }) {
  const { approvals } = deps;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/approvals',
      operationId: 'listApprovals',
      tags,
      security,
      summary: "List the workspace's approvals, newest first (the Inbox: `status=pending&mine=true`)",
      request: { query: ApprovalListQuery },
      responses: { 200: json(list(Approval), 'Approvals'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(page(await approvals.list(c.get('principal'), q), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflow-runs/{id}/approvals/{stepId}',
      operationId: 'getRunApproval',
      tags,
      security,
      summary: "Read a run's approval: what the reviewer sees, who may decide, and the decision once made",
      request: { params: ApprovalParams },
      responses: { 200: json(data(Approval), 'The approval'), ...errors },
    }),
    async (c) => {
      const { id, stepId } = c.req.valid('param');
      return c.json({ data: await approvals.get(c.get('principal'), id, stepId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflow-runs/{id}/approvals/{stepId}',
      operationId: 'decideRunApproval',
      tags,
      security,
      summary: 'Approve or reject (with a comment, and an edit of the value checked against the step’s schema); the run goes on',
      middleware: [jsonDepthLimit()] as const,
      request: { params: ApprovalParams, body: decisionBody },
      responses: { 200: json(data(Approval), 'Decided; the run is woken'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id, stepId } = c.req.valid('param');
      return c.json({ data: await approvals.decide(c.get('principal'), id, stepId, c.req.valid('json')) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflow-runs/{id}/approvals/{stepId}/links',
      operationId: 'createApprovalLink',
      tags,
      security,
      summary: 'Mint a signed single-use link for someone without an account (its URL is shown only in this answer)',
      request: { params: ApprovalParams, body: { required: true, content: { 'application/json': { schema: CreateApprovalLinkBody } } } },
      responses: { 201: json(data(ApprovalLink), 'The link'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id, stepId } = c.req.valid('param');
      const base = publicBase(c.req.url, deps.publicUrl);
      return c.json({ data: await approvals.createLink(c.get('principal'), id, stepId, c.req.valid('json'), base) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/approval-links/{token}',
      operationId: 'getApprovalLink',
      security: publicAccess,
      tags,
      summary: 'What the holder of a signed approval link sees (no API key: the token is the right)',
      request: { params: TokenParam },
      responses: { 200: json(data(LinkedApproval), 'The approval'), ...errors },
    }),
    async (c) => c.json({ data: await approvals.byLink(c.req.valid('param').token) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/approval-links/{token}',
      operationId: 'decideApprovalLink',
      security: publicAccess,
      tags,
      summary: 'Decide through a signed link (no API key); the link is used up',
      middleware: [jsonDepthLimit()] as const,
      request: { params: TokenParam, body: decisionBody },
      responses: { 200: json(data(LinkedApproval), 'Decided; the run is woken'), ...errors, ...conflict },
    }),
    async (c) => c.json({ data: await approvals.decideByLink(c.req.valid('param').token, c.req.valid('json')) }, 200),
  );
}

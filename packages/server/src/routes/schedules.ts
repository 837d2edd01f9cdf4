import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CreateScheduleBody, ListQuery, Schedule, UpdateScheduleBody } from '@assay/schema';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { jsonDepthLimit } from '../http/json-depth';
import { conflict, data, errors, IdParam, json, list, page, security } from '../http/openapi';
import { presentSchedule, type ScheduleService } from '../services/schedule-service';

const tags = ['Schedules'];

/**
 * Schedules: created and listed under their workflow (`/v1/workflows/{id}/schedules`), read, changed
 * and deleted by their own id (`/v1/schedules/{id}`), and all of a workspace's at `/v1/schedules`.
 * Reading needs the `read` scope; changing needs `edit`, like a webhook trigger's settings and the
 * workflow itself: editors keep a workflow's schedules (the OpenAPI document says so per operation).
 */
export function registerScheduleRoutes(app: OpenAPIHono<AppEnv>, schedules: ScheduleService) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflows/{id}/schedules',
      operationId: 'createSchedule',
      tags,
      security,
      summary: 'Schedule a workflow: a cron expression in a time zone, with a fixed input',
      middleware: [requireScope('edit'), jsonDepthLimit()] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: CreateScheduleBody } } } },
      responses: { 201: json(data(Schedule), 'Created, with its next fire times'), ...errors, ...conflict },
    }),
    async (c) => {
      const principal = c.get('principal');
      const created = await schedules.create(principal.workspaceId, c.req.valid('param').id, c.req.valid('json'), principal);
      return c.json({ data: presentSchedule(created) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflows/{id}/schedules',
      operationId: 'listSchedulesOfWorkflow',
      tags,
      security,
      summary: "List a workflow's schedules",
      middleware: [requireScope('read')] as const,
      request: { params: IdParam, query: ListQuery },
      responses: { 200: json(list(Schedule), 'Schedules'), ...errors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const records = await schedules.list(c.get('principal').workspaceId, query, c.req.valid('param').id);
      return c.json(page(records.map(presentSchedule), query.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/schedules',
      operationId: 'listSchedules',
      tags,
      security,
      summary: "List the workspace's schedules",
      middleware: [requireScope('read')] as const,
      request: { query: ListQuery },
      responses: { 200: json(list(Schedule), 'Schedules'), ...errors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const records = await schedules.list(c.get('principal').workspaceId, query);
      return c.json(page(records.map(presentSchedule), query.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/schedules/{id}',
      operationId: 'getSchedule',
      tags,
      security,
      summary: 'One schedule, with its next fire times',
      middleware: [requireScope('read')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(Schedule), 'The schedule'), ...errors },
    }),
    async (c) => c.json({ data: presentSchedule(await schedules.require(c.get('principal').workspaceId, c.req.valid('param').id)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/schedules/{id}',
      operationId: 'updateSchedule',
      tags,
      security,
      summary: 'Change a schedule (a new expression, time zone or enabled state re-plans its next fire)',
      middleware: [requireScope('edit'), jsonDepthLimit()] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: UpdateScheduleBody } } } },
      responses: { 200: json(data(Schedule), 'The changed schedule'), ...errors, ...conflict },
    }),
    async (c) => {
      const principal = c.get('principal');
      const updated = await schedules.update(principal.workspaceId, c.req.valid('param').id, c.req.valid('json'), principal);
      return c.json({ data: presentSchedule(updated) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/schedules/{id}',
      operationId: 'deleteSchedule',
      tags,
      security,
      summary: 'Delete a schedule (its runs stay)',
      middleware: [requireScope('edit')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(Schedule), 'Deleted'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const removed = await schedules.remove(principal.workspaceId, c.req.valid('param').id, principal);
      return c.json({ data: { ...presentSchedule(removed), nextFireAt: null, nextFireTimes: [] } }, 200);
    },
  );
}

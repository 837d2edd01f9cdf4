import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CreateFromTemplateBody, Template, TemplateCreation, TemplateId, TemplateSummary } from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { jsonDepthLimit } from '../http/json-depth';
import { data, errors, json, publicBase, security } from '../http/openapi';
import { presentDocument } from '../services/document-service';
import { presentTrigger, presentWorkflow } from '../services/presenters';
import { presentSchedule } from '../services/schedule-service';
import { presentDataset } from '../services/presenters';
import type { TemplateService } from '../services/template-service';

const tags = ['Templates'];
const TemplateParam = z.object({ id: TemplateId });

/**
 * `/v1/templates…`: the gallery of research workflow templates (read scope) and creating a workflow
 * from one (edit scope). The list is the whole catalogue (a handful, not paged) without the
 * definitions; one template comes with its definition.
 */
export function registerTemplateRoutes(app: OpenAPIHono<AppEnv>, deps: { templates: TemplateService; publicUrl: string | null }) {
  const { templates } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/templates',
      operationId: 'listTemplates',
      tags,
      security,
      summary: 'List the workflow templates (without their definitions; the whole catalogue, not paged)',
      middleware: [requireScope('read')] as const,
      responses: { 200: json(data(z.array(TemplateSummary)), 'Templates, in gallery order'), ...errors },
    }),
    (c) => c.json({ data: templates.list() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/templates/{id}',
      operationId: 'getTemplate',
      tags,
      security,
      summary: 'Get a workflow template with its definition',
      middleware: [requireScope('read')] as const,
      request: { params: TemplateParam },
      responses: { 200: json(data(Template), 'The template'), ...errors },
    }),
    (c) => c.json({ data: templates.get(c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/templates/{id}/workflows',
      operationId: 'createWorkflowFromTemplate',
      tags,
      security,
      summary:
        'Create a workflow from a template, with the sample datasets and documents it runs on (when the workspace has none of that name) and its schedules (disabled)',
      middleware: [requireScope('edit'), jsonDepthLimit()] as const,
      request: {
        params: TemplateParam,
        body: { required: false, content: { 'application/json': { schema: CreateFromTemplateBody } } },
      },
      responses: { 201: json(data(TemplateCreation), 'Created'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json') ?? {};
      const made = await templates.create(principal, c.req.valid('param').id, body);
      const { workflow, trigger } = made.workflow;
      const created: TemplateCreation = {
        workflow: presentWorkflow(workflow, trigger ? presentTrigger(trigger, publicBase(c.req.url, deps.publicUrl)) : null),
        created: {
          datasets: made.datasets.map(presentDataset),
          documents: made.documents.map(presentDocument),
          schedules: made.schedules.map(presentSchedule),
        },
      };
      return c.json({ data: created }, 201);
    },
  );
}

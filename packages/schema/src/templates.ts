import { z } from 'zod';
import { Dataset } from './datasets';
import { WorkflowDefinition } from './definition';
import { SourceDocument } from './documents';
import { Workflow } from './resources';
import { Schedule } from './schedules';

/** What a template's workflow needs from the installation or the workspace to run. */
export const TEMPLATE_NEEDS = ['model', 'webSearch', 'dataset', 'documents', 'webhook', 'schedule'] as const;
export const TemplateNeed = z.enum(TEMPLATE_NEEDS).meta({
  description:
    '`model`: a model provider (ASSAY_AI_DEFAULT_MODEL or a provider key); `webSearch`: a search provider (ASSAY_SEARXNG_URL, ASSAY_BRAVE_API_KEY or ASSAY_TAVILY_API_KEY); `dataset`: a dataset of the workspace (a sample one is created with the workflow); `documents`: documents to search (a sample one is added); `webhook`: its webhook trigger, configured after creating it; `schedule`: a schedule (created disabled)',
});
export type TemplateNeed = z.infer<typeof TemplateNeed>;

export const TemplateId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a template id (lower-case letters, digits and "-")')
  .meta({ param: { name: 'id', in: 'path' }, example: 'company-screen' });

/** What one click creates besides the workflow (each only when the workspace has none of that name). */
export const TemplateCreates = z
  .object({
    datasets: z.array(z.string()).meta({ description: 'Sample datasets, by name' }),
    documents: z.array(z.string()).meta({ description: 'Collections a sample document is added to' }),
    schedules: z
      .array(z.object({ name: z.string(), cron: z.string(), timezone: z.string() }))
      .meta({ description: 'Schedules, always created disabled: enable one to start it' }),
  })
  .meta({ id: 'TemplateCreates' });

/** A template as `GET /v1/templates` lists it: everything but the workflow definition. */
export const TemplateSummary = z
  .object({
    id: TemplateId,
    name: z.string(),
    description: z.string().meta({ description: 'What the workflow does and what it needs' }),
    category: z.string(),
    needs: z.array(TemplateNeed),
    sampleInput: z.record(z.string(), z.unknown()).meta({ description: "An input that runs (also the inputs' defaults)" }),
    stepTypes: z.array(z.string()).meta({ description: 'The step types the workflow uses' }),
    creates: TemplateCreates,
  })
  .meta({ id: 'TemplateSummary' });
export type TemplateSummary = z.infer<typeof TemplateSummary>;

/** A template with its workflow definition (`GET /v1/templates/{id}`). */
export const Template = TemplateSummary.extend({ definition: WorkflowDefinition }).meta({ id: 'Template' });
export type Template = z.infer<typeof Template>;

export const CreateFromTemplateBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional().meta({ description: "The new workflow's name (default: the template's)" }),
  })
  .strict()
  .meta({ id: 'CreateFromTemplateBody' });
export type CreateFromTemplateBody = z.infer<typeof CreateFromTemplateBody>;

/** The answer to `POST /v1/templates/{id}/workflows`: the new workflow and what was created with it. */
export const TemplateCreation = z
  .object({
    workflow: Workflow,
    created: z.object({
      datasets: z.array(Dataset).meta({ description: 'Sample datasets created now (none when the workspace had one of that name)' }),
      documents: z.array(SourceDocument).meta({ description: 'Sample documents added now (none when their collection had documents)' }),
      schedules: z.array(Schedule).meta({ description: 'Schedules created, disabled' }),
    }),
  })
  .meta({ id: 'TemplateCreation' });
export type TemplateCreation = z.infer<typeof TemplateCreation>;

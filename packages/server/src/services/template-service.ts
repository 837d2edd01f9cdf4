import { AssayError, WorkflowDefinition, type Template, type TemplateSummary } from '@assay/schema';
import { parseMarkdown, renderDocument } from '@assay/steps';
import type { DatasetRecord, DocumentRecord, ScheduleRecord, Store } from '@assay/store';
import type { Principal } from '../http/app-env';
import { TEMPLATES, type SampleDataset, type SampleDocument, type WorkflowTemplate } from '../templates';
import type { DatasetService } from './dataset-service';
import type { DocumentService } from './document-service';
import type { RowSource } from './dataset-upload';
import type { ScheduleService } from './schedule-service';
import type { WorkflowService, WorkflowWithTrigger } from './workflow-service';

/** What one click made: the workflow, and the samples and schedules created with it. */
export interface TemplateCreated {
  workflow: WorkflowWithTrigger;
  datasets: DatasetRecord[];
  documents: DocumentRecord[];
  schedules: ScheduleRecord[];
}

/** The step types a definition uses, the steps of `map` sub-graphs and agents' tools included. */
function stepTypesOf(definition: WorkflowDefinition): string[] {
  const types = new Set<string>();
  const visit = (steps: ReadonlyArray<{ type: string; with?: Record<string, unknown> }>) => {
    for (const step of steps) {
      types.add(step.type);
      const config = step.with ?? {};
      if (Array.isArray(config.steps)) visit(config.steps as typeof steps);
      if (Array.isArray(config.tools)) visit((config.tools as Array<{ step: { type: string } }>).map((tool) => tool.step));
    }
  };
  visit(definition.steps);
  return [...types];
}

/** A template as the API answers it (`definition` only for one template). */
function summarize(template: WorkflowTemplate, definition: WorkflowDefinition): TemplateSummary {
  return {
    id: template.id,
    name: template.name,
    description: template.description,
    category: template.category,
    needs: template.needs,
    sampleInput: template.sampleInput,
    stepTypes: stepTypesOf(definition),
    creates: {
      datasets: (template.datasets ?? []).map((d) => d.name),
      documents: (template.documents ?? []).map((d) => d.collection),
      schedules: (template.schedules ?? []).map(({ name, cron, timezone }) => ({ name, cron, timezone })),
    },
  };
}

/**
 * The template gallery: research workflows as data. Creating from one makes the workflow (through
 * the workflow service, so it is compiled, audited and versioned like any other), the sample
 * datasets and documents it runs on when the workspace has none of that name, and its schedules,
 * always disabled: nothing runs until the user says so.
 */
export class TemplateService {
  private readonly templates: ReadonlyMap<string, { template: WorkflowTemplate; definition: WorkflowDefinition }>;

  constructor(
    private readonly store: Store,
    private readonly deps: { workflows: WorkflowService; schedules: ScheduleService; datasets: DatasetService; documents: DocumentService },
    templates: readonly WorkflowTemplate[] = TEMPLATES,
  ) {
    this.templates = new Map(
      templates.map((template) => [template.id, { template, definition: WorkflowDefinition.parse(template.definition) }]),
    );
  }

  list(): TemplateSummary[] {
    return [...this.templates.values()].map(({ template, definition }) => summarize(template, definition));
  }

  get(id: string): Template {
    const { template, definition } = this.require(id);
    return { ...summarize(template, definition), definition };
  }

  async create(principal: Principal, id: string, options: { name?: string }): Promise<TemplateCreated> {
    const { template, definition } = this.require(id);
    const { workspaceId } = principal;
    const datasets: DatasetRecord[] = [];
    for (const sample of template.datasets ?? []) {
      const created = await this.sampleDataset(workspaceId, sample);
      if (created) datasets.push(created);
    }
    const documents: DocumentRecord[] = [];
    for (const sample of template.documents ?? []) {
      const added = await this.sampleDocument(workspaceId, sample);
      if (added) documents.push(added);
    }
    const workflow = await this.deps.workflows.create(workspaceId, { ...definition, name: options.name ?? definition.name }, principal);
    const schedules: ScheduleRecord[] = [];
    for (const schedule of template.schedules ?? []) {
      schedules.push(
        await this.deps.schedules.create(
          workspaceId,
          workflow.workflow.id,
          { ...schedule, input: template.sampleInput, enabled: false, missed: 'skip' },
          principal,
        ),
      );
    }
    return { workflow, datasets, documents, schedules };
  }

  private require(id: string) {
    const found = this.templates.get(id);
    if (!found)
      throw new AssayError('not_found', `template "${id}" not found`, { details: [{ path: 'id', message: `no template "${id}"` }] });
    return found;
  }

  /** Creates the sample dataset unless the workspace has one of that name (the user's own data wins). */
  private async sampleDataset(workspaceId: string, sample: SampleDataset): Promise<DatasetRecord | null> {
    if (await this.store.datasets.byName(workspaceId, sample.name)) return null;
    const source: RowSource =
      sample.csv !== undefined ? { kind: 'csv', stream: new Blob([sample.csv]).stream() } : { kind: 'rows', rows: sample.rows ?? [] };
    try {
      return await this.deps.datasets.create(
        workspaceId,
        { name: sample.name, description: sample.description, columns: sample.columns, keys: sample.keys },
        source,
      );
    } catch (error) {
      // Created meanwhile by another request: that one is the sample.
      if (error instanceof AssayError && error.code === 'conflict') return null;
      throw error;
    }
  }

  /** Renders the sample document to PDF and adds it, unless its collection already holds documents. */
  private async sampleDocument(workspaceId: string, sample: SampleDocument): Promise<DocumentRecord | null> {
    const existing = await this.store.documents.list(workspaceId, { collection: sample.collection, limit: 1 });
    if (existing.length > 0) return null;
    const pdf = await renderDocument(parseMarkdown(sample.markdown), 'pdf', { title: sample.title });
    return this.deps.documents.add(workspaceId, pdf, {
      contentType: 'application/pdf',
      filename: sample.filename,
      title: sample.title,
      collection: sample.collection,
    });
  }
}

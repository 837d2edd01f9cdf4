import type { TemplateNeed, WorkflowDefinitionInput } from '@assay/schema';
import type { ColumnType } from '@assay/store';

/** A sample dataset one click creates when the workspace has none of its name: rows, or CSV text (loaded as an upload is). */
export interface SampleDataset {
  name: string;
  description: string;
  columns?: Record<string, ColumnType>;
  keys?: string[];
  rows?: Array<Record<string, unknown>>;
  csv?: string;
}

/** A sample document one click adds when its collection is empty: Markdown Assay renders to PDF. */
export interface SampleDocument {
  collection: string;
  title: string;
  filename: string;
  markdown: string;
}

/** A schedule one click creates, always disabled (the user enables it), with the template's sample input. */
export interface SampleSchedule {
  name: string;
  cron: string;
  timezone: string;
}

/**
 * A research workflow template: data, not code. `sampleInput` is an input that runs; the workflow's
 * inputs default to it, so the run form opens filled in.
 */
export interface WorkflowTemplate {
  id: string;
  name: string;
  /** One paragraph: what it does and what it needs. */
  description: string;
  category: string;
  needs: TemplateNeed[];
  definition: WorkflowDefinitionInput;
  sampleInput: Record<string, unknown>;
  datasets?: SampleDataset[];
  documents?: SampleDocument[];
  schedules?: SampleSchedule[];
}

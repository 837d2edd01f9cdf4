import { companyScreen } from './company-screen';
import { crmEnrichment } from './crm-enrichment';
import { csvScoring } from './csv-scoring';
import { dueDiligenceMemo } from './due-diligence-memo';
import { filingFigures } from './filing-figures';
import { newsMonitor } from './news-monitor';
import type { WorkflowTemplate } from './template';

export type { SampleDataset, SampleDocument, SampleSchedule, WorkflowTemplate } from './template';

/** The template gallery, in the order it is shown. */
export const TEMPLATES: readonly WorkflowTemplate[] = [
  companyScreen,
  filingFigures,
  newsMonitor,
  crmEnrichment,
  dueDiligenceMemo,
  csvScoring,
];

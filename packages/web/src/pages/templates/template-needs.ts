import type { TemplateNeed, TemplateSummary } from '@assay/schema';

/** What each need means to someone choosing a template. */
const NEEDS: Record<TemplateNeed, string> = {
  model: 'A model provider',
  webSearch: 'A web search provider',
  dataset: 'A dataset (a sample is created)',
  documents: 'Documents (a sample is added)',
  webhook: 'A webhook trigger (you set it up)',
  schedule: 'A schedule (created disabled)',
};

export function needLabel(need: TemplateNeed): string {
  return NEEDS[need];
}

/** What to do after creating the workflow, beyond running it: the settings a template leaves to the user. */
export function afterCreating(template: Pick<TemplateSummary, 'needs'>): string[] {
  const steps: string[] = [];
  if (template.needs.includes('webhook'))
    steps.push("Set up its webhook trigger in the workflow's Settings: signed, with a callback URL for the result.");
  if (template.needs.includes('schedule')) steps.push("Its schedule is created disabled: enable it in the workflow's Settings.");
  return steps;
}

import type { StepFamily } from '@assay/schema';

/** A step type as GET /v1/step-types describes it (the API's own type). */
export type { StepTypeInfo } from '@assay/schema';

/** The palette's groups, in the order a workflow usually reads: look up, reason, write, plus logic. */
export const FAMILIES: { family: StepFamily; label: string }[] = [
  { family: 'data', label: 'Data lookups' },
  { family: 'ai', label: 'AI reasoning' },
  { family: 'document', label: 'Documents' },
  { family: 'logic', label: 'Logic' },
  { family: 'outbound', label: 'Outbound' },
];

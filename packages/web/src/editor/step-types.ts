import type { JsonSchema } from './SchemaForm';

/** A step type as GET /v1/step-types describes it. */
export interface StepTypeInfo {
  type: string;
  family: string;
  description: string;
  configSchema: JsonSchema;
  expressionKeys?: string[];
}

/** The palette's groups, in the order a workflow usually reads: look up, reason, write, plus logic. */
export const FAMILIES: { family: string; label: string }[] = [
  { family: 'data', label: 'Data lookups' },
  { family: 'ai', label: 'AI reasoning' },
  { family: 'document', label: 'Documents' },
  { family: 'logic', label: 'Logic' },
  { family: 'outbound', label: 'Outbound' },
];

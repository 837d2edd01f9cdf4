import { parse, stringify } from 'yaml';
import type { WorkflowDefinitionInput } from '@assay/schema';

/** Reads a definition from JSON or YAML text (YAML is a superset of JSON, so one parser reads both). */
export function parseDefinition(text: string): WorkflowDefinitionInput {
  const value: unknown = parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error('the file does not hold a workflow definition (an object with name and steps)');
  return value as WorkflowDefinitionInput;
}

/** Offers the definition as a file download, named after the workflow. */
export function downloadDefinition(definition: WorkflowDefinitionInput, format: 'json' | 'yaml'): void {
  const text = format === 'json' ? JSON.stringify(definition, null, 2) + '\n' : stringify(definition);
  const blob = new Blob([text], { type: format === 'json' ? 'application/json' : 'application/yaml' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${definition.name.replace(/[^A-Za-z0-9_-]+/g, '-').toLowerCase() || 'workflow'}.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StepRegistry } from '@assay/engine';
import { formatMarkdown } from './format-markdown';
import { renderStepReference } from './render-step-reference';

/** Where the reference lives in the repository. */
export const STEP_REFERENCE_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/steps.md');

/**
 * docs/steps.md's whole text for a registry: the rendered reference as Prettier prints it with the
 * settings of docs/steps.md, wherever the text is written (a copy elsewhere is printed the same).
 */
export function stepReferenceFile(registry: StepRegistry): Promise<string> {
  return formatMarkdown(renderStepReference(registry), STEP_REFERENCE_PATH);
}

import { createStepRegistry, type StepRegistry } from '@assay/engine';
import { conditionStep } from './logic/condition';
import { failStep } from './logic/fail';
import { transformStep } from './logic/transform';
import { waitStep } from './logic/wait';

export { conditionStep, failStep, transformStep, waitStep };

/** The registry of every built-in step type. */
export function builtInSteps(): StepRegistry {
  return createStepRegistry([transformStep, conditionStep, waitStep, failStep]);
}

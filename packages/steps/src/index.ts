import { createStepRegistry, type StepRegistry } from '@assay/engine';
import { conditionStep } from './logic/condition';
import { failStep } from './logic/fail';
import { transformStep } from './logic/transform';
import { waitStep } from './logic/wait';
import { createMapStep } from './logic/map';
import { createWorkflowRunStep, type ChildRuns } from './logic/workflow-run';
import { documentRenderStep } from './documents/document-render';
import { createAiSteps, type ModelResolver } from './ai';
import { createHttpSteps } from './data/index';
import { codeStep } from './code/code-step';
import { createDatasetLookupStep, type DatasetReader } from './datasets/dataset-lookup';
import { createSqlQueryStep } from './sql/sql-query';

export {
  conditionStep,
  documentRenderStep,
  failStep,
  createMapStep,
  transformStep,
  waitStep,
  createWorkflowRunStep,
  type ChildRuns,
  createDatasetLookupStep,
  createSqlQueryStep,
  type DatasetReader,
};

/** What the built-in steps need from the rest of Assay (ports the composition root fills). */
export interface StepDependencies {
  datasets: DatasetReader;
  /** Directory SQLite connections of `sql.query` must stay inside. */
  sqliteRoot: string;
  children: ChildRuns;
  /** Model providers for the AI steps (from `aiSettingsFromEnv`, built once per process). */
  ai: ModelResolver;
  /** Hosts `http.request` and `web.extract` may reach although they resolve to private addresses. */
  httpAllow: string[];
}

/** The registry of every built-in step type. */
export function builtInSteps(deps: StepDependencies): StepRegistry {
  return createStepRegistry([
    transformStep,
    conditionStep,
    waitStep,
    failStep,
    createMapStep(deps.children),
    documentRenderStep,
    createWorkflowRunStep(deps.children),
    ...createAiSteps(deps.ai),
    ...createHttpSteps({ allow: deps.httpAllow }),
    codeStep,
    createDatasetLookupStep(deps.datasets),
    createSqlQueryStep({ sqliteRoot: deps.sqliteRoot }),
  ]);
}
export {
  aiSettingsFromEnv,
  createAiSteps,
  createModelResolver,
  type AiSettings,
  type ModelResolver,
  type ProviderSlots,
  type ProviderSlotsFactory,
} from './ai';
export { parseAllowList } from './net/allow-list';
export { createOutboundGuard, type OutboundGuard } from './net/outbound-guard';
export { destinationRefusal, OutboundRefusedError } from './net/index';
export { codeStep, createHttpSteps };

import type { StepType } from '@assay/engine';
import { createAiAgentStep } from './agent';
import { createAiClassifyStep } from './classify';
import { createAiExtractStep } from './extract';
import { createAiGenerateStep } from './generate';
import type { ModelResolver } from './providers';
import type { McpDependencies } from '../mcp/session';

export { createAiAgentStep } from './agent';
export { createAiClassifyStep } from './classify';
export { createAiExtractStep, extractionSchema } from './extract';
export { createAiGenerateStep } from './generate';
export {
  aiSettingsFromEnv,
  createModelResolver,
  parseModelName,
  DEFAULT_AI_CONCURRENCY,
  type ProviderSlots,
  type ProviderSlotsFactory,
} from './providers';
export type { AiEndpoint, AiSettings, ModelResolver, ResolvedModel } from './providers';
export type { AiUsage } from './call';

/** The AI step types (`ai.generate`, `ai.classify`, `ai.extract`, `ai.agent`) over one model resolver. */
export function createAiSteps(resolver: ModelResolver, mcp?: McpDependencies): StepType[] {
  return [createAiGenerateStep(resolver), createAiClassifyStep(resolver), createAiExtractStep(resolver), createAiAgentStep(resolver, mcp)];
}

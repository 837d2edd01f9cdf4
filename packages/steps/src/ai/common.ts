import type { BudgetLimits, StepContext } from '@assay/engine';
import { z } from 'zod';
import type { AiCall } from './call';
import type { ModelResolver } from './providers';

/** `provider:model`, e.g. `openai:gpt-4o-mini` or `ollama:llama3.1:8b`. */
export const ModelName = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+:\S/, 'must be "provider:model", e.g. "openai:gpt-4o-mini"')
  .describe('`provider:model`, e.g. `openai:gpt-4o-mini` or `ollama:llama3.1:8b`');

export const Temperature = z.number().min(0).max(2).describe('Sampling temperature; the provider’s default when absent');
export const MaxTokens = z.number().int().min(1).max(1_000_000).describe('Output tokens per model call at most');

/**
 * Resolves the step's model (a missing provider fails here, naming its setting) and starts a call.
 * The AI SDK is loaded on the first call, not when Assay starts.
 */
export async function startCall(resolver: ModelResolver, model: string, context: StepContext, stepLimit?: BudgetLimits): Promise<AiCall> {
  const resolved = resolver.resolve(model);
  const { AiCall } = await import('./call');
  return new AiCall(resolver, resolved, context.signal, context.logger, context.budget, stepLimit);
}

import type { StepContext } from '@assay/engine';
import { z } from 'zod';
import { AiCall } from './call';
import type { ModelResolver } from './providers';

/** `provider:model`, e.g. `openai:gpt-4o-mini` or `ollama:llama3.1:8b`. */
export const ModelName = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+:\S/, 'must be "provider:model", e.g. "openai:gpt-4o-mini"');

export const Temperature = z.number().min(0).max(2);
export const MaxTokens = z.number().int().min(1).max(1_000_000);

/** Resolves the step's model (a missing provider fails here, naming its setting) and starts a call. */
export function startCall(resolver: ModelResolver, model: string, context: StepContext): AiCall {
  return new AiCall(resolver, resolver.resolve(model), context.signal, context.logger);
}

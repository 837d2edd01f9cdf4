/** The demos' first step: without a model provider, the run stops at once saying what to set. */
export const PROVIDER_CHECK = {
  id: 'provider',
  type: 'fail',
  label: 'Check for a model provider',
  if: '$type(assay.ai.defaultModel) != "string"',
  with: {
    message:
      'No AI model provider is configured. Set OPENAI_API_KEY or ANTHROPIC_API_KEY, or point Assay at any OpenAI-compatible server, for example Ollama: ASSAY_AI_COMPAT_OLLAMA_BASE_URL=http://localhost:11434/v1 and ASSAY_AI_DEFAULT_MODEL=ollama:llama3.1:8b; then restart Assay and run this again.',
  },
};

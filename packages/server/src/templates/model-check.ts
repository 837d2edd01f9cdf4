/** What a run without a model provider is told to set (the templates and the demos say the same). */
export const NO_MODEL =
  'No AI model provider is configured. Set OPENAI_API_KEY or ANTHROPIC_API_KEY, or point Assay at any OpenAI-compatible server, for example Ollama: ASSAY_AI_COMPAT_OLLAMA_BASE_URL=http://localhost:11434/v1 and ASSAY_AI_DEFAULT_MODEL=ollama:llama3.1:8b; then restart Assay and run this again.';

/**
 * A template's first step when it needs a model: its output is the installation's default model,
 * and without a provider it fails at once, saying what to set. A transform rather than an `if`-guarded
 * `fail` step: a step that completes or fails, never skipped, so the steps after it can `need` it
 * (a step whose only dependency was skipped is skipped too).
 */
export const MODEL_CHECK = {
  id: 'model',
  type: 'transform',
  label: 'Check for a model provider',
  with: { expression: `$type(assay.ai.defaultModel) = "string" ? assay.ai.defaultModel : $error(${JSON.stringify(NO_MODEL)})` },
};

/** The model AI steps use: the one the check found (they need the check, so they start after it). */
export const MODEL = '{{ steps.model.output }}';

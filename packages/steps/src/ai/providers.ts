import { AssayError } from '@assay/schema';
import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { modelPrice, type Price } from './pricing';
import { Semaphore, type Release } from './semaphore';

const FREE: Price = { input: 0, output: 0 };

/** One provider endpoint. `baseURL` includes the API version path (e.g. `https://api.openai.com/v1`). */
export interface AiEndpoint {
  apiKey?: string;
  baseURL?: string;
}

/** AI provider settings, parsed once by the composition root (see {@link aiSettingsFromEnv}). */
export interface AiSettings {
  openai?: AiEndpoint & { apiKey: string };
  anthropic?: AiEndpoint & { apiKey: string };
  /** OpenAI-compatible servers by lower-case provider name. */
  compatible?: Record<string, AiEndpoint & { baseURL: string }>;
  /** Concurrent requests per provider in this process (default 8). */
  concurrency?: number;
  /**
   * Prices (USD per 1M tokens) by `provider:model` or by `provider` (every model of it), over the
   * built-in table: models it does not know, a paid OpenAI-compatible service, a new price.
   */
  prices?: Record<string, Price>;
}

export const DEFAULT_AI_CONCURRENCY = 8;
const COMPAT_PREFIX = 'ASSAY_AI_COMPAT_';
const RESERVED = new Set(['openai', 'anthropic']);
const PROVIDER_NAME = /^[a-z0-9][a-z0-9_-]*$/;

function setting(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * Reads AI settings from environment variables: `OPENAI_API_KEY` (+ `OPENAI_BASE_URL`),
 * `ANTHROPIC_API_KEY` (+ `ANTHROPIC_BASE_URL`), `ASSAY_AI_COMPAT_<NAME>_BASE_URL` (+ `_API_KEY`)
 * for OpenAI-compatible servers used as `<name>:<model>`, and `ASSAY_AI_CONCURRENCY`.
 * Throws an `invalid_input` AssayError naming the variable when a value is unusable.
 */
export function aiSettingsFromEnv(env: Record<string, string | undefined>): AiSettings {
  const settings: AiSettings = { compatible: {} };
  const openaiKey = setting(env, 'OPENAI_API_KEY');
  if (openaiKey) settings.openai = { apiKey: openaiKey, baseURL: urlSetting(env, 'OPENAI_BASE_URL') };
  const anthropicKey = setting(env, 'ANTHROPIC_API_KEY');
  if (anthropicKey) settings.anthropic = { apiKey: anthropicKey, baseURL: urlSetting(env, 'ANTHROPIC_BASE_URL') };
  for (const key of Object.keys(env).sort()) {
    if (!key.startsWith(COMPAT_PREFIX) || !key.endsWith('_BASE_URL')) continue;
    const upper = key.slice(COMPAT_PREFIX.length, -'_BASE_URL'.length);
    const baseURL = urlSetting(env, key);
    if (!upper || !baseURL) continue;
    const name = upper.toLowerCase();
    if (!PROVIDER_NAME.test(name))
      throw new AssayError('invalid_input', `${key}: "${name}" is not a valid provider name (use letters, digits and "_")`);
    if (RESERVED.has(name))
      throw new AssayError('invalid_input', `${key}: "${name}" is a built-in provider; use ${name.toUpperCase()}_BASE_URL instead`);
    settings.compatible![name] = { baseURL, apiKey: setting(env, `${COMPAT_PREFIX}${upper}_API_KEY`) };
  }
  const prices = setting(env, 'ASSAY_AI_PRICES');
  if (prices !== undefined) settings.prices = parsePrices(prices);
  const concurrency = setting(env, 'ASSAY_AI_CONCURRENCY');
  if (concurrency !== undefined) {
    const value = Number(concurrency);
    if (!Number.isInteger(value) || value < 1 || value > 10_000)
      throw new AssayError('invalid_input', `ASSAY_AI_CONCURRENCY: must be a positive integer, got "${concurrency}"`);
    settings.concurrency = value;
  }
  return settings;
}

const PriceEntry = z.object({ input: z.number().min(0).max(10_000), output: z.number().min(0).max(10_000) }).strict();
const PriceTable = z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*(:\S+)?$/, 'must be "provider" or "provider:model"'), PriceEntry);

/** `ASSAY_AI_PRICES`: JSON `{ "provider:model" | "provider": { "input": usd, "output": usd } }` per 1M tokens. */
function parsePrices(text: string): Record<string, Price> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AssayError('invalid_input', 'ASSAY_AI_PRICES: not JSON; expected {"provider:model": {"input": 0.15, "output": 0.6}}');
  }
  const parsed = PriceTable.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new AssayError('invalid_input', `ASSAY_AI_PRICES: ${where}${issue?.message ?? 'invalid'} (USD per 1M tokens)`);
  }
  return parsed.data;
}

function urlSetting(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = setting(env, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AssayError('invalid_input', `${name}: not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AssayError('invalid_input', `${name}: must be an http(s) URL`);
  return value.replace(/\/+$/, '');
}

export type ProviderKind = 'openai' | 'anthropic' | 'compatible';

/** A `provider:model` string resolved to an AI SDK model and its provider's concurrency cap. */
export interface ResolvedModel {
  /** `provider:model` as written in the step. */
  name: string;
  provider: string;
  modelId: string;
  kind: ProviderKind;
  /** Loaded on first use: the provider SDKs are large and many installations never call a model. */
  model: Promise<LanguageModel>;
  /** The provider's concurrency cap, shared by every step (of this process, or of the cluster). */
  slots: ProviderSlots;
  /** USD per 1M tokens; undefined when unknown (a known provider's model the table lacks). */
  price: Price | undefined;
}

/** Permits to call a provider; `acquire` waits for one (abortable) and resolves with its release. */
export interface ProviderSlots {
  acquire(signal?: AbortSignal): Promise<Release>;
}

/**
 * Where a provider's permits come from: by default a semaphore in this process; a scaled-out
 * installation passes slots kept in the database, so the cap holds across every worker process.
 */
export type ProviderSlotsFactory = (provider: string, capacity: number) => ProviderSlots;

export interface ModelResolver {
  /** Throws a non-retryable `invalid_input` AssayError naming the setting when the provider is missing. */
  resolve(model: string): ResolvedModel;
  /** Removes configured API keys from a text (for error messages). */
  redact(text: string): string;
}

/** Splits `provider:model` at the first colon (model ids such as Ollama tags may contain colons). */
export function parseModelName(model: string): { provider: string; modelId: string } {
  const colon = model.indexOf(':');
  const provider = colon > 0 ? model.slice(0, colon).trim().toLowerCase() : '';
  const modelId = colon > 0 ? model.slice(colon + 1).trim() : '';
  if (!provider || !modelId)
    throw new AssayError('invalid_input', `model "${model}": expected "provider:model", e.g. "openai:gpt-4o-mini"`);
  return { provider, modelId };
}

type ProviderFactory = (modelId: string) => Promise<LanguageModel>;

/** Builds the resolver the AI steps use; providers and their semaphores are created once, lazily. */
export function createModelResolver(
  settings: AiSettings,
  slotsFor: ProviderSlotsFactory = (_provider, capacity) => new Semaphore(capacity),
): ModelResolver {
  // The SDK prints warnings with console.warn unless told otherwise; the steps log them instead.
  if (globalThis.AI_SDK_LOG_WARNINGS === undefined) globalThis.AI_SDK_LOG_WARNINGS = false;
  const concurrency = settings.concurrency ?? DEFAULT_AI_CONCURRENCY;
  const factories = new Map<string, ProviderFactory>();
  const slots = new Map<string, ProviderSlots>();
  const secrets = [
    settings.openai?.apiKey,
    settings.anthropic?.apiKey,
    ...Object.values(settings.compatible ?? {}).map((c) => c.apiKey),
  ].filter((key): key is string => typeof key === 'string' && key.length >= 4);

  function factory(provider: string, model: string): { kind: ProviderKind; create: ProviderFactory } {
    if (provider === 'openai') {
      const openai = settings.openai;
      if (!openai) throw new AssayError('invalid_input', `model ${model}: no OpenAI provider configured; set OPENAI_API_KEY`);
      // `.chat`: the Chat Completions API, which OpenAI and every OpenAI-like proxy serve (the
      // provider's default model uses the newer Responses API).
      return {
        kind: 'openai',
        create: cached(provider, () => {
          const p = import('@ai-sdk/openai').then(({ createOpenAI }) => createOpenAI({ apiKey: openai.apiKey, baseURL: openai.baseURL }));
          return async (id) => (await p).chat(id);
        }),
      };
    }
    if (provider === 'anthropic') {
      const anthropic = settings.anthropic;
      if (!anthropic) throw new AssayError('invalid_input', `model ${model}: no Anthropic provider configured; set ANTHROPIC_API_KEY`);
      return {
        kind: 'anthropic',
        create: cached(provider, () => {
          const p = import('@ai-sdk/anthropic').then(({ createAnthropic }) =>
            createAnthropic({ apiKey: anthropic.apiKey, baseURL: anthropic.baseURL }),
          );
          return async (id) => (await p)(id);
        }),
      };
    }
    const compatible = settings.compatible?.[provider];
    if (!compatible) {
      const variable = PROVIDER_NAME.test(provider)
        ? `${COMPAT_PREFIX}${provider.toUpperCase()}_BASE_URL`
        : `${COMPAT_PREFIX}<NAME>_BASE_URL`;
      throw new AssayError(
        'invalid_input',
        `model ${model}: no provider "${provider}" configured; use openai: or anthropic:, or set ${variable} for an OpenAI-compatible server`,
      );
    }
    return {
      kind: 'compatible',
      create: cached(provider, () => {
        const p = import('@ai-sdk/openai-compatible').then(({ createOpenAICompatible }) =>
          createOpenAICompatible({
            name: provider,
            baseURL: compatible.baseURL,
            apiKey: compatible.apiKey,
            supportsStructuredOutputs: true,
            includeUsage: true,
          }),
        );
        return async (id) => (await p).chatModel(id);
      }),
    };
  }

  function cached(provider: string, build: () => ProviderFactory): ProviderFactory {
    let existing = factories.get(provider);
    if (!existing) {
      existing = build();
      factories.set(provider, existing);
    }
    return existing;
  }

  return {
    resolve(model) {
      const { provider, modelId } = parseModelName(model);
      const { kind, create } = factory(provider, model);
      let semaphore = slots.get(provider);
      if (!semaphore) {
        semaphore = slotsFor(provider, concurrency);
        slots.set(provider, semaphore);
      }
      const price =
        settings.prices?.[`${provider}:${modelId}`] ??
        settings.prices?.[provider] ??
        modelPrice(provider, modelId) ??
        // An OpenAI-compatible server is taken to be local (Ollama, vLLM, llama.cpp): it costs nothing unless priced.
        (kind === 'compatible' ? FREE : undefined);
      return { name: `${provider}:${modelId}`, provider, modelId, kind, model: create(modelId), slots: semaphore, price };
    },
    redact(text) {
      let out = text;
      for (const secret of secrets) out = out.split(secret).join('[redacted]');
      return out;
    },
  };
}

import { AssayError } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { aiSettingsFromEnv, createModelResolver, parseModelName } from './providers';
import type { Semaphore } from './semaphore';

describe('aiSettingsFromEnv', () => {
  it('reads OpenAI, Anthropic, compatible servers and the concurrency cap', () => {
    const settings = aiSettingsFromEnv({
      OPENAI_API_KEY: 'sk-1',
      OPENAI_BASE_URL: 'https://proxy.example.com/v1/',
      ANTHROPIC_API_KEY: ' sk-ant ',
      ASSAY_AI_COMPAT_OLLAMA_BASE_URL: 'http://127.0.0.1:11434/v1',
      ASSAY_AI_COMPAT_LLAMA_CPP_BASE_URL: 'http://10.0.0.5:8080/v1',
      ASSAY_AI_COMPAT_LLAMA_CPP_API_KEY: 'k',
      ASSAY_AI_COMPAT_EMPTY_BASE_URL: '',
      ASSAY_AI_CONCURRENCY: '3',
    });
    expect(settings).toEqual({
      openai: { apiKey: 'sk-1', baseURL: 'https://proxy.example.com/v1' },
      anthropic: { apiKey: 'sk-ant', baseURL: undefined },
      compatible: {
        ollama: { baseURL: 'http://127.0.0.1:11434/v1', apiKey: undefined },
        llama_cpp: { baseURL: 'http://10.0.0.5:8080/v1', apiKey: 'k' },
      },
      concurrency: 3,
    });
  });

  it('configures nothing from an empty environment', () => {
    expect(aiSettingsFromEnv({})).toEqual({ compatible: {} });
  });

  it('names the variable when a value is unusable', () => {
    expect(() => aiSettingsFromEnv({ ASSAY_AI_CONCURRENCY: 'many' })).toThrow(/ASSAY_AI_CONCURRENCY/);
    expect(() => aiSettingsFromEnv({ ASSAY_AI_CONCURRENCY: '0' })).toThrow(/ASSAY_AI_CONCURRENCY/);
    expect(() => aiSettingsFromEnv({ OPENAI_API_KEY: 'x', OPENAI_BASE_URL: 'not a url' })).toThrow(/OPENAI_BASE_URL/);
    expect(() => aiSettingsFromEnv({ ASSAY_AI_COMPAT_OPENAI_BASE_URL: 'http://x/v1' })).toThrow(/built-in/);
    expect(() => aiSettingsFromEnv({ ASSAY_AI_PRICES: '{"openai:x": 3}' })).toThrow(/ASSAY_AI_PRICES: openai:x/);
    expect(() => aiSettingsFromEnv({ ASSAY_AI_PRICES: '{"openai:x": {"input": -1, "output": 1}}' })).toThrow(/ASSAY_AI_PRICES/);
    expect(() => aiSettingsFromEnv({ ASSAY_AI_PRICES: 'cheap' })).toThrow(/ASSAY_AI_PRICES: not JSON/);
  });

  it('prices models from ASSAY_AI_PRICES over the built-in table; compatible servers are free unless priced', () => {
    const settings = aiSettingsFromEnv({
      OPENAI_API_KEY: 'sk-1',
      ASSAY_AI_COMPAT_OLLAMA_BASE_URL: 'http://127.0.0.1:11434/v1',
      ASSAY_AI_COMPAT_TOGETHER_BASE_URL: 'https://api.together.example/v1',
      ASSAY_AI_PRICES: JSON.stringify({
        'openai:gpt-9': { input: 7, output: 21 },
        'openai:gpt-4o': { input: 1, output: 2 },
        together: { input: 0.2, output: 0.3 },
      }),
    });
    const resolver = createModelResolver(settings);
    expect(resolver.resolve('openai:gpt-9').price).toEqual({ input: 7, output: 21 });
    expect(resolver.resolve('openai:gpt-4o').price).toEqual({ input: 1, output: 2 });
    expect(resolver.resolve('openai:gpt-4o-mini').price).toEqual({ input: 0.15, output: 0.6 });
    expect(resolver.resolve('openai:gpt-unknown').price).toBeUndefined();
    expect(resolver.resolve('together:llama-70b').price).toEqual({ input: 0.2, output: 0.3 });
    expect(resolver.resolve('ollama:llama3.1:8b').price).toEqual({ input: 0, output: 0 });
  });
});

describe('model resolver', () => {
  it('splits provider:model at the first colon', () => {
    expect(parseModelName('ollama:llama3.1:8b')).toEqual({ provider: 'ollama', modelId: 'llama3.1:8b' });
    expect(() => parseModelName('gpt-4o')).toThrow(/provider:model/);
  });

  it('fails with a non-retryable invalid_input error naming the setting', () => {
    const resolver = createModelResolver({});
    const error = (() => {
      try {
        resolver.resolve('openai:gpt-4o-mini');
      } catch (e) {
        return e;
      }
    })() as AssayError;
    expect(error).toBeInstanceOf(AssayError);
    expect(error.code).toBe('invalid_input');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('model openai:gpt-4o-mini: no OpenAI provider configured; set OPENAI_API_KEY');
    expect(() => resolver.resolve('vllm:qwen')).toThrow(/ASSAY_AI_COMPAT_VLLM_BASE_URL/);
  });

  it('shares one semaphore per provider and redacts keys', () => {
    const resolver = createModelResolver({
      openai: { apiKey: 'sk-secret-123' },
      compatible: { local: { baseURL: 'http://127.0.0.1:1/v1' } },
      concurrency: 2,
    });
    const a = resolver.resolve('openai:gpt-4o');
    const b = resolver.resolve('OpenAI:gpt-4o-mini');
    expect(a.slots).toBe(b.slots);
    expect((a.slots as Semaphore).capacity).toBe(2);
    expect(resolver.resolve('local:m').slots).not.toBe(a.slots);
    expect(resolver.redact('key sk-secret-123 leaked')).toBe('key [redacted] leaked');
  });
});

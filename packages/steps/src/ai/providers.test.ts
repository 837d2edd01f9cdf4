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

import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFakeAnthropic, startFakeOpenAI, type FakeLlmServer } from './fake-llm-servers';

/** A fake OpenAI and a fake Anthropic server for a test file: started before its tests, reset after each, closed after all. */
export function fakeLlmServersForTests(): { openai: FakeLlmServer; anthropic: FakeLlmServer } {
  const servers = {} as { openai: FakeLlmServer; anthropic: FakeLlmServer };
  beforeAll(async () => {
    servers.openai = await startFakeOpenAI();
    servers.anthropic = await startFakeAnthropic();
  });
  afterEach(() => {
    servers.openai.reset();
    servers.anthropic.reset();
  });
  afterAll(async () => {
    await servers.openai.close();
    await servers.anthropic.close();
  });
  return servers;
}

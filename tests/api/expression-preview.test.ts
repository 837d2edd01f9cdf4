import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssayClient } from '@assay/sdk';
import { API_KEY, CLIENT_ID, request, startTestServer, type TestServer } from '../support/assay-server';

const scope = {
  input: { companyId: 'c1', limit: 2 },
  steps: { profile: { output: { row: { name: 'Acme', revenue: 120 }, rows: [{ price: 5 }, { price: 15 }, { price: 25 }] } } },
};

/** `POST /v1/expressions/preview`: the value under a field as it is typed, as a run would compute it. */
describe('POST /v1/expressions/preview', () => {
  let server: TestServer;
  const preview = async (body: unknown) => {
    const answer = await server.api('POST', '/v1/expressions/preview', body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.data;
  };
  beforeAll(async () => {
    server = await startTestServer({ ASSAY_EXPRESSION_TIMEOUT_MS: '300' });
  });
  afterAll(() => server.close());

  it('renders a template and keeps an exact reference typed', async () => {
    expect(
      await preview({ text: 'Memo on {{ steps.profile.output.row.name | upcase }} ({{ input.companyId }})', syntax: 'template', scope }),
    ).toEqual({
      ok: true,
      value: 'Memo on ACME (c1)',
    });
    expect(await preview({ text: '{{ steps.profile.output.row.revenue }}', syntax: 'template', scope })).toEqual({ ok: true, value: 120 });
  });

  it('answers through the SDK as the editor calls it', async () => {
    const client = new AssayClient({ baseUrl: server.url, clientId: CLIENT_ID, apiKey: API_KEY });
    expect(await client.expressions.preview({ text: 'input.limit * 2', syntax: 'expression', scope })).toEqual({ ok: true, value: 4 });
  });

  it('evaluates JSONata with predicates and functions', async () => {
    expect(await preview({ text: 'steps.profile.output.rows[price > 10].price', syntax: 'expression', scope })).toEqual({
      ok: true,
      value: [15, 25],
    });
    expect(await preview({ text: '$sum(steps.profile.output.rows.price) * input.limit', syntax: 'expression', scope })).toEqual({
      ok: true,
      value: 90,
    });
    expect(
      await preview({ text: 'item.name & " #" & $string(index)', syntax: 'expression', scope: { item: { name: 'x' }, index: 3 } }),
    ).toEqual({
      ok: true,
      value: 'x #3',
    });
  });

  it("answers a run's error as data: an undefined variable, a syntax error", async () => {
    const typo = await preview({ text: '{{ inptu.companyId }}', syntax: 'template', scope });
    expect(typo).toMatchObject({ ok: false, error: { code: 'template_error', message: expect.stringContaining('inptu') } });
    const broken = await preview({ text: 'steps.profile.output.rows[', syntax: 'expression', scope });
    expect(broken.ok).toBe(false);
    expect(broken.error.message.length).toBeGreaterThan(0);
  });

  it('stops a runaway expression at the time limit while the server keeps answering', async () => {
    const answer = server.api('POST', '/v1/expressions/preview', {
      text: '$match("' + 'a'.repeat(40) + '!", /^(a+)+$/)',
      syntax: 'expression',
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const { status, body } = await answer;
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ ok: false, error: { code: 'limit_exceeded', message: expect.stringContaining('time limit') } });
  });

  it('sends back the start of a large value, flagged', async () => {
    const result = await preview({
      text: 'input.rows',
      syntax: 'expression',
      scope: { input: { rows: Array.from({ length: 20_000 }, (_, n) => ({ n })) } },
    });
    expect(result.truncated).toBe(true);
    expect(typeof result.value).toBe('string');
    expect(result.value.length).toBe(100_000);
  });

  it('refuses bad input naming the field, and keys that may not edit', async () => {
    const tooLong = await server.api('POST', '/v1/expressions/preview', { text: 'x'.repeat(20_001), syntax: 'template' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details.map((d: { path: string }) => d.path)).toContain('text');
    const badSyntax = await server.api('POST', '/v1/expressions/preview', { text: '1', syntax: 'python' });
    expect(badSyntax.status).toBe(400);
    expect(badSyntax.body.details.map((d: { path: string }) => d.path)).toContain('syntax');
    const badScope = await server.api('POST', '/v1/expressions/preview', { text: '1', syntax: 'expression', scope: { secrets: {} } });
    expect(badScope.status).toBe(400);
    const reader = (await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' })).body.data;
    const asReader = await request(
      server.url,
      'POST',
      '/v1/expressions/preview',
      { 'x-metal-client-id': reader.clientId, 'x-metal-api-key': reader.secret },
      { text: '1', syntax: 'expression' },
    );
    expect(asReader.status).toBe(403);
    expect((await request(server.url, 'POST', '/v1/expressions/preview', {}, { text: '1', syntax: 'expression' })).status).toBe(401);
  });
});

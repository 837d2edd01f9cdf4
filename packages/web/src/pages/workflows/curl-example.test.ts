import { describe, expect, it } from 'vitest';
import { curlExample, exampleInput } from './curl-example';

describe('trigger curl examples', () => {
  it('builds example input from defaults, allowed values and types', () => {
    expect(
      exampleInput({
        a: { type: 'string', required: true },
        b: { type: 'integer', required: false, default: 3 },
        c: { type: 'string', required: false, enum: ['x', 'y'] },
        d: { type: 'boolean', required: false },
      }),
    ).toEqual({ a: 'text', b: 3, c: 'x', d: false });
    expect(exampleInput(undefined)).toEqual({});
  });

  it('sends a plain JSON POST when verification is none, quoting single quotes for the shell', () => {
    expect(curlExample({ url: 'http://h/webhooks/workflows/s', verification: 'none', input: { name: "O'Brien" } })).toBe(
      `curl -X POST 'http://h/webhooks/workflows/s' \\\n  -H 'content-type: application/json' \\\n  -d '{"name":"O'\\''Brien"}'`,
    );
  });

  it('names the secret header, and the three Standard Webhooks headers in signature mode, without embedding a secret', () => {
    expect(curlExample({ url: 'http://h/x', verification: 'secret-header', input: {} })).toContain(
      '-H "x-webhook-secret: $ASSAY_WEBHOOK_SECRET"',
    );
    const signed = curlExample({ url: 'http://h/x', verification: 'signature', input: {} });
    for (const header of ['webhook-id: $ID', 'webhook-timestamp: $TS', 'webhook-signature: v1,$SIG']) expect(signed).toContain(header);
    expect(signed).toContain('"$ID.$TS.$BODY"');
  });
});

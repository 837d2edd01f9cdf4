import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('createLogger', () => {
  it('redacts API keys, secrets and authorization headers wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        headers: { 'x-metal-api-key': 'sk_live_value', authorization: 'Bearer tok_value' },
        key: { secret: 'whsec_value' },
        password: 'hunter2',
      },
      'request',
    );
    logger.child({ runId: 'r1' }).warn({ req: { headers: { 'x-metal-api-key': 'sk_child_value' } } }, 'child');
    const text = lines.join('');
    for (const secret of ['sk_live_value', 'tok_value', 'whsec_value', 'hunter2', 'sk_child_value']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(text).toContain('"runId":"r1"');
  });
});

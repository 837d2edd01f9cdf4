import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

/** The Standard Webhooks scheme written out independently of the library (node:crypto). */
function handSigned(secret: string, id: string, seconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${seconds}.${body}`).digest('base64')}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('signWebhook', () => {
  it("matches the Standard Webhooks specification's example", () => {
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('agrees with an independent HMAC-SHA256 of "id.timestamp.body", and the library verifies it', () => {
    const secret = newWebhookSecret();
    const at = nowSeconds();
    const signature = signWebhook(secret, 'msg_1', at, '{"a":1}');
    expect(signature).toBe(handSigned(secret, 'msg_1', at, '{"a":1}'));
    expect(
      new Webhook(secret).verify('{"a":1}', { 'webhook-id': 'msg_1', 'webhook-timestamp': String(at), 'webhook-signature': signature }),
    ).toEqual({ a: 1 });
  });
});

describe('verifyWebhook', () => {
  const secret = newWebhookSecret();
  const body = '{"companyId":"x"}';
  const headers = (at = nowSeconds(), signature = handSigned(secret, 'msg_v', at, body)) => ({
    id: 'msg_v',
    timestamp: String(at),
    signature,
  });

  it('accepts a signature made without the library, and one made by the library', () => {
    expect(verifyWebhook({ secret, body, ...headers() })).toBeNull();
    const at = new Date();
    expect(
      verifyWebhook({
        secret,
        body,
        id: 'msg_l',
        timestamp: String(Math.floor(at.getTime() / 1000)),
        signature: new Webhook(secret).sign('msg_l', at, body),
      }),
    ).toBeNull();
  });

  it('accepts any of several space-separated signatures (a sender rotating its secret)', () => {
    const at = nowSeconds();
    const old = handSigned(newWebhookSecret(), 'msg_v', at, body);
    expect(verifyWebhook({ secret, body, ...headers(at, `${old} v2,ignored ${handSigned(secret, 'msg_v', at, body)}`) })).toBeNull();
  });

  it('says which rule a refused request broke', () => {
    expect(verifyWebhook({ secret, body, id: 'msg_v', timestamp: String(nowSeconds()) })).toBe(
      'missing webhook-id, webhook-timestamp or webhook-signature header',
    );
    expect(verifyWebhook({ secret, body, ...headers(), timestamp: `${nowSeconds()}abc` })).toBe(
      'webhook-timestamp is not a Unix time in seconds',
    );
    expect(verifyWebhook({ secret, body, ...headers(nowSeconds() - 301) })).toBe('webhook-timestamp is outside the 5-minute tolerance');
    expect(verifyWebhook({ secret, body, ...headers(nowSeconds() + 301) })).toBe('webhook-timestamp is outside the 5-minute tolerance');
    expect(verifyWebhook({ secret, body, ...headers(nowSeconds() - 240) })).toBeNull();
    expect(verifyWebhook({ secret, body: '{"companyId":"y"}', ...headers() })).toBe('webhook-signature does not match');
    expect(verifyWebhook({ secret: newWebhookSecret(), body, ...headers() })).toBe('webhook-signature does not match');
    expect(verifyWebhook({ secret, body, ...headers(nowSeconds(), 'v1,AAAA') })).toBe('webhook-signature does not match');
  });
});

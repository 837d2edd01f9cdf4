import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig: the SMTP server of notify.email', () => {
  it('has none without ASSAY_SMTP_HOST, and defaults to port 587 with STARTTLS when offered', () => {
    expect(loadConfig({}).smtp).toBeNull();
    expect(loadConfig({ ASSAY_SMTP_HOST: 'smtp.example.com' }).smtp).toEqual({
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      user: undefined,
      from: undefined,
      passwordCredential: undefined,
      timeoutMs: 30_000,
    });
    expect(
      loadConfig({
        ASSAY_SMTP_HOST: 'smtp.example.com',
        ASSAY_SMTP_PORT: '465',
        ASSAY_SMTP_SECURE: 'true',
        ASSAY_SMTP_USER: 'mailer',
        ASSAY_SMTP_FROM: 'Assay <assay@example.com>',
        ASSAY_SMTP_PASSWORD_CREDENTIAL: 'smtp',
        ASSAY_SMTP_TIMEOUT_MS: '60000',
      }).smtp,
    ).toEqual({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      user: 'mailer',
      from: 'Assay <assay@example.com>',
      passwordCredential: 'smtp',
      timeoutMs: 60_000,
    });
  });

  it('names a bad SMTP setting', () => {
    expect(() => loadConfig({ ASSAY_SMTP_HOST: 'smtp://mail.example.com' })).toThrow(/ASSAY_SMTP_HOST/);
    expect(() => loadConfig({ ASSAY_SMTP_PORT: '70000' })).toThrow(/ASSAY_SMTP_PORT/);
    expect(() => loadConfig({ ASSAY_SMTP_SECURE: 'yes' })).toThrow(/ASSAY_SMTP_SECURE/);
    expect(() => loadConfig({ ASSAY_SMTP_FROM: 'assay at example' })).toThrow(/ASSAY_SMTP_FROM: must be an email address/);
    expect(() => loadConfig({ ASSAY_SMTP_PASSWORD_CREDENTIAL: 'has spaces' })).toThrow(/ASSAY_SMTP_PASSWORD_CREDENTIAL/);
    expect(() => loadConfig({ ASSAY_SMTP_TIMEOUT_MS: '10' })).toThrow(/ASSAY_SMTP_TIMEOUT_MS/);
  });
});

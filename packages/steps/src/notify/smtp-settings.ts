/** The SMTP server `notify.email` sends through, read and validated by the composition root (`packages/runtime/src/config.ts`). */
export interface SmtpSettings {
  /** ASSAY_SMTP_HOST: the operator's server (reached without the outbound guard: it is configuration, not input). */
  host: string;
  /** ASSAY_SMTP_PORT (587). */
  port: number;
  /** ASSAY_SMTP_SECURE: TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** ASSAY_SMTP_USER: the login; absent, no AUTH. */
  user?: string;
  /** ASSAY_SMTP_FROM: the From of steps that name none. */
  from?: string;
  /** ASSAY_SMTP_PASSWORD_CREDENTIAL: the workspace credential holding the password, for steps that name none. */
  passwordCredential?: string;
  /** ASSAY_SMTP_TIMEOUT_MS: connection, greeting, socket and DNS timeouts (default 30 s). */
  timeoutMs?: number;
}

/** What a step without an SMTP server is told to set. */
export const SMTP_HOST_SETTING = 'ASSAY_SMTP_HOST';

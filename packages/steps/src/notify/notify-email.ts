import {
  defineStepType,
  isolateFailure,
  LIMIT_SETTINGS,
  limits,
  runIsolated,
  siblingModule,
  type StepContext,
  type StepType,
} from '@assay/engine';
import { AssayError } from '@assay/schema';
import { z } from 'zod';
import { excerpt } from '../data/http-status';
import { redactError } from '../data/redact';
import type { RenderedFiles } from '../documents/render-files';
import { EmailAddress, parseMailbox, type Mailbox } from './addresses';
import { SMTP_HOST_SETTING, type SmtpSettings } from './smtp-settings';

/** Recipients of one kind (`to`, `cc`, `bcc`) on one message. */
const MAX_RECIPIENTS = 50;
const MAX_MARKDOWN_BYTES = 1024 * 1024;
const MAX_ATTACHMENTS = 10;
const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** Connecting, the server's greeting, and silence on the socket: each is cut off after this. */
const SMTP_TIMEOUT_MS = 30_000;

const CredentialName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a credential name (1-100 letters, digits, ".", "_" or "-")');

const Config = z
  .object({
    to: z.union([EmailAddress, z.array(EmailAddress).min(1).max(MAX_RECIPIENTS)]).describe('One address, or a list'),
    cc: z.array(EmailAddress).max(MAX_RECIPIENTS).optional(),
    bcc: z.array(EmailAddress).max(MAX_RECIPIENTS).optional(),
    from: EmailAddress.optional().describe('The sender; ASSAY_SMTP_FROM when absent'),
    replyTo: EmailAddress.optional(),
    subject: z
      .string()
      .min(1)
      .max(998)
      .regex(/^[^\r\n]*$/, 'must be one line (no line breaks)')
      .describe('One line'),
    markdown: z
      .string()
      .refine((text) => Buffer.byteLength(text, 'utf8') <= MAX_MARKDOWN_BYTES, 'must be at most 1 MB (1,048,576 bytes of UTF-8)')
      .describe('The body, at most 1 MB, sent as HTML and as text'),
    attachments: z
      .array(z.object({ file: z.string().min(1).max(255) }).strict())
      .max(MAX_ATTACHMENTS)
      .optional()
      .describe('Files of the run (a `document.render` artifact, an `http.request` binary body) attached as they are, 25 MB in all'),
    credential: CredentialName.optional().describe('The credential holding the SMTP password; ASSAY_SMTP_PASSWORD_CREDENTIAL when absent'),
  })
  .strict();

type NotifyEmailConfig = z.infer<typeof Config>;

const RENDER_FILES = siblingModule(import.meta.url, '../documents/render-files');

/**
 * `notify.email`: sends one message through the operator's SMTP server (ASSAY_SMTP_*), its body
 * Markdown rendered to HTML with the Markdown as the text part, and run files attached. The SMTP
 * password is a workspace credential, never a setting or part of the definition. Output
 * `{ messageId, accepted, rejected }`. Never cached: sending is the point.
 */
export function createNotifyEmailStep(settings: SmtpSettings | undefined): StepType {
  return defineStepType<NotifyEmailConfig>({
    type: 'notify.email',
    example: {
      id: 'mail',
      with: {
        to: 'research@example.com',
        subject: 'Profile of {{ input.company }}',
        markdown: 'The profile is attached.\n\n{{ steps.summary.output.text }}',
        attachments: [{ file: 'report.pdf' }],
      },
    },
    family: 'outbound',
    description:
      'Send an email through the SMTP server the operator configured (ASSAY_SMTP_HOST): `to` (one address or up to 50), optional `cc`, `bcc`, ' +
      '`replyTo` and `from` (default ASSAY_SMTP_FROM), a one-line `subject`, the body as `markdown` (sent as HTML and as text) and up to 10 ' +
      'run files as `attachments` ([{ file }], 25 MB in all). The SMTP password is the workspace credential named by `credential` ' +
      '(default ASSAY_SMTP_PASSWORD_CREDENTIAL). Returns `{ messageId, accepted, rejected }`.',
    config: Config,
    async execute(config, context) {
      const path = `steps.${context.stepId}.with`;
      if (!settings) {
        throw new AssayError(
          'invalid_input',
          `notify.email has no SMTP server: set ${SMTP_HOST_SETTING} (and ASSAY_SMTP_PORT, ASSAY_SMTP_USER, ASSAY_SMTP_FROM as needed)`,
          { details: [{ path: `steps.${context.stepId}`, message: `no SMTP server: set ${SMTP_HOST_SETTING}` }] },
        );
      }
      const from = config.from ?? settings.from;
      if (from === undefined) {
        throw new AssayError('invalid_input', `${path}.from: no sender: give the step a from address or set ASSAY_SMTP_FROM`, {
          details: [{ path: `${path}.from`, message: 'no sender: set from or ASSAY_SMTP_FROM' }],
        });
      }
      const auth = await smtpAuth(config, settings, context, path);
      // What an SMTP conversation carries of the password (AUTH PLAIN and LOGIN send it base64) stays out of records too.
      const secrets = auth ? passwordForms(auth) : [];
      for (const secret of secrets.slice(1)) context.credentials.conceal?.(secret);
      const html = await renderHtmlBody(config.markdown, config.subject, context);
      const attachments = await readAttachments(config.attachments ?? [], context, path);
      context.signal.throwIfAborted();
      // nodemailer is loaded with the first message, not at start-up.
      const { createTransport } = await import('nodemailer');
      const transport = createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        auth,
        connectionTimeout: settings.timeoutMs ?? SMTP_TIMEOUT_MS,
        greetingTimeout: settings.timeoutMs ?? SMTP_TIMEOUT_MS,
        socketTimeout: settings.timeoutMs ?? SMTP_TIMEOUT_MS,
        dnsTimeout: settings.timeoutMs ?? SMTP_TIMEOUT_MS,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      try {
        const info = await transport.sendMail({
          from: mailbox(from),
          to: (Array.isArray(config.to) ? config.to : [config.to]).map(mailbox),
          cc: config.cc?.map(mailbox),
          bcc: config.bcc?.map(mailbox),
          replyTo: config.replyTo === undefined ? undefined : mailbox(config.replyTo),
          subject: config.subject,
          text: config.markdown,
          html,
          attachments,
          signal: context.signal,
        });
        const addresses = (list: unknown[] | undefined) =>
          (list ?? []).map((entry) => (typeof entry === 'string' ? entry : String((entry as { address?: unknown }).address)));
        context.logger.debug({ stepId: context.stepId, host: settings.host, accepted: info.accepted.length }, 'notify.email sent');
        return {
          kind: 'completed',
          output: { messageId: info.messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected) },
        };
      } catch (error) {
        if (context.signal.aborted) throw context.signal.reason ?? error;
        throw redactError(smtpError(error, settings, auth?.user), secrets);
      } finally {
        transport.close();
      }
    },
  });
}

/** A validated address as nodemailer takes it (a name and an address, so a name is never re-parsed). */
function mailbox(text: string): Mailbox {
  const parsed = parseMailbox(text);
  if (!parsed) throw new AssayError('invalid_input', `not an email address: ${text.slice(0, 100)}`);
  return parsed;
}

/** The login: ASSAY_SMTP_USER with the password from the step's credential (or the default one); none without a user. */
async function smtpAuth(
  config: NotifyEmailConfig,
  settings: SmtpSettings,
  context: StepContext,
  path: string,
): Promise<{ user: string; pass: string } | undefined> {
  const credential = config.credential ?? settings.passwordCredential;
  if (settings.user === undefined) {
    if (config.credential !== undefined) {
      throw new AssayError('invalid_input', `${path}.credential: a password was named but ASSAY_SMTP_USER is not set`, {
        details: [{ path: `${path}.credential`, message: 'set ASSAY_SMTP_USER to log in' }],
      });
    }
    return undefined;
  }
  if (credential === undefined) {
    throw new AssayError(
      'invalid_input',
      `${path}.credential: ASSAY_SMTP_USER is set but no credential holds its password: name one in credential or set ASSAY_SMTP_PASSWORD_CREDENTIAL`,
      { details: [{ path: `${path}.credential`, message: 'name the credential holding the SMTP password' }] },
    );
  }
  return { user: settings.user, pass: await context.credentials.get(credential) };
}

/** The password and the forms an SMTP login sends it in (AUTH LOGIN: base64 of it; AUTH PLAIN: base64 of user and password). */
function passwordForms(auth: { user: string; pass: string }): string[] {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return [auth.pass, base64(auth.pass), base64(`\u0000${auth.user}\u0000${auth.pass}`)];
}

/** The Markdown as an HTML document titled with the subject, rendered in an isolate like `document.render`. */
async function renderHtmlBody(markdown: string, subject: string, context: StepContext): Promise<string> {
  try {
    const files = await runIsolated<RenderedFiles>(
      { module: RENDER_FILES, exportName: 'renderFiles', input: { markdown, formats: ['html'], options: { title: subject } } },
      { timeoutMs: limits().documentTimeoutMs, signal: context.signal },
    );
    return Buffer.from(files.html ?? new Uint8Array(0)).toString('utf8');
  } catch (error) {
    throw isolateFailure(error, {
      path: `steps.${context.stepId}`,
      what: 'rendering the email',
      timeoutSetting: LIMIT_SETTINGS.documentTimeoutMs,
    });
  }
}

/** The named run files, read whole: at most 10, 25 MB together. */
async function readAttachments(files: Array<{ file: string }>, context: StepContext, path: string) {
  const attachments: Array<{ filename: string; content: Buffer; contentType: string }> = [];
  let total = 0;
  for (const [index, { file }] of files.entries()) {
    const found = await context.artifacts.read?.(file);
    if (!found) {
      throw new AssayError('invalid_input', `${path}.attachments[${index}].file: the run has no file named "${file}"`, {
        details: [{ path: `${path}.attachments[${index}].file`, message: `no file named "${file}" in this run` }],
      });
    }
    total += found.data.byteLength;
    if (total > MAX_ATTACHMENT_BYTES) {
      throw new AssayError('invalid_input', `${path}.attachments: the files come to more than 25 MB (${MAX_ATTACHMENT_BYTES} bytes)`, {
        details: [{ path: `${path}.attachments`, message: 'more than 25 MB in all' }],
      });
    }
    attachments.push({ filename: found.name, content: Buffer.from(found.data), contentType: found.contentType });
  }
  return attachments;
}

/** What nodemailer reports on a failed send. */
interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** Network failures that a later attempt may not meet. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY']);

/**
 * The step's error for a failed send: a 4xx reply or a lost connection is retryable, a 5xx reply
 * (a refused login, an unknown recipient) and a TLS failure are final. Names the server and its
 * reply, never the password (the caller redacts it as well).
 */
export function smtpError(error: unknown, settings: SmtpSettings, user: string | undefined): AssayError {
  const failure = (error ?? {}) as SmtpFailure;
  const server = `${settings.host}:${settings.port}`;
  const reply = excerpt(failure.response ?? failure.message ?? String(error), 300);
  if (typeof failure.responseCode === 'number') {
    const what =
      failure.code === 'EAUTH'
        ? `SMTP login as ${user ?? '(no user)'} was refused by ${server}`
        : `SMTP server ${server} refused the message`;
    const retryable = failure.responseCode >= 400 && failure.responseCode < 500;
    return new AssayError('step_failed', `${what}: ${reply}`, { retryable });
  }
  if (failure.code !== undefined && CONNECTION_CODES.has(failure.code)) {
    return new AssayError('step_failed', `could not talk to the SMTP server ${server}: ${reply}`, { retryable: true });
  }
  if (failure.code === 'ETLS') {
    return new AssayError(
      'step_failed',
      `TLS with the SMTP server ${server} failed (check ASSAY_SMTP_SECURE: true for TLS from the start, as on port 465): ${reply}`,
    );
  }
  if (failure.code === 'EAUTH' || failure.code === 'ENOAUTH')
    return new AssayError('step_failed', `SMTP login at ${server} failed: ${reply}`);
  return new AssayError('step_failed', `sending through the SMTP server ${server} failed: ${reply}`);
}

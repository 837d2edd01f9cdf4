import type { StepType } from '@assay/engine';
import type { OutboundGuard } from '../net/outbound-guard';
import { createNotifyChatStep } from './notify-chat';
import { createNotifyEmailStep } from './notify-email';
import type { SmtpSettings } from './smtp-settings';

export { createNotifyChatStep, createNotifyEmailStep };
export { EmailAddress, parseMailbox } from './addresses';
export { CHAT_FORMATS, type ChatFormat } from './chat-payload';
export type { SmtpSettings } from './smtp-settings';

/** `notify.email` (through the operator's SMTP server, absent: unconfigured) and `notify.chat` (through the outbound guard). */
export function createNotifySteps(options: { smtp: SmtpSettings | undefined; guard: OutboundGuard }): StepType[] {
  return [createNotifyEmailStep(options.smtp), createNotifyChatStep(options.guard)];
}

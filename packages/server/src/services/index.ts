/**
 * The services background work shares with the API: runs, secrets, schedules, event delivery. None of
 * them loads the HTTP app, so a worker process can use them alone (`@assay/server/services`).
 */
export { RunService, type CreateRunRequest } from './run-service';
export { openSecretBox } from './open-secret-box';
export type { SecretBox } from './secret-box';
export { hashSecret, newClientId, newSecret } from './key-secrets';
export { hashPassword, verifyPassword } from './passwords';
export { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';
export { parseCron, type CronSchedule } from './schedule-cron';
export { validateRunInput } from './run-input';
export { CallbackSecrets } from './delivery/callback-secrets';
export { DeliveryMessages } from './delivery/delivery-message';
export { retryPolicy } from './delivery/retry-policy';
export { SendAborted, sendWebhook } from './delivery/send-webhook';
export { onDeliveryWake } from './delivery/wake';
export { destinationKey, Destinations } from './delivery/destinations';
export { ScheduleService } from './schedule-service';

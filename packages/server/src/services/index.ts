/**
 * One rule for the HTTP API: a route handler (src/routes) parses and validates the request (params,
 * query and body through its zod-openapi schemas), checks the scope, calls one service method and
 * presents the result (status code, headers, streams, cookies). Only services touch the store: each
 * gets it when app.ts builds it, one per resource (RunService, WorkflowService, DatasetService, …).
 * A service method that changes something takes who is acting (`by`, the request's principal) and
 * records the change in the audit log itself (services/audit.ts), so no route can forget it.
 * routes/routes-use-services.test.ts fails for a route file that reaches the store.
 *
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
export { DocumentService } from './document-service';
export { ApprovalService } from './approval-service';
export { EvaluationService } from './evaluation-service';
export { BatchService } from './batch-service';
export { NO_MODEL } from '../templates/model-check';

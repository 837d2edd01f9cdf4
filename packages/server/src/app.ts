import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Engine, Logger } from '@assay/engine';
import type { Store } from '@assay/store';
import type { AppEnv } from './http/app-env';
import { KeyAuthenticator, SessionAuthenticator } from './http/authenticate';
import { errorResponse, fromZodError } from './http/errors';
import { rateLimit } from './http/rate-limit';
import { traceRequests } from './http/tracing';
import { streamingBodyLimit } from './http/stream-limit';
import { bufferedBodyLimit } from './http/buffered-body';
import { requestHeader } from './http/request-header';
import { registerKeyRoutes } from './routes/keys';
import { registerRunRoutes } from './routes/runs';
import { registerDraftRunRoutes } from './routes/draft-runs';
import { DraftRunService } from './services/draft-run-service';
import { registerMcpEndpoint } from './routes/mcp';
import { WorkflowToolService } from './services/workflow-tools';
import { registerSystemRoutes } from './routes/system';
import { registerTriggerRoutes } from './routes/triggers';
import { registerArtifactRoutes } from './routes/artifacts';
import { registerCredentialRoutes } from './routes/credentials';
import { registerMcpServerRoutes } from './routes/mcp-servers';
import { registerDocumentRoutes } from './routes/documents';
import { registerSignalRoutes } from './routes/signals';
import { SignalService } from './services/signal-service';
import { registerRunDiffRoutes } from './routes/run-diff';
import { RunDiffService } from './services/run-diff-service';
import { registerApprovalRoutes } from './routes/approvals';
import { ApprovalService } from './services/approval-service';
import { TokenBuckets } from './http/token-buckets';
import { registerDatasetRoutes } from './routes/datasets';
import { registerBatchRoutes } from './routes/batches';
import { BatchService } from './services/batch-service';
import { registerEvaluationRoutes } from './routes/evaluations';
import { EvaluationService } from './services/evaluation-service';
import { registerScheduleRoutes } from './routes/schedules';
import { registerTemplateRoutes } from './routes/templates';
import { TemplateService } from './services/template-service';
import { ScheduleService } from './services/schedule-service';
import { registerEventRoutes } from './routes/events';
import { registerAuditRoutes } from './routes/audit';
import { registerAuthRoutes } from './routes/auth';
import { registerUserRoutes } from './routes/users';
import { registerEventEndpointRoutes } from './routes/event-endpoints';
import type { SecretBox } from './services/secret-box';
import { HashingSlots } from './services/hashing-slots';
import { SignInThrottle } from './services/sign-in-throttle';
import { clientAddressReader } from './http/client-address';
import type { SignInConfig } from './settings';
import { registerWorkflowRoutes } from './routes/workflows';
import { registerStepTypeRoutes } from './routes/step-types';
import { registerExpressionRoutes } from './routes/expressions';
import { registerWebApp } from './http/web-app';
import { createMetrics } from './http/metrics';
import { observeRequests } from './http/request-observer';
import { destinationCheck } from './services/destination-check';
import { RunService } from './services/run-service';
import { WorkflowService } from './services/workflow-service';
import { documentScopes } from './http/scope-docs';
import { documentSecurity } from './http/openapi';
import { ArtifactService } from './services/artifact-service';
import { AuditService } from './services/audit-service';
import { AuthService } from './services/auth-service';
import { CallbackSecretService } from './services/callback-secret-service';
import { CredentialService } from './services/credential-service';
import { McpServerService } from './services/mcp-server-service';
import { DocumentService } from './services/document-service';
import { DatasetService } from './services/dataset-service';
import { EndpointService } from './services/endpoint-service';
import { EventService } from './services/event-service';
import { KeyService } from './services/key-service';
import { readinessChecks } from './services/readiness';
import { TriggerService } from './services/trigger-service';
import { UserService } from './services/user-service';

export interface AppOptions {
  store: Store;
  engine: Engine;
  logger: Logger;
  bodyLimitBytes: number;
  /** Limit for dataset uploads (streamed, so large uploads do not need memory). */
  uploadLimitBytes: number;
  rateLimitPerSecond: number;
  /** Calls per second per webhook trigger (0: no limit). */
  webhookRateLimitPerSecond?: number;
  version: string;
  /** Seals credential values. */
  secretBox: SecretBox;
  /** Base URL for links this server hands out (trigger URLs); default: the request's origin. */
  publicUrl?: string | null;
  /** Live event streams: heartbeat interval, and how soon they notice events other processes wrote. */
  events?: { heartbeatMs: number; pollMs: number; stop?: AbortSignal };
  /** A tracer provider is registered: give every request a span. */
  tracing?: boolean;
  /** Sign-in limits, password hashing bounds and trusted proxies. */
  signIn: SignInConfig;
  /** The built web app's directory (default: packages/web/dist); null serves no web app (API-only processes). */
  webRoot?: string | null;
  /** ASSAY_HTTP_ALLOW: hosts the outbound guard lets through; endpoint and callback URLs are checked against it when given. */
  httpAllow: string[];
  /** ASSAY_MCP_STDIO: whether workspaces may register stdio MCP servers (processes on this host). */
  mcpStdio?: boolean;
}

/** Requests per second one client address may make to `/v1/approval-links/…` (no key to limit by). */
const LINK_REQUESTS_PER_SECOND = 5;

/** The HTTP application: every route, its middleware, and the error envelope. */
export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const { store, engine, logger } = options;
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fromZodError(result.error);
    },
  });
  documentScopes(app);
  documentSecurity(app);
  const sessions = new SessionAuthenticator(store.users);
  const auth = new KeyAuthenticator(store.access, sessions);

  app.onError((error, c) => {
    const response = errorResponse(c, error);
    if (response.status >= 500)
      logger.error({ err: error, method: c.req.method, path: c.req.path, requestId: c.get('requestId') }, 'request failed');
    return response;
  });
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}`, code: 'not_found' }, 404));

  if (options.tracing) app.use('*', traceRequests());
  app.use('*', async (c, next) => {
    c.set('requestId', requestHeader(c, 'x-request-id') ?? randomUUID());
    await next();
  });
  const metrics = createMetrics(store, engine);
  app.use('*', observeRequests(metrics, logger));
  // Dataset uploads and batch bodies (CSV streams, long input lists) may be large and are streamed;
  // every other body is small and read whole.
  const bodyLimitDefault = bufferedBodyLimit(options.bodyLimitBytes);
  const bodyLimitUpload = streamingBodyLimit(options.uploadLimitBytes);
  app.use('*', (c, next) =>
    /^\/v1\/(datasets(\/[0-9a-f]{24}\/rows)?|workflows\/[0-9a-f]{24}\/batches|documents)$/.test(c.req.path)
      ? bodyLimitUpload(c, next)
      : bodyLimitDefault(c, next),
  );
  // Every /v1 request is authenticated and rate limited, except the public OpenAPI document,
  // /v1/auth/… (setup and sign-in need no credentials; sign-out and session read the cookie themselves)
  // and /v1/approval-links/… (the signed token is the right; limited per client address instead).
  const authenticate = auth.middleware();
  const limit = rateLimit(options.rateLimitPerSecond);
  const clientAddress = clientAddressReader(options.signIn.trustedProxies);
  const linkLimit = new TokenBuckets(LINK_REQUESTS_PER_SECOND);
  app.use('/v1/*', async (c, next) => {
    if (c.req.path === '/v1/openapi.json' || c.req.path.startsWith('/v1/auth/')) return next();
    if (c.req.path.startsWith('/v1/approval-links/')) {
      linkLimit.take(clientAddress(c));
      return next();
    }
    return authenticate(c, async () => {
      await limit(c, next);
    });
  });

  // Route handlers parse the request, check scope, call a service and present its answer; only the
  // services (built here, with the store) touch the store (see services/index.ts).
  const runs = new RunService(store, engine);
  const workflows = new WorkflowService(store, engine);
  const checkDestination = destinationCheck(options.httpAllow);
  const { signIn } = options;
  // One bound for every password hash this process computes: sign-in, setup and user changes.
  const hashing = new HashingSlots(signIn.hashing);
  registerWorkflowRoutes(app, { workflows, publicUrl: options.publicUrl ?? null });
  registerStepTypeRoutes(app, engine.registry);
  registerExpressionRoutes(app);
  registerRunRoutes(app, runs, checkDestination);
  registerDraftRunRoutes(app, new DraftRunService(store, engine, runs));
  registerMcpEndpoint(app, [authenticate, limit], new WorkflowToolService(store, runs), options.version);
  registerKeyRoutes(app, new KeyService(store, (clientId) => auth.forget(clientId)));
  registerTriggerRoutes(app, {
    triggers: new TriggerService(store, workflows, checkDestination),
    runs,
    publicUrl: options.publicUrl ?? null,
    webhookRateLimit: options.webhookRateLimitPerSecond ?? 100,
  });
  registerArtifactRoutes(app, new ArtifactService(store));
  registerCredentialRoutes(app, new CredentialService(store, options.secretBox));
  registerMcpServerRoutes(
    app,
    new McpServerService(store, options.secretBox, {
      allowStdio: options.mcpStdio ?? false,
      httpAllow: options.httpAllow,
      checkDestination,
    }),
  );
  registerDatasetRoutes(app, new DatasetService(store));
  registerDocumentRoutes(app, new DocumentService(store));
  registerSignalRoutes(app, new SignalService(store, engine));
  registerRunDiffRoutes(app, new RunDiffService(store));
  registerApprovalRoutes(app, {
    approvals: new ApprovalService(store, options.secretBox, { publicUrl: options.publicUrl ?? null, wake: () => engine.notify() }),
    publicUrl: options.publicUrl ?? null,
  });
  registerAuditRoutes(app, new AuditService(store));
  registerAuthRoutes(app, {
    auth: new AuthService(store, hashing, new SignInThrottle(store.signIns, signIn.limits)),
    sessions,
    clientAddress,
  });
  registerUserRoutes(app, new UserService(store, hashing, (userId) => sessions.forgetUser(userId)));
  const batches = new BatchService(store, engine);
  registerBatchRoutes(app, { batches, runs });
  registerEvaluationRoutes(app, new EvaluationService(store, batches));
  registerScheduleRoutes(app, new ScheduleService(store));
  registerTemplateRoutes(app, {
    templates: new TemplateService(store, {
      workflows,
      schedules: new ScheduleService(store),
      datasets: new DatasetService(store),
      documents: new DocumentService(store),
    }),
    publicUrl: options.publicUrl ?? null,
  });
  registerEventRoutes(app, new EventService(store, options.events ?? { heartbeatMs: 15_000, pollMs: 1000 }));
  registerEventEndpointRoutes(app, {
    endpoints: new EndpointService(store, options.secretBox, checkDestination),
    callbackSecrets: new CallbackSecretService(store, options.secretBox),
  });
  hashing.observe(metrics);
  registerSystemRoutes(app, {
    metrics,
    version: options.version,
    readiness: () => readinessChecks(store),
    publicUrl: options.publicUrl ?? null,
  });
  if (options.webRoot !== null) registerWebApp(app, options.webRoot);
  return app;
}

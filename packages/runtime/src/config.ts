import path from 'node:path';
import { DEFAULT_ISOLATE_SETTINGS, DEFAULT_LIMITS, type ExpressionLimits, type IsolateSettings } from '@assay/engine';
import { EmailAddress, parseAllowList, PROVIDER_SETTING, SEARCH_PROVIDERS, type SearchSettings, type SmtpSettings } from '@assay/steps';
import { z } from 'zod';
import { parseTrustedProxies, type SignInConfig } from '@assay/server/settings';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const httpUrl = () => z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
// An API key goes into a header, and is looked for in answers to keep it out of errors: printable,
// and without the characters JSON would escape (so an echoed key reads as written). Never echoed here.
const apiKey = () =>
  z
    .string()
    .trim()
    .regex(/^[\x21\x23-\x5b\x5d-\x7e]{8,500}$/, 'must be 8-500 printable characters without spaces, quotes or backslashes');

const int = (min: number, max: number) => z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(min).max(max);

/** Every setting, read from the environment once (in a composition root) and passed down. */
const ConfigSchema = z.object({
  PORT: int(0, 65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  ASSAY_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine(
      (url) => url === undefined || url === '' || /^(sqlite:|file:|postgres(ql)?:\/\/)/.test(url),
      'must start with sqlite:, file: or postgres://',
    ),
  ASSAY_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ASSAY_WORKER_CONCURRENCY: int(0, 10_000).default(100),
  ASSAY_BODY_LIMIT: int(1024, 1024 * 1024 * 1024).default(1024 * 1024),
  ASSAY_UPLOAD_LIMIT: int(1024, 16 * 1024 * 1024 * 1024).default(512 * 1024 * 1024),
  ASSAY_RATE_LIMIT: int(0, 1_000_000).default(5000),
  ASSAY_WEBHOOK_RATE_LIMIT: int(0, 1_000_000).default(100),
  ASSAY_LEASE_MS: int(1000, 3_600_000).default(30_000),
  ASSAY_POLL_MS: int(10, 600_000).optional(),
  ASSAY_SSE_HEARTBEAT_MS: int(100, 300_000).default(15_000),
  ASSAY_SQLITE_SYNC: z.enum(['normal', 'full']).default('normal'),
  ASSAY_DATABASE_POOL: int(1, 1000).default(10),
  ASSAY_WORKSPACE_CONCURRENCY: int(0, 1_000_000).default(0),
  ASSAY_RETENTION_DAYS: int(0, 36_500).default(0),
  ASSAY_RETENTION_BATCH: int(1, 10_000).default(500),
  ASSAY_DRAFT_RETENTION_HOURS: int(1, 8760).default(24),
  ASSAY_SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000),
  ASSAY_CLIENT_ID: z.string().min(1).max(200).optional(),
  ASSAY_API_KEY: z.string().min(16, 'must be at least 16 characters').max(500).optional(),
  ASSAY_PUBLIC_URL: z.url().optional(),
  ASSAY_SECRET_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  ASSAY_HTTP_ALLOW: z.string().optional(),
  ASSAY_MCP_STDIO: z.enum(['true', 'false']).default('false'),
  ASSAY_SEARCH_PROVIDER: z.enum(SEARCH_PROVIDERS).optional(),
  ASSAY_SEARXNG_URL: httpUrl().optional(),
  ASSAY_BRAVE_API_KEY: apiKey().optional(),
  ASSAY_BRAVE_BASE_URL: httpUrl().default('https://api.search.brave.com'),
  ASSAY_TAVILY_API_KEY: apiKey().optional(),
  ASSAY_TAVILY_BASE_URL: httpUrl().default('https://api.tavily.com'),
  ASSAY_SMTP_HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:_[\]-]{1,253}$/, 'must be a host name or address (no scheme or port)')
    .optional(),
  ASSAY_SMTP_PORT: int(1, 65_535).default(587),
  ASSAY_SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  ASSAY_SMTP_TIMEOUT_MS: int(1000, 3_600_000).default(30_000),
  ASSAY_SMTP_USER: z.string().min(1).max(500).optional(),
  ASSAY_SMTP_FROM: EmailAddress.optional(),
  ASSAY_SMTP_PASSWORD_CREDENTIAL: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a credential name (1-100 letters, digits, ".", "_" or "-")')
    .optional(),
  ASSAY_SQLITE_ROOT: z.string().min(1).optional(),
  ASSAY_DEMO: z.enum(['true', 'false']).default('true'),
  ASSAY_DELIVERY_BACKOFF_MS: z
    .string()
    .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, 'must be a comma-separated list of milliseconds')
    .default('5000,30000,120000,600000,1800000,3600000,7200000,14400000,28800000,28800000'),
  ASSAY_DELIVERY_TIMEOUT_MS: int(100, 300_000).default(10_000),
  ASSAY_DELIVERY_CONCURRENCY: int(0, 10_000).default(16),
  ASSAY_DELIVERY_PER_ENDPOINT: int(1, 10_000).default(4),
  ASSAY_EXPRESSION_TIMEOUT_MS: int(10, 600_000).default(DEFAULT_LIMITS.timeoutMs),
  ASSAY_EXPRESSION_MAX_ITEMS: int(1000, 10_000_000).default(DEFAULT_LIMITS.maxItems),
  ASSAY_MAX_OUTPUT_BYTES: int(1024, 1024 * 1024 * 1024).default(DEFAULT_LIMITS.maxOutputBytes),
  ASSAY_DOCUMENT_TIMEOUT_MS: int(100, 600_000).default(DEFAULT_LIMITS.documentTimeoutMs),
  ASSAY_ISOLATE_THREADS: int(1, 256).default(DEFAULT_ISOLATE_SETTINGS.threads),
  ASSAY_ISOLATE_MEMORY_MB: int(16, 65_536).default(DEFAULT_ISOLATE_SETTINGS.memoryMb),
  ASSAY_SIGN_IN_ACCOUNT_LIMIT: int(0, 1_000_000).default(10),
  ASSAY_SIGN_IN_ADDRESS_LIMIT: int(0, 1_000_000).default(30),
  ASSAY_SIGN_IN_WINDOW_MS: int(1000, 86_400_000).default(15 * 60_000),
  ASSAY_PASSWORD_HASH_CONCURRENCY: int(1, 64).default(2),
  ASSAY_PASSWORD_HASH_QUEUE: int(0, 10_000).default(16),
  ASSAY_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    }),
});

/** Parsed, validated configuration. */
export interface AssayConfig {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string; synchronous: 'normal' | 'full' } | { kind: 'postgres'; url: string };
  logLevel: (typeof LOG_LEVELS)[number];
  workerConcurrency: number;
  bodyLimitBytes: number;
  /** Largest dataset upload, in bytes. */
  uploadLimitBytes: number;
  /** Requests per second per workspace (0 disables the limit). */
  rateLimitPerSecond: number;
  /** Calls per second per webhook trigger (0 disables the limit). */
  webhookRateLimitPerSecond: number;
  /** PostgreSQL connections per process. */
  databasePoolSize: number;
  /** Runs of one workspace executing at once across every worker process (0: no limit). */
  workspaceConcurrency: number;
  /**
   * Finished runs are pruned after this many days (0: kept forever), this many per transaction;
   * finished draft runs (the editor's tests) after `draftHours`, whatever `days` says.
   */
  retention: { days: number; batch: number; draftHours: number };
  leaseMs: number;
  /**
   * Longest sleep of idle loops (claims, deliveries, streams) when nothing wakes them: ASSAY_POLL_MS,
   * else 1 s on SQLite and 10 s on PostgreSQL, where LISTEN/NOTIFY wakes them at once.
   */
  pollMs: number;
  /** How often live event streams send a heartbeat comment. */
  sseHeartbeatMs: number;
  shutdownGraceMs: number;
  bootstrapKey: { clientId: string; secret: string } | null;
  publicUrl: string | null;
  /** Credential encryption key material (null: a key generated once into the data dir). */
  secretKey: string | null;
  /** Hosts `http.request` and `web.extract` may reach even though they resolve to private addresses. */
  httpAllow: string[];
  /** Whether workspaces may register, and steps start, stdio MCP servers (processes on this host). */
  mcpStdio: boolean;
  /** The web search providers `web.search` may use. */
  search: SearchSettings;
  /** The SMTP server `notify.email` sends through (null: none configured). */
  smtp: SmtpSettings | null;
  /** SQLite files `sql.query` may open live under this directory. */
  sqliteRoot: string;
  /** Seed a new workspace with the demo dataset and workflow. */
  demo: boolean;
  /** Event delivery (event endpoints and run callbacks). */
  delivery: DeliveryConfig;
  /** What one expression, template, document or step result may cost. */
  limits: ExpressionLimits;
  /** The worker threads expressions, templates and documents that need more than a slice run in. */
  isolates: IsolateSettings;
  /** Sign-in: attempt limits, bounded password hashing, and which proxies may name the client. */
  signIn: SignInConfig;
  /** The environment, for step families that read their own provider settings (AI). */
  env: Record<string, string | undefined>;
}

export interface DeliveryConfig {
  /** Delays before each retry of a delivery (ASSAY_DELIVERY_BACKOFF_MS); after the last one it fails. */
  backoffMs: number[];
  /** Per-request timeout (ASSAY_DELIVERY_TIMEOUT_MS). */
  timeoutMs: number;
  /** Requests in flight per process (ASSAY_DELIVERY_CONCURRENCY; 0: this process delivers nothing). */
  concurrency: number;
  /** Requests in flight per endpoint or callback URL (ASSAY_DELIVERY_PER_ENDPOINT), so one slow receiver cannot take every slot. */
  perEndpoint: number;
}

/** Raised with every bad or missing variable named. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming each offending variable. */
export function loadConfig(env: Record<string, string | undefined>): AssayConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ConfigSchema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  const e = result.data;
  if ((e.ASSAY_CLIENT_ID === undefined) !== (e.ASSAY_API_KEY === undefined)) {
    throw new ConfigError(['ASSAY_CLIENT_ID and ASSAY_API_KEY: set both or neither']);
  }
  const search = searchSettings(e);
  const dataDir = path.resolve(e.ASSAY_DATA_DIR);
  const url = e.DATABASE_URL;
  let database: AssayConfig['database'];
  if (url && /^postgres/.test(url)) database = { kind: 'postgres', url };
  else {
    const file = url ? url.replace(/^(sqlite|file):(\/\/)?/, '') : path.join(dataDir, 'assay.db');
    database = { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file), synchronous: e.ASSAY_SQLITE_SYNC };
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    logLevel: e.ASSAY_LOG_LEVEL,
    workerConcurrency: e.ASSAY_WORKER_CONCURRENCY,
    bodyLimitBytes: e.ASSAY_BODY_LIMIT,
    uploadLimitBytes: e.ASSAY_UPLOAD_LIMIT,
    rateLimitPerSecond: e.ASSAY_RATE_LIMIT,
    webhookRateLimitPerSecond: e.ASSAY_WEBHOOK_RATE_LIMIT,
    databasePoolSize: e.ASSAY_DATABASE_POOL,
    workspaceConcurrency: e.ASSAY_WORKSPACE_CONCURRENCY,
    retention: { days: e.ASSAY_RETENTION_DAYS, batch: e.ASSAY_RETENTION_BATCH, draftHours: e.ASSAY_DRAFT_RETENTION_HOURS },
    leaseMs: e.ASSAY_LEASE_MS,
    pollMs: e.ASSAY_POLL_MS ?? (database.kind === 'postgres' ? 10_000 : 1000),
    sseHeartbeatMs: e.ASSAY_SSE_HEARTBEAT_MS,
    shutdownGraceMs: e.ASSAY_SHUTDOWN_GRACE_MS,
    bootstrapKey: e.ASSAY_CLIENT_ID && e.ASSAY_API_KEY ? { clientId: e.ASSAY_CLIENT_ID, secret: e.ASSAY_API_KEY } : null,
    publicUrl: e.ASSAY_PUBLIC_URL ?? null,
    secretKey: e.ASSAY_SECRET_KEY ?? null,
    demo: e.ASSAY_DEMO === 'true',
    sqliteRoot: path.resolve(e.ASSAY_SQLITE_ROOT ?? path.join(dataDir, 'sqlite')),
    httpAllow: parseAllowList(e.ASSAY_HTTP_ALLOW),
    mcpStdio: e.ASSAY_MCP_STDIO === 'true',
    search,
    smtp: smtpSettings(e),
    delivery: {
      backoffMs: e.ASSAY_DELIVERY_BACKOFF_MS.split(',').map((ms) => Number(ms.trim())),
      timeoutMs: e.ASSAY_DELIVERY_TIMEOUT_MS,
      concurrency: e.ASSAY_DELIVERY_CONCURRENCY,
      perEndpoint: e.ASSAY_DELIVERY_PER_ENDPOINT,
    },
    limits: {
      timeoutMs: e.ASSAY_EXPRESSION_TIMEOUT_MS,
      maxItems: e.ASSAY_EXPRESSION_MAX_ITEMS,
      maxOutputBytes: e.ASSAY_MAX_OUTPUT_BYTES,
      documentTimeoutMs: e.ASSAY_DOCUMENT_TIMEOUT_MS,
    },
    isolates: { threads: e.ASSAY_ISOLATE_THREADS, memoryMb: e.ASSAY_ISOLATE_MEMORY_MB },
    signIn: {
      limits: { perAccount: e.ASSAY_SIGN_IN_ACCOUNT_LIMIT, perAddress: e.ASSAY_SIGN_IN_ADDRESS_LIMIT, windowMs: e.ASSAY_SIGN_IN_WINDOW_MS },
      hashing: { concurrency: e.ASSAY_PASSWORD_HASH_CONCURRENCY, queue: e.ASSAY_PASSWORD_HASH_QUEUE },
      trustedProxies: parseTrustedProxies(e.ASSAY_TRUSTED_PROXIES),
    },
    env,
  };
}

/** The SMTP server of `notify.email`: ASSAY_SMTP_HOST and the settings beside it (which mean nothing without it). */
function smtpSettings(e: z.infer<typeof ConfigSchema>): SmtpSettings | null {
  if (e.ASSAY_SMTP_HOST === undefined) return null;
  return {
    host: e.ASSAY_SMTP_HOST,
    port: e.ASSAY_SMTP_PORT,
    secure: e.ASSAY_SMTP_SECURE === 'true',
    user: e.ASSAY_SMTP_USER,
    from: e.ASSAY_SMTP_FROM,
    passwordCredential: e.ASSAY_SMTP_PASSWORD_CREDENTIAL,
    timeoutMs: e.ASSAY_SMTP_TIMEOUT_MS,
  };
}

/** The web search settings; a preferred provider that is not configured is a mistake, refused at start. */
function searchSettings(e: z.infer<typeof ConfigSchema>): SearchSettings {
  const trimmed = (url: string) => url.replace(/\/+$/, '');
  const search: SearchSettings = {
    preferred: e.ASSAY_SEARCH_PROVIDER,
    searxng: e.ASSAY_SEARXNG_URL ? { baseUrl: trimmed(e.ASSAY_SEARXNG_URL) } : undefined,
    brave: e.ASSAY_BRAVE_API_KEY ? { apiKey: e.ASSAY_BRAVE_API_KEY, baseUrl: trimmed(e.ASSAY_BRAVE_BASE_URL) } : undefined,
    tavily: e.ASSAY_TAVILY_API_KEY ? { apiKey: e.ASSAY_TAVILY_API_KEY, baseUrl: trimmed(e.ASSAY_TAVILY_BASE_URL) } : undefined,
  };
  if (search.preferred && !search[search.preferred]) {
    throw new ConfigError([`ASSAY_SEARCH_PROVIDER: ${search.preferred} is not configured; set ${PROVIDER_SETTING[search.preferred]}`]);
  }
  return search;
}

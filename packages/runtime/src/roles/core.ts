import { randomBytes } from 'node:crypto';
import { configureIsolates, configureLimits, Engine, type Logger } from '@assay/engine';
import { ApprovalService, RunService, openSecretBox, type SecretBox } from '@assay/server/services';
import { aiSettingsFromEnv, builtInSteps, createModelResolver, type AiSettings, type ModelResolver } from '@assay/steps';
import type { Store } from '@assay/store';
import type { AssayConfig } from '../config';
import { childRuns } from '../engine/child-runs';
import { PARK_THRESHOLD_MS, storeArtifacts, storeCredentials, storeDatasets } from '../engine/engine-adapters';
import { bootstrapAccess, type FirstStart } from '../process/bootstrap';
import { openConfiguredStore } from '../process/open-configured-store';
import { seedDemo } from '../process/demo-seed';
import { startTracing, type Tracing } from '../process/tracing';

/** What every role stands on: the store, the engine (workers not started), the run service, secrets. */
export interface Core {
  config: AssayConfig;
  logger: Logger;
  store: Store;
  engine: Engine;
  runs: RunService;
  /** Model providers (shared by AI steps and evaluation judges) and the default model. */
  ai: { resolver: ModelResolver; defaultModel: string | null };
  /** Approvals of `approval` steps (their links point at ASSAY_PUBLIC_URL, or where this process serves). */
  approvals: ApprovalService;
  secretBox: SecretBox;
  tracing: Tracing | null;
  /** Leases are held in this name. */
  workerId: string;
  firstStart: FirstStart | null;
}

/** Opens the store (bootstrapping the first workspace and key), the secret box and the engine. */
export async function openCore(config: AssayConfig, logger: Logger): Promise<Core> {
  const tracing = startTracing(config.env, logger);
  // Process-wide, like the thread pool they govern (several in-process servers share the last values).
  configureLimits(config.limits);
  configureIsolates(config.isolates);
  const store = await openConfiguredStore(config);
  const { workspaceId, created, firstStart } = await bootstrapAccess(store, config, logger);
  const secretBox = await openSecretBox({ store, secretKey: config.secretKey, dataDir: config.dataDir, logger }).catch(
    async (error: unknown) => {
      await store.close();
      throw error;
    },
  );

  const workerId = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const aiSettings = aiSettingsFromEnv(config.env);
  // Deciding wakes the run: this process's workers look at once (others: NOTIFY or their poll).
  const approvals = new ApprovalService(store, secretBox, { publicUrl: config.publicUrl, wake: () => engine.notify() });
  // Embedded, a provider's cap is kept in this process; scaled out, in the database across every worker.
  const resolver = store.exclusive
    ? createModelResolver(aiSettings)
    : createModelResolver(aiSettings, (provider, capacity) => ({
        acquire: (signal) => store.aiSlots.acquire(provider, capacity, signal),
      }));
  const ai = { resolver, defaultModel: defaultModel(aiSettings, config.env) };
  const engine: Engine = new Engine({
    environment: { ai: { defaultModel: ai.defaultModel } },
    tracing: tracing !== null,
    store: store.queue,
    registry: builtInSteps({
      sqliteRoot: config.sqliteRoot,
      ai: resolver,
      httpAllow: config.httpAllow,
      mcpServers: { get: (workspaceId, name) => store.mcpServers.byName(workspaceId, name) },
      documents: store.documents,
      mcpStdio: config.mcpStdio,
      search: config.search,
      smtp: config.smtp ?? undefined,
      children: childRuns(store, (): RunService => runs),
      signals: store.signals,
      approvals,
      datasets: storeDatasets(store),
    }),
    clock: { now: () => Date.now() },
    logger,
    workerId,
    concurrency: config.workerConcurrency,
    leaseMs: config.leaseMs,
    pollMs: config.pollMs,
    parkThresholdMs: PARK_THRESHOLD_MS,
    credentials: storeCredentials(store, secretBox),
    artifacts: storeArtifacts(store),
  });
  const runs: RunService = new RunService(store, engine);
  if (created && config.demo) await seedDemo(store, engine, workspaceId, logger);
  return { config, logger, store, engine, runs, approvals, ai, secretBox, tracing, workerId, firstStart };
}

/**
 * The model the demo (and templates, as `assay.ai.defaultModel`) use: ASSAY_AI_DEFAULT_MODEL, else a
 * small model of the first configured provider, else null (AI branches are skipped).
 */
function defaultModel(settings: AiSettings, env: Record<string, string | undefined>): string | null {
  if (env.ASSAY_AI_DEFAULT_MODEL) return env.ASSAY_AI_DEFAULT_MODEL;
  if (settings.openai) return 'openai:gpt-4o-mini';
  if (settings.anthropic) return 'anthropic:claude-3-5-haiku-latest';
  return null;
}

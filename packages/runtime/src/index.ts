export { startAssay, type ProcessRole, type RunningAssay, type StartOptions } from './start-assay';
export { ASSAY_VERSION } from './version';
export { loadConfig, ConfigError, type AssayConfig, type DeliveryConfig } from './config';
export { createLogger } from './process/logger';
export { startTracing } from './process/tracing';
export { PARK_THRESHOLD_MS, storeArtifacts, storeCredentials, storeDatasets } from './engine/engine-adapters';
export { Scheduler, type SchedulerClock, type TickResult } from './loops/scheduler';
export { Retention } from './loops/retention';
export { openConfiguredStore } from './process/open-configured-store';

export { createApp, type AppOptions } from './app';
export { loadConfig, ConfigError, type AssayConfig } from './config';
export { startAssay, ASSAY_VERSION, type ProcessRole, type RunningAssay, type StartOptions } from './runtime/start-assay';
export { createLogger } from './runtime/logger';
export { PARK_THRESHOLD_MS, storeArtifacts, storeCredentials, storeDatasets } from './runtime/engine-adapters';
export { hashSecret, newClientId, newSecret } from './services/key-secrets';
export { hashPassword, verifyPassword } from './services/passwords';

export { createApp, type AppOptions } from './app';
export { loadConfig, ConfigError, type AssayConfig } from './config';
export { startAssay, ASSAY_VERSION, type RunningAssay, type StartOptions } from './runtime/start-assay';
export { createLogger } from './runtime/logger';
export { hashSecret, newClientId, newSecret } from './services/key-secrets';

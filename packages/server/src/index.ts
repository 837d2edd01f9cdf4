export { createApp, type AppOptions } from './app';
export { hashSecret, newClientId, newSecret, hashPassword, verifyPassword } from './services/index';

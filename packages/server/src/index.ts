export { createApp, type AppOptions } from './app';
export { hashSecret, newClientId, newSecret, hashPassword, verifyPassword } from './services/index';
export { describeStepTypes } from './routes/step-types';

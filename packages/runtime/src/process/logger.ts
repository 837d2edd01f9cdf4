import type { Logger } from '@assay/engine';
import pino from 'pino';

/** Paths pino blanks out wherever they appear in a log line: secrets never reach the logs. */
export const REDACTED_PATHS = [
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'headers["x-metal-api-key"]',
  'req.headers["x-metal-api-key"]',
  'headers.authorization',
  'req.headers.authorization',
  'headers.cookie',
  'req.headers.cookie',
  'credentials',
  '*.credentials',
];

/** The process logger: JSON lines on stdout, secrets redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'assay' } },
    destination,
  ) as unknown as Logger;
}

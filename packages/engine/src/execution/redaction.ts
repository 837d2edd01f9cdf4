import type { CredentialReader, Logger, StepRecord } from '../ports';

/** Values shorter than this are not redacted: replacing them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;
export const REDACTED = '[redacted]';

/**
 * The credential values a run has read, so they can be scrubbed from everything it records: step
 * outputs, configs, errors and log lines. A step that echoes a secret back still never stores it.
 */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  /** A credential reader that remembers every value it hands out. */
  wrap(reader: CredentialReader): CredentialReader {
    return {
      get: async (name) => {
        const value = await reader.get(name);
        if (value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
        return value;
      },
      conceal: (value) => {
        if (value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
      },
    };
  }

  get active(): boolean {
    return this.secrets.size > 0;
  }

  /** `value` with every known secret replaced, walking objects and lists. */
  scrub<T>(value: T): T {
    if (!this.active) return value;
    return scrubValue(value, [...this.secrets]) as T;
  }

  scrubRecord(record: StepRecord): StepRecord {
    if (!this.active) return record;
    return {
      ...record,
      config: this.scrub(record.config),
      output: this.scrub(record.output),
      error: this.scrub(record.error),
      usage: this.scrub(record.usage),
    };
  }

  /** A logger whose lines are scrubbed before they are written. */
  logger(inner: Logger): Logger {
    const scrub = <T>(v: T) => this.scrub(v);
    const wrap = (log: Logger): Logger => ({
      debug: (obj, msg) => log.debug(scrub(obj), msg === undefined ? msg : scrub(msg)),
      info: (obj, msg) => log.info(scrub(obj), msg === undefined ? msg : scrub(msg)),
      warn: (obj, msg) => log.warn(scrub(obj), msg === undefined ? msg : scrub(msg)),
      error: (obj, msg) => log.error(scrub(obj), msg === undefined ? msg : scrub(msg)),
      child: (bindings) => wrap(log.child(bindings)),
    });
    return wrap(inner);
  }
}

function scrubValue(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string')
    return secrets.reduce((text, secret) => (text.includes(secret) ? text.split(secret).join(REDACTED) : text), value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets));
  if (value instanceof Error) return new Error(scrubValue(value.message, secrets) as string);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, secrets)]));
  }
  return value;
}

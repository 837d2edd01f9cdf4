import type { Logger } from '../ports';

/**
 * A child logger created only when something is logged. Most runs and steps never log, and
 * creating a child per run and per step is a measurable share of the engine's hot path.
 */
class LazyChildLogger implements Logger {
  private created: Logger | null = null;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Record<string, unknown>,
  ) {}

  private get logger(): Logger {
    return (this.created ??= this.parent.child(this.bindings));
  }

  debug(obj: object, msg?: string): void {
    this.logger.debug(obj, msg);
  }
  info(obj: object, msg?: string): void {
    this.logger.info(obj, msg);
  }
  warn(obj: object, msg?: string): void {
    this.logger.warn(obj, msg);
  }
  error(obj: object, msg?: string): void {
    this.logger.error(obj, msg);
  }
  child(bindings: Record<string, unknown>): Logger {
    return new LazyChildLogger(this.parent, { ...this.bindings, ...bindings });
  }
}

export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  return new LazyChildLogger(parent, bindings);
}

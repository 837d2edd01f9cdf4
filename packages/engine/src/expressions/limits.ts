/**
 * Limits on what one expression, template or step result may cost. The composition root sets them
 * from its configuration ({@link configureLimits}); they hold for the whole process, like the isolate
 * pool they describe.
 */
export interface ExpressionLimits {
  /** Longest an expression or template may compute, in ms (in an isolate). */
  timeoutMs: number;
  /** Most items one JSONata sequence may hold (ranges, appends, path results). */
  maxItems: number;
  /** Largest JSON size of a step's output, a run's output, a resolved config or a rendered template, in bytes. */
  maxOutputBytes: number;
  /** Longest a document may take to convert to its files (PDF, DOCX, HTML), in ms (in an isolate). */
  documentTimeoutMs: number;
}

/** The defaults. */
export const DEFAULT_LIMITS: ExpressionLimits = {
  timeoutMs: 5000,
  maxItems: 1_000_000,
  maxOutputBytes: 16 * 1024 * 1024,
  documentTimeoutMs: 30_000,
};

/** The settings behind each limit, named in the errors a limit raises so an operator knows what to change. */
export const LIMIT_SETTINGS = {
  timeoutMs: 'ASSAY_EXPRESSION_TIMEOUT_MS',
  maxItems: 'ASSAY_EXPRESSION_MAX_ITEMS',
  maxOutputBytes: 'ASSAY_MAX_OUTPUT_BYTES',
  documentTimeoutMs: 'ASSAY_DOCUMENT_TIMEOUT_MS',
  memoryMb: 'ASSAY_ISOLATE_MEMORY_MB',
} as const;

/**
 * The main thread's share of one expression or template: JSONata evaluation steps (counted, not
 * timed, so a busy process never pushes a small expression out), sequence items, and Liquid's
 * allocations and render time (a synchronous render: its time is its own). One that needs more is
 * stopped and evaluated again in an isolate under the full limits, so no single step holds the event
 * loop for longer than a few milliseconds of work.
 */
export const MAIN_THREAD_SLICE = { jsonataSteps: 20_000, maxItems: 100_000, liquidMemory: 2_000_000, liquidMs: 50 } as const;

/** Nesting depth of JSONata evaluation (recursion included), on either side. */
export const MAX_EXPRESSION_DEPTH = 2000;

let current: ExpressionLimits = DEFAULT_LIMITS;

/** Sets the process's limits (a composition root does this once, before any run). */
export function configureLimits(next: Partial<ExpressionLimits>): void {
  current = { ...current, ...next };
}

/** The process's limits. */
export function limits(): ExpressionLimits {
  return current;
}

export * from './ports';
export * from './step-type';
export * from './engine';
export { systemClock, VirtualClock, withTimers, type TimeSource, type VirtualClockOptions } from './clock';
export { compileWorkflow, DEFAULT_RETRY, type CompiledWorkflow, type CompiledStep } from './compile/compile-workflow';
export { referenceWarnings } from './compile/reference-warnings';
export { literalDatasetNames } from './compile/step-output-shapes';
export { decide, type Decision } from './scheduling/decide';
export { retryDelayMs } from './scheduling/backoff';
export { resolveTemplates, renderTemplate, isTemplate } from './expressions/templates';
export { evaluateExpression, compileExpression } from './expressions/jsonata';
export { onAbort, RunStopped, type StopReason } from './execution/abort';
export { configureLimits, limits, DEFAULT_LIMITS, LIMIT_SETTINGS, type ExpressionLimits } from './expressions/limits';
export {
  configureIsolates,
  closeIsolates,
  runIsolated,
  IsolateError,
  DEFAULT_ISOLATE_SETTINGS,
  type IsolateSettings,
  type IsolatedCall,
} from './isolation/isolate-pool';
export { isolateFailure, type IsolatedWork } from './isolation/isolate-failure';
export { threadCpuBudget, watchWorkerCpu, type WorkerCpuWatch } from './isolation/cpu-budget';
export { siblingModule } from './isolation/sibling-module';
export { jsonSize } from './execution/json-size';
export { restrictWorkflow, upstreamSteps, type DraftDefinition } from './execution/draft-workflow';
export { RunBudget, usageSpend, type BudgetLimits, type Spend, type SpendEvent, type StepBudget } from './execution/run-budget';
export { AGAIN, Loop, POLL, type LoopOptions, type NextPass } from './workers/loop';
export { CRASH_POINTS, parseCrashAt, type CrashPoint, type CrashTarget } from './execution/crash-points';

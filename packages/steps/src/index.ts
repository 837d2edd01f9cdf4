import { createStepRegistry, type StepRegistry } from '@assay/engine';
import { conditionStep } from './logic/condition';
import { failStep } from './logic/fail';
import { transformStep } from './logic/transform';
import { waitStep } from './logic/wait';
import { createMapStep } from './logic/map';
import { createWorkflowRunStep, type ChildRuns } from './logic/workflow-run';
import { createWaitSignalStep, type RunSignals } from './logic/wait-signal';
import { createApprovalStep, type ApprovalDesk } from './logic/approval';
import { documentRenderStep } from './documents/document-render';
import { documentParseStep } from './documents/document-parse';
import { createDocumentSearchStep, type DocumentSearch } from './documents/document-search';
import { createAiSteps, type ModelResolver } from './ai';
import { createHttpSteps, createWebSearchStep } from './data/index';
import type { SearchSettings } from './data/search/settings';
import { codeStep } from './code/code-step';
import { createDatasetLookupStep, type DatasetReader } from './datasets/dataset-lookup';
import { createSqlQueryStep } from './sql/sql-query';
import { createMcpCallStep } from './mcp/mcp-call';
import type { McpDependencies, McpDirectory } from './mcp/session';
import { createOutboundGuard } from './net/outbound-guard';
import { createNotifySteps, type SmtpSettings } from './notify/index';

export { parseDocument, READABLE_TYPES } from './documents/parse/parse-document';
export { renderDocument } from './documents/document-render';
export { parseMarkdown } from './documents/markdown-tokens';
export { passagesOf, type Passage } from './documents/parse/passages';
export { createDocumentSearchStep, type DocumentSearch } from './documents/document-search';
export { checkAgainstSchema } from './logic/schema-check';
export * from './scoring';
export type { RunSignals } from './logic/wait-signal';
export type { ApprovalDesk, ApprovalState } from './logic/approval';
export { detectKind, type ParsedDocument, type SourceKind, type SourcePage } from './documents/parse/parsed-document';
export {
  conditionStep,
  documentParseStep,
  documentRenderStep,
  failStep,
  createMapStep,
  transformStep,
  waitStep,
  createWorkflowRunStep,
  type ChildRuns,
  createDatasetLookupStep,
  createSqlQueryStep,
  type DatasetReader,
};

/** What the built-in steps need from the rest of Assay (ports the composition root fills). */
export interface StepDependencies {
  datasets: DatasetReader;
  /** Directory SQLite connections of `sql.query` must stay inside. */
  sqliteRoot: string;
  children: ChildRuns;
  /** Model providers for the AI steps (from `aiSettingsFromEnv`, built once per process). */
  ai: ModelResolver;
  /** Hosts `http.request` and `web.extract` may reach although they resolve to private addresses. */
  httpAllow: string[];
  /** The workspaces' documents, searched by passage (`document.search`). */
  documents: DocumentSearch;
  /** The workspaces' MCP servers (`mcp.call`, agents' `mcp`). */
  mcpServers: McpDirectory;
  /** Whether stdio MCP servers may be started (ASSAY_MCP_STDIO). */
  mcpStdio: boolean;
  /** The signals sent to runs (`wait.signal`). */
  signals: RunSignals;
  /** Approvals and their signed links (`approval`). */
  approvals: ApprovalDesk;
  /** The web search providers of `web.search` (ASSAY_SEARXNG_URL, ASSAY_BRAVE_API_KEY, …); absent: none. */
  search?: SearchSettings;
  /** The SMTP server of `notify.email` (ASSAY_SMTP_HOST, …); absent: none, and the step says what to set. */
  smtp?: SmtpSettings;
}

/** The registry of every built-in step type. */
export function builtInSteps(deps: StepDependencies): StepRegistry {
  const mcp: McpDependencies = {
    servers: deps.mcpServers,
    guard: createOutboundGuard({ allow: deps.httpAllow }),
    allowStdio: deps.mcpStdio,
  };
  return createStepRegistry([
    transformStep,
    conditionStep,
    waitStep,
    failStep,
    createMapStep(deps.children),
    documentRenderStep,
    documentParseStep,
    createDocumentSearchStep(deps.documents),
    createWorkflowRunStep(deps.children),
    createWaitSignalStep(deps.signals),
    createApprovalStep(deps.approvals, deps.smtp),
    ...createAiSteps(deps.ai, mcp),
    createMcpCallStep(mcp),
    ...createHttpSteps({ allow: deps.httpAllow }),
    createWebSearchStep(deps.search ?? {}, deps.httpAllow),
    ...createNotifySteps({ smtp: deps.smtp, guard: mcp.guard }),
    codeStep,
    createDatasetLookupStep(deps.datasets),
    createSqlQueryStep({ sqliteRoot: deps.sqliteRoot }),
  ]);
}
export {
  aiSettingsFromEnv,
  createAiSteps,
  createModelResolver,
  type AiSettings,
  type ModelResolver,
  type ProviderSlots,
  type ProviderSlotsFactory,
} from './ai';
export { parseAllowList } from './net/allow-list';
export { PROVIDER_SETTING, SEARCH_PROVIDERS, type SearchProviderName, type SearchSettings } from './data/search/settings';
export { createOutboundGuard, type OutboundGuard } from './net/outbound-guard';
export { createNotifyChatStep, createNotifyEmailStep, EmailAddress, type SmtpSettings } from './notify/index';
export { createMcpCallStep } from './mcp/mcp-call';
export { openMcpSession, type McpDependencies, type McpDirectory, type McpServerDefinition, type McpTool } from './mcp/session';
export { destinationRefusal, OutboundRefusedError } from './net/index';
export { codeStep, createHttpSteps, createWebSearchStep };

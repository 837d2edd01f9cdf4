/**
 * Every query key of the web app, built here and nowhere else, so invalidating a prefix (after a
 * change, or when a live event says something moved) reaches exactly the queries it names.
 * Shape: [resource, 'list' | 'detail' | …, …]; a filters object last (undefined fields do not count).
 */
export const keys = {
  runs: {
    all: ['runs'] as const,
    lists: () => ['runs', 'list'] as const,
    list: (filters: object) => ['runs', 'list', filters] as const,
  },
  workflows: {
    all: ['workflows'] as const,
    lists: () => ['workflows', 'list'] as const,
    list: (filters: object) => ['workflows', 'list', filters] as const,
    /** Every workflow (archived too), for showing names instead of ids. */
    names: () => ['workflows', 'names'] as const,
    detail: (id: string) => ['workflows', 'detail', id] as const,
    versions: (id: string) => ['workflows', 'detail', id, 'versions'] as const,
    /** The definition a run of `version` executed, with the step types' families and syntax. */
    runDefinition: (id: string, version: number) => ['workflows', 'detail', id, 'run-definition', version] as const,
  },
  schedules: {
    all: ['schedules'] as const,
    list: (filters: object) => ['schedules', 'list', filters] as const,
  },
  batches: {
    all: ['batches'] as const,
    lists: () => ['batches', 'list'] as const,
    list: (filters: object) => ['batches', 'list', filters] as const,
    detail: (id: string) => ['batches', 'detail', id] as const,
    runs: (id: string, page: object) => ['batches', 'detail', id, 'runs', page] as const,
  },
  evaluations: {
    all: ['evaluations'] as const,
    lists: () => ['evaluations', 'list'] as const,
    list: (filters: object) => ['evaluations', 'list', filters] as const,
    detail: (id: string) => ['evaluations', 'detail', id] as const,
    rows: (id: string, page: object) => ['evaluations', 'detail', id, 'rows', page] as const,
    chartRows: (id: string, milestone: string) => ['evaluations', 'detail', id, 'chart-rows', milestone] as const,
  },
  approvals: {
    all: ['approvals'] as const,
    lists: () => ['approvals', 'list'] as const,
    list: (filters: object) => ['approvals', 'list', filters] as const,
    detail: (runId: string, stepId: string) => ['approvals', 'detail', runId, stepId] as const,
    /** What a signed single-use link shows (no session: the token is the credential). */
    byLink: (token: string) => ['approvals', 'link', token] as const,
  },
  documents: {
    all: ['documents'] as const,
    lists: () => ['documents', 'list'] as const,
    list: (filters: object) => ['documents', 'list', filters] as const,
    detail: (id: string) => ['documents', 'detail', id] as const,
    search: (query: object) => ['documents', 'search', query] as const,
  },
  datasets: {
    all: ['datasets'] as const,
    list: (filters: object) => ['datasets', 'list', filters] as const,
    rows: (id: string, limit: number) => ['datasets', 'detail', id, 'rows', limit] as const,
  },
  templates: {
    all: ['templates'] as const,
  },
  apiKeys: {
    all: ['api-keys'] as const,
    list: (filters: object) => ['api-keys', 'list', filters] as const,
  },
  credentials: {
    all: ['credentials'] as const,
    list: (filters: object) => ['credentials', 'list', filters] as const,
  },
  users: {
    all: ['users'] as const,
  },
  endpoints: {
    all: ['event-endpoints'] as const,
    list: (filters: object) => ['event-endpoints', 'list', filters] as const,
    deliveries: (id: string, filters: object) => ['event-endpoints', 'detail', id, 'deliveries', filters] as const,
  },
  mcpServers: {
    all: ['mcp-servers'] as const,
    list: (filters: object) => ['mcp-servers', 'list', filters] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: (filters: object) => ['audit', 'list', filters] as const,
  },
};

/**
 * Generated from the API's OpenAPI document (/v1/openapi.json) by openapi-typescript: do not edit.
 * Regenerate with `node --conditions=@assay/source --import tsx packages/sdk/scripts/generate-openapi-types.ts`.
 */
export interface paths {
  '/v1/workflows': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List workflows
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listWorkflows'];
    put?: never;
    /**
     * Create a workflow (version 1)
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['createWorkflow'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Check a definition as a save would, without saving: every problem with its path and step
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    post: operations['validateWorkflow'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a workflow with its current definition
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getWorkflow'];
    /**
     * Save a new version
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    put: operations['updateWorkflow'];
    post?: never;
    /**
     * Archive a workflow (its runs stay readable)
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    delete: operations['deleteWorkflow'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List versions
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listWorkflowVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}/versions/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Make version N current by saving it as a new version
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['restoreWorkflowVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/step-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every step type: family, description, its config's JSON Schema and which fields are JSONata
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listStepTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/expressions/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Evaluate a template or JSONata expression against sample data, under the limits a run has
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['previewExpression'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List a workflow's runs
     * @description Filter by metadata with `metadata.<key>=<value>` query parameters (exact match on the value's string form; up to 4, all must match), combined with the other filters.
     *
     *     Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listRunsOfWorkflow'];
    put?: never;
    /**
     * Create a run (asynchronous: answers at once with the run record)
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['createRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List runs of every workflow
     * @description Filter by metadata with `metadata.<key>=<value>` query parameters (exact match on the value's string form; up to 4, all must match), combined with the other filters.
     *
     *     Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listWorkflowRuns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a run with its steps
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getWorkflowRun'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resume a failed or cancelled run from the step that failed
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['retryRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}/rerun': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A new run with the same input, on the original run's version unless the body names another
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['rerunRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Run a finished run again on another version, reusing the recorded output of every step whose type and resolved config are unchanged: only what changed executes
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['replayRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel an in-progress run (the step in flight is aborted)
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['cancelRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}/budget': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change an unfinished run's budget; a run waiting over its budget resumes from its checkpoints
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['setRunBudget'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}/draft-runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Test a step, or run up to it, on an unsaved definition (no version is saved, no run is listed)
     * @description The definition is checked as a save checks it (problems named under `definition`). A draft run is executed like a run but kept apart: run lists, metrics and event endpoints leave it out, no onFailure workflow starts, and it is pruned ASSAY_DRAFT_RETENTION_HOURS after it finished. At most 20 unfinished draft runs per workspace (429 beyond).
     *
     *     Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['createDraftRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/draft-runs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a draft run with the steps it involves
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getDraftRun'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/draft-runs/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel an unfinished draft run (the step in flight is aborted)
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['cancelDraftRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}/sample': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The workflow's pinned sample input and step outputs (empty when none was pinned)
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getWorkflowSample'];
    /**
     * Pin the sample input draft runs default to, and step outputs "Test step" uses for a dependency `upstream` does not give
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    put: operations['setWorkflowSample'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}/latest-outputs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Each step's newest completed or failed record among the workflow's newest runs (draft or production)
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getLatestStepOutputs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys/current': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The key making this request (404 when a browser session makes it: see GET /v1/auth/session)
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getCurrentKey'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the workspace's keys
     * @description Needs a key with the `admin` scope (admins).
     */
    get: operations['listKeys'];
    put?: never;
    /**
     * Create a key; its secret, and the key as one Bearer token, are in this answer only
     * @description Needs a key with the `admin` scope (admins).
     */
    post: operations['createKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke a key
     * @description Needs a key with the `admin` scope (admins).
     */
    delete: operations['revokeKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}/trigger': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The webhook trigger's current settings (never its secret); 404 when none is configured
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getTrigger'];
    /**
     * Configure the webhook trigger (the secret is returned when the trigger is first created)
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    put: operations['setTrigger'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}/trigger/webhook-secret/reveal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Show the trigger's current secret (admins only; recorded in the audit log)
     * @description A POST, not a GET, so that no prefetch or cache ever holds it and a browser session must present its CSRF token.
     *
     *     Needs a key with the `admin` scope (admins).
     */
    post: operations['revealWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}/trigger/webhook-secret/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Issue a new trigger secret (shown once)
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/workflows/{slug}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a run from an external system: the body (JSON or a form post) gives the run's input
     * @description Without an input mapping the body's fields the workflow declares are its input (others are ignored, or refused when the trigger is strict); with one, what the mapping makes of { body, headers, query }. Templates read the whole request as trigger.body, trigger.headers (without secrets) and trigger.query. The signature covers the raw body, whatever its type.
     *
     *     Needs no credentials.
     */
    post: operations['callWebhookTrigger'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}/artifacts/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download a file the run produced
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getRunArtifact'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/credentials': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List credentials (names and types, never values)
     * @description Needs a key with the `admin` scope (admins).
     */
    get: operations['listCredentials'];
    put?: never;
    /**
     * Create a credential (encrypted at rest)
     * @description Needs a key with the `admin` scope (admins).
     */
    post: operations['createCredential'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/credentials/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Replace a credential's value
     * @description Needs a key with the `admin` scope (admins).
     */
    put: operations['replaceCredential'];
    post?: never;
    /**
     * Delete a credential
     * @description Needs a key with the `admin` scope (admins).
     */
    delete: operations['deleteCredential'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mcp-servers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the workspace's MCP servers
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listMcpServers'];
    put?: never;
    /**
     * Register an MCP server (streamable HTTP, or a stdio command where ASSAY_MCP_STDIO allows it)
     * @description Needs a key with the `admin` scope (admins).
     */
    post: operations['createMcpServer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mcp-servers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An MCP server
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getMcpServer'];
    /**
     * Replace an MCP server
     * @description Needs a key with the `admin` scope (admins).
     */
    put: operations['replaceMcpServer'];
    post?: never;
    /**
     * Delete an MCP server (steps naming it fail until one of that name is registered)
     * @description Needs a key with the `admin` scope (admins).
     */
    delete: operations['deleteMcpServer'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mcp-servers/{id}/tools': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The tools the server offers, asked of it now (tools/list)
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    get: operations['listMcpServerTools'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/datasets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List datasets
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listDatasets'];
    put?: never;
    /**
     * Create a dataset from JSON, CSV or NDJSON rows
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['createDataset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/datasets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A dataset: columns, keys and size
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getDataset'];
    put?: never;
    post?: never;
    /**
     * Delete a dataset
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    delete: operations['deleteDataset'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/datasets/{id}/rows': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rows, in upload order
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listDatasetRows'];
    /**
     * Replace the dataset's rows
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    put: operations['replaceDatasetRows'];
    /**
     * Append rows
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['appendDatasetRows'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the workspace's documents, newest first
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listDocuments'];
    put?: never;
    /**
     * Upload a document (the file is the body; streamed and capped at ASSAY_UPLOAD_LIMIT)
     * @description PDF, DOCX, HTML, Markdown or plain text, told apart by its first bytes, its content type and `filename`. It is read into pages (a PDF) or sections (the others) and cut into passages for search; a file that cannot be read (corrupt, encrypted, a PDF without text) is refused with 400 and nothing is stored.
     *
     *     Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['uploadDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search passages: every word of `q` (stemmed), best first
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['searchDocuments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A document with the text of its pages
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getDocument'];
    put?: never;
    post?: never;
    /**
     * Delete a document, its pages and its passages
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    delete: operations['deleteDocument'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents/{id}/file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download the original file
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getDocumentFile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}/signals/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a run a signal: its wait.signal step of that name outputs the payload (kept if the run has not reached it yet)
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['sendSignal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{a}/diff/{b}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Compare two runs (e.g. the same input on two workflow versions): status, input, output and each step's output field by field, and their documents (text as a unified diff, other files by SHA-256)
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['diffRuns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/approvals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the workspace's approvals, newest first (the Inbox: `status=pending&mine=true`)
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listApprovals'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}/approvals/{stepId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read a run's approval: what the reviewer sees, who may decide, and the decision once made
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getRunApproval'];
    put?: never;
    /**
     * Approve or reject (with a comment, and an edit of the value checked against the step’s schema); the run goes on
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    post: operations['decideRunApproval'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}/approvals/{stepId}/links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mint a signed single-use link for someone without an account (its URL is shown only in this answer)
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    post: operations['createApprovalLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/approval-links/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What the holder of a signed approval link sees (no API key: the token is the right)
     * @description Needs no credentials.
     */
    get: operations['getApprovalLink'];
    put?: never;
    /**
     * Decide through a signed link (no API key); the link is used up
     * @description Needs no credentials.
     */
    post: operations['decideApprovalLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit-log': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who changed what in the workspace, newest first (filter by action or target)
     * @description Needs a key with the `admin` scope (admins).
     */
    get: operations['listAuditLog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/setup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whether the first user still has to be created
     * @description Needs no credentials.
     */
    get: operations['getSetupNeeded'];
    put?: never;
    /**
     * Create the first user (admin of the default workspace) and sign them in; 409 once any user exists
     * @description Needs no credentials.
     */
    post: operations['setUpFirstUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/sign-in': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in with email and password: sets the assay_session cookie and answers the session (with its CSRF token)
     * @description Needs no credentials.
     */
    post: operations['signIn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/sign-out': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End the browser session (needs x-csrf-token) and clear its cookie; 204 also when not signed in
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    post: operations['signOut'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/state': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The signed-in session (null when not signed in) and whether setup is needed; never 401
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getAuthState'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The signed-in user, their workspace and role, and the CSRF token; 401 when not signed in
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getSession'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The workspace's users and their roles (never passwords)
     * @description Needs a key with the `admin` scope (admins).
     */
    get: operations['listUsers'];
    put?: never;
    /**
     * Add a user to the workspace with an initial password and a role (409: the email is taken, in any workspace)
     * @description Needs a key with the `admin` scope (admins).
     */
    post: operations['createUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove a user from the workspace and end their sessions (409 for the last admin)
     * @description Needs a key with the `admin` scope (admins).
     */
    delete: operations['removeUser'];
    options?: never;
    head?: never;
    /**
     * Change a user's role, name or password (a new password signs out their other sessions; 409 for demoting the last admin)
     * @description Needs a key with the `admin` scope (admins).
     */
    patch: operations['updateUser'];
    trace?: never;
  };
  '/v1/workflows/{id}/batches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Run the workflow over a list (JSON inputs, a CSV upload or a dataset)
     * @description One run per row, from a JSON list (`{ "inputs": [...] }`), a `text/csv` body (a header row naming the inputs, then one row per run; cells are typed by the inputs' declared types; options as query parameters) or a dataset (`{ "datasetId", "mapping": { input: column } }`). At most 100000 rows. Every row is validated first, as a single run's input is: invalid rows refuse the batch with a 400 whose `details` name `rows[<n>].<field>` and whose `invalid` lists `{ row, field, reason }`, where rows are numbered from 1 (data rows: a CSV header is not counted). With `skipInvalid`, the valid rows run and the invalid ones are reported on the batch. Runs start in input order; `concurrency` caps how many run at once.
     *
     *     Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['createBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/batches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List batches, newest first
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listBatches'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/batches/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A batch: counts per status, progress, times and throughput
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getBatch'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/batches/{id}/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The batch's runs (filter by status)
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listBatchRuns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/batches/{id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Export the results: one line per run, in input order (CSV or JSON Lines, streamed)
     * @description Columns: the workflow's inputs, its output flattened (nested objects as dotted keys, lists as JSON text in CSV), then `status`, `error` (the message) and `runId`. Output columns come from the output mapping of the workflow (or the first completed run's output); one named like an input is called `output.<name>`. Format: `?format=csv|jsonl`, else `Accept: application/x-ndjson` for JSON Lines, else CSV. In CSV, a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so spreadsheets do not run it as a formula (numbers keep their sign); JSON Lines carry the values unchanged.
     *
     *     Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getBatchResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/batches/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel the batch: its queued and waiting runs are cancelled, runs already running finish
     * @description Runs outside the batch are untouched. No `run.cancelled` event is recorded per cancelled run (a batch may hold 100,000); `batch.completed` (status `cancelled`) is recorded once nothing of the batch is left running. 409 if the batch already finished or was cancelled.
     *
     *     Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['cancelBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/batches/{id}/retry-failed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue the batch's failed and cancelled runs again (each resumes from the step that failed)
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['retryFailedBatchRuns'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/batches/{id}/budget': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change the batch's budget; a batch held by its budget and now within it releases its runs
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['setBatchBudget'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/evaluations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the workspace's evaluations, newest first
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listEvaluations'];
    put?: never;
    /**
     * Start an evaluation: every row runs on every version (one batch per version), then is scored
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['createEvaluation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/evaluations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An evaluation with live progress and, per version, score, pass rate, cost, tokens, latency and failures
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getEvaluation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/evaluations/{id}/rows': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rows in order: each version's output, scores and field diff against the first version
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listEvaluationRows'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/evaluations/{id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every row and version as CSV (one line per row) or JSON Lines (one row object per line)
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getEvaluationResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/evaluations/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a running evaluation: its batches' queued runs are cancelled
     * @description Needs a key with the `run` scope or more (editors and admins).
     */
    post: operations['cancelEvaluation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflows/{id}/schedules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List a workflow's schedules
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listSchedulesOfWorkflow'];
    put?: never;
    /**
     * Schedule a workflow: a cron expression in a time zone, with a fixed input
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['createSchedule'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/schedules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the workspace's schedules
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listSchedules'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/schedules/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One schedule, with its next fire times
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getSchedule'];
    put?: never;
    post?: never;
    /**
     * Delete a schedule (its runs stay)
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    delete: operations['deleteSchedule'];
    options?: never;
    head?: never;
    /**
     * Change a schedule (a new expression, time zone or enabled state re-plans its next fire)
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    patch: operations['updateSchedule'];
    trace?: never;
  };
  '/v1/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the workflow templates (without their definitions; the whole catalogue, not paged)
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listTemplates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/templates/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a workflow template with its definition
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getTemplate'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/templates/{id}/workflows': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a workflow from a template, with the sample datasets and documents it runs on (when the workspace has none of that name) and its schedules (disabled)
     * @description Needs a key with the `edit` scope or more (editors and admins).
     */
    post: operations['createWorkflowFromTemplate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-runs/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Follow a run live: its step and run events from the start (or after Last-Event-ID), until it finishes
     * @description The stream ends after the run finishes. Once there is nothing more to send for a finished run the answer is 204, which tells EventSource clients to stop reconnecting.
     *
     *     Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['streamRunEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Follow the workspace's events live (filter by type, workflow, batch or run)
     * @description Without Last-Event-ID or `after`, the stream starts with the next event; with one, it first replays what came after it.
     *
     *     Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['streamEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/event-endpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List event endpoints
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listEventEndpoints'];
    put?: never;
    /**
     * Create an event endpoint (its signing secret is returned only now)
     * @description Needs a key with the `admin` scope (admins).
     */
    post: operations['createEventEndpoint'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/event-endpoints/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One event endpoint
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['getEventEndpoint'];
    put?: never;
    post?: never;
    /**
     * Delete an endpoint with its delivery log
     * @description Needs a key with the `admin` scope (admins).
     */
    delete: operations['deleteEventEndpoint'];
    options?: never;
    head?: never;
    /**
     * Change an endpoint; `enabled: true` re-enables a disabled one (its pending deliveries resume)
     * @description Needs a key with the `admin` scope (admins).
     */
    patch: operations['updateEventEndpoint'];
    trace?: never;
  };
  '/v1/event-endpoints/{id}/secret/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Issue a new signing secret (shown once); deliveries from now on are signed with it
     * @description Needs a key with the `admin` scope (admins).
     */
    post: operations['rotateEventEndpointSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/event-endpoints/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An endpoint's deliveries with every attempt (status code, latency, response excerpt, error)
     * @description Needs any key or user (`read` scope: viewers and up).
     */
    get: operations['listEventDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/event-endpoints/{id}/deliveries/{deliveryId}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a delivery again now, as a new series of attempts (same webhook-id)
     * @description Needs a key with the `admin` scope (admins).
     */
    post: operations['redeliverEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/callbacks/secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The secret that signs run callbacks (created on first use)
     * @description Needs a key with the `admin` scope (admins).
     */
    get: operations['getCallbackSecret'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/callbacks/secret/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replace the callback secret; callbacks from now on are signed with the new one
     * @description Needs a key with the `admin` scope (admins).
     */
    post: operations['rotateCallbackSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness: the process answers
     * @description Needs no credentials.
     */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness: the database answers and its schema is current (503 and the failed check when not)
     * @description Needs no credentials.
     */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics (text exposition format)
     * @description Needs no credentials.
     */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Workflow: {
      id: string;
      name: string;
      description: string | null;
      version: number;
      definition: components['schemas']['WorkflowDefinition'];
      trigger: components['schemas']['Trigger'];
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      createdAt: string;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      updatedAt: string;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      archivedAt: string | null;
      /** @description Runs of the workflow: only in `GET /v1/workflows` */
      stats?: {
        runCount: number;
        /** @description The most recently created run */
        lastRun: {
          id: string;
          /** @enum {string} */
          status: 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
          /**
           * @description ISO 8601 time
           * @example 2026-01-01T00:00:00.000Z
           */
          createdAt: string;
        } | null;
      };
    };
    WorkflowDefinition: {
      name: string;
      description?: string;
      /** @default {} */
      inputs: {
        [key: string]: components['schemas']['InputField'];
      };
      steps: components['schemas']['StepDefinition'][];
      output?: {
        [key: string]: unknown;
      };
      timeoutMs?: number;
      /** @description At most this many runs of the workflow execute at once, across every worker process */
      concurrency?: number;
      /** @description The default spending limit of each run on model calls (a run created with its own `budget` uses that) */
      budget?: {
        /** @description US dollars of model calls at most */
        usd?: number;
        /** @description Tokens of model calls (input and output) at most */
        tokens?: number;
      };
      /** @description A workflow of the workspace to run when a run of this one fails: its input is the failed run's summary (workflowId, workflowName, runId, failedStep, error, input, failedAt), the fields it declares */
      onFailure?: {
        workflow: string;
      };
    };
    InputField: {
      /** @enum {string} */
      type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
      /** @default false */
      required: boolean;
      description?: string;
      default?: unknown;
      enum?: (string | number)[];
    };
    StepDefinition: {
      id: string;
      type: string;
      label?: string;
      /** @default {} */
      with: {
        [key: string]: unknown;
      };
      /** @default [] */
      needs: string[];
      if?: string;
      retry?: components['schemas']['RetryPolicy'];
      timeoutMs?: number;
      /** @description Reuse the output of an earlier execution in the workspace with the same type, resolved config and credentials, within ttlSeconds (at most 30 days); only side-effect-free step types */
      cache?: {
        ttlSeconds: number;
      };
      position?: {
        x: number;
        y: number;
      };
    };
    RetryPolicy: {
      /** @default 1 */
      maxAttempts: number;
      /**
       * @default exponential
       * @enum {string}
       */
      backoff: 'exponential' | 'fixed';
      /** @default 1000 */
      initialDelayMs: number;
      /** @default 300000 */
      maxDelayMs: number;
    };
    Trigger: {
      slug: string;
      url: string;
      enabled: boolean;
      /** @enum {string} */
      verification: 'signature' | 'secret-header' | 'none';
      callbackUrl: string | null;
      /** @description A JSONata expression over { body, headers, query } that yields the run input; null: the body is the input */
      inputMapping: string | null;
      /** @description Without a mapping: a body field the workflow does not declare is refused (else ignored) */
      strict: boolean;
    } | null;
    Error: {
      error: string;
      code?: string;
      details?: {
        path: string;
        message: string;
      }[];
    };
    DefinitionValidation: {
      valid: boolean;
      errors: components['schemas']['DefinitionProblem'][];
      /** @description Fields read that the value cannot have, as far as its shape is known (a step type's output, a dataset's columns); a save is not refused for them */
      warnings: components['schemas']['DefinitionProblem'][];
      /** @description Top-level step id → the JSON Schema of its output, as far as its type and literal config say before a run (a lookup's rows with the dataset's columns); for editors' suggestions. Steps whose output is unknown are left out */
      outputSchemas?: {
        [key: string]: {
          [key: string]: unknown;
        };
      };
    };
    DefinitionProblem: {
      /** @example steps[1].with.template */
      path: string;
      message: string;
      /** @description The (top-level) step the problem belongs to */
      stepId?: string;
    };
    WorkflowVersion: {
      workflowId: string;
      version: number;
      definition: components['schemas']['WorkflowDefinition'];
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      createdAt: string;
      createdBy: string | null;
    };
    StepTypeInfo: {
      /** @example http.request */
      type: string;
      /** @enum {string} */
      family: 'logic' | 'data' | 'ai' | 'document' | 'outbound';
      description: string;
      /** @description JSON Schema (draft 2020-12) of the step's `with`, as written (input side) */
      configSchema: {
        [key: string]: unknown;
      };
      /** @description `with` fields holding JSONata expressions (not Liquid templates) */
      expressionKeys?: string[];
      /** @description `with` fields passed through as written (e.g. JavaScript), never rendered as templates */
      verbatimKeys?: string[];
      /** @description The `with` field holding a sub-graph (a list of steps) */
      subgraphKey?: string;
    };
    ExpressionPreview:
      | {
          /** @enum {boolean} */
          ok: true;
          /** @description The value a run would get (undefined as null); when `truncated`, the start of its JSON text */
          value?: unknown;
          /** @description The value's JSON is longer than 100,000 characters */
          truncated?: boolean;
        }
      | {
          /** @enum {boolean} */
          ok: false;
          error: {
            code: string;
            message: string;
          };
        };
    ExpressionPreviewRequest: {
      /** @example {{ steps.profile.output.row.name | upcase }} */
      text: string;
      /**
       * @description `template` for Liquid fields, `expression` for JSONata ones (`if`, transform)
       * @enum {string}
       */
      syntax: 'template' | 'expression';
      /** @default {} */
      scope: {
        /** @description The run's input (e.g. the workflow's pinned sample input) */
        input?: {
          [key: string]: unknown;
        };
        /** @description Earlier steps by id, each `{ output }` (e.g. their latest outputs) */
        steps?: {
          [key: string]: {
            output?: unknown;
          };
        };
        trigger?: {
          body?: unknown;
          headers?: {
            [key: string]: string;
          };
          query?: {
            [key: string]: string;
          };
        } | null;
        /** @description Inside a map's steps: the item being worked on */
        item?: unknown;
        /** @description Inside a map's steps: the item's position */
        index?: number;
        /** @description Inside an agent's tool: the arguments the model gave */
        args?: {
          [key: string]: unknown;
        };
      };
      workflowName?: string;
    };
    Run: {
      id: string;
      workflowId: string;
      workflowVersion: number;
      /** @enum {string} */
      status: 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
      input: {
        [key: string]: unknown;
      };
      output?: unknown;
      error: components['schemas']['RunError'];
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      createdAt: string;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      startedAt: string | null;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      completedAt: string | null;
      /** @enum {string} */
      trigger: 'api' | 'web' | 'retry' | 'rerun' | 'replay' | 'webhook' | 'schedule' | 'batch' | 'workflow' | 'failure' | 'draft';
      batchId: string | null;
      parentRunId: string | null;
      /** @description A replay's source run: its steps with an unchanged resolved config were reused, not executed */
      replayOf: string | null;
      steps: components['schemas']['StepRun'][];
      artifacts: components['schemas']['Artifact'][];
      /** @description The run's spending limit on model calls, if any */
      budget: {
        /** @description US dollars of model calls at most */
        usd?: number;
        /** @description Tokens of model calls (input and output) at most */
        tokens?: number;
      } | null;
      /** @description What its model calls have cost so far */
      cost: {
        usd: number;
        tokens: number;
      };
      /**
       * @description Why a `waiting` run waits: `budget_exceeded` until its budget is raised (`POST …/budget`), `approval` for a person (`POST …/approvals/{stepId}`), `signal` for a system (`POST …/signals/{name}`), else `timer`
       * @enum {string|null}
       */
      waitReason: 'timer' | 'budget_exceeded' | 'approval' | 'signal' | null;
      metadata: components['schemas']['RunMetadata'];
    };
    RunError: {
      code: string;
      message: string;
      stepId: string | null;
    } | null;
    StepRun: {
      id: string;
      type: string;
      /** @enum {string} */
      status: 'pending' | 'running' | 'completed' | 'failed' | 'skipped' | 'cancelled';
      attempts: number;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      startedAt: string | null;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      completedAt: string | null;
      durationMs: number | null;
      config?: unknown;
      output?: unknown;
      error: components['schemas']['RunError'];
      usage: components['schemas']['StepUsage'];
    };
    StepUsage: {
      model?: string;
      inputTokens?: number;
      outputTokens?: number;
      costUsd?: number;
      latencyMs?: number;
      /** @description Model calls the step made */
      calls?: number;
      /** @description The output was reused from the cache: nothing was executed or paid for */
      cached?: boolean;
      /** @description Where a reused output came from */
      cachedFrom?: {
        runId: string;
        stepId: string;
        at: string;
      };
    } | null;
    Artifact: {
      name: string;
      contentType: string;
      bytes: number;
      url: string;
    };
    /**
     * @description The caller's own keys kept beside the run (strings, numbers or booleans, as given at creation)
     * @example {
     *       "crmDealId": "D-1042",
     *       "source": "hubspot"
     *     }
     */
    RunMetadata: {
      [key: string]: string | number | boolean;
    };
    CreateRunBody: {
      /** @default {} */
      input: {
        [key: string]: unknown;
      };
      /**
       * Format: uri
       * @description Receives the signed run.completed / run.failed / run.cancelled event. Must reach a public (globally routable unicast) address, checked now and at every send, unless ASSAY_HTTP_ALLOW allows the host
       */
      callbackUrl?: string;
      idempotencyKey?: string;
      priority?: number;
      /** @description The run's spending limit on model calls (default: the workflow's `budget`); crossing it parks the run */
      budget?: {
        /** @description US dollars of model calls at most */
        usd?: number;
        /** @description Tokens of model calls (input and output) at most */
        tokens?: number;
      };
      /**
       * @description The caller's own keys kept beside the run and filterable in the run lists (`?metadata.<key>=<value>`): at most 16 keys matching `^[A-Za-z0-9_.-]{1,64}$`, values strings, numbers or booleans of at most 256 characters, 4096 bytes of JSON in all
       * @example {
       *       "crmDealId": "D-1042",
       *       "source": "hubspot"
       *     }
       */
      metadata?: {
        [key: string]: string | number | boolean;
      };
      /** @description The workflow version to run (default: the current one) */
      version?: number;
    };
    RerunBody: {
      /** @description Default: the original run's version; a number, or `current` for the workflow's current version */
      version?: number | 'current';
    };
    ReplayBody: {
      /** @description The version to replay on (default: the current one) */
      version?: number;
    };
    SetBudgetBody: {
      usd?: number | null;
      tokens?: number | null;
    };
    DraftRun: {
      id: string;
      workflowId: string;
      workflowVersion: number;
      /** @enum {string} */
      status: 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
      input: {
        [key: string]: unknown;
      };
      output?: unknown;
      error: components['schemas']['RunError'];
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      createdAt: string;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      startedAt: string | null;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      completedAt: string | null;
      /** @enum {string} */
      trigger: 'api' | 'web' | 'retry' | 'rerun' | 'replay' | 'webhook' | 'schedule' | 'batch' | 'workflow' | 'failure' | 'draft';
      batchId: string | null;
      parentRunId: string | null;
      /** @description A replay's source run: its steps with an unchanged resolved config were reused, not executed */
      replayOf: string | null;
      steps: components['schemas']['StepRun'][];
      artifacts: components['schemas']['Artifact'][];
      /** @description The run's spending limit on model calls, if any */
      budget: {
        /** @description US dollars of model calls at most */
        usd?: number;
        /** @description Tokens of model calls (input and output) at most */
        tokens?: number;
      } | null;
      /** @description What its model calls have cost so far */
      cost: {
        usd: number;
        tokens: number;
      };
      /**
       * @description Why a `waiting` run waits: `budget_exceeded` until its budget is raised (`POST …/budget`), `approval` for a person (`POST …/approvals/{stepId}`), `signal` for a system (`POST …/signals/{name}`), else `timer`
       * @enum {string|null}
       */
      waitReason: 'timer' | 'budget_exceeded' | 'approval' | 'signal' | null;
      metadata: components['schemas']['RunMetadata'];
      /** @enum {boolean} */
      draft: true;
      target: string;
      /**
       * @description `upstream` ("Run to here"): the target and every step it depends on (needs and references) execute, nothing else. `step` ("Test step"): only the target executes; each step it depends on counts as completed with an output taken from `upstream`, else the pinned sample outputs, else the run `fromRunId`, else the latest output of that step
       * @enum {string}
       */
      mode: 'step' | 'upstream';
      /** @description The steps this draft run executes, in order (the target last) */
      executes: string[];
      /** @description `mode: "step"`: where each dependency’s output came from */
      provided: {
        [key: string]: components['schemas']['DraftProvidedOutput'];
      };
      /** @description The draft definition it ran */
      definition: {
        name: string;
        description?: string;
        /** @default {} */
        inputs: {
          [key: string]: components['schemas']['InputField'];
        };
        steps: components['schemas']['StepDefinition'][];
        output?: {
          [key: string]: unknown;
        };
        timeoutMs?: number;
        /** @description At most this many runs of the workflow execute at once, across every worker process */
        concurrency?: number;
        /** @description The default spending limit of each run on model calls (a run created with its own `budget` uses that) */
        budget?: {
          /** @description US dollars of model calls at most */
          usd?: number;
          /** @description Tokens of model calls (input and output) at most */
          tokens?: number;
        };
        /** @description A workflow of the workspace to run when a run of this one fails: its input is the failed run's summary (workflowId, workflowName, runId, failedStep, error, input, failedAt), the fields it declares */
        onFailure?: {
          workflow: string;
        };
      };
    };
    DraftProvidedOutput: {
      /** @enum {string} */
      source: 'upstream' | 'sample' | 'run' | 'latest';
      /** @description The run the output was taken from (`run`, `latest`); null for `upstream` and `sample` */
      runId: string | null;
    };
    CreateDraftRunBody: {
      /** @description The editor's unsaved definition: validated like a save, never stored as a version */
      definition: {
        name: string;
        description?: string;
        /** @default {} */
        inputs: {
          [key: string]: components['schemas']['InputField'];
        };
        steps: components['schemas']['StepDefinition'][];
        output?: {
          [key: string]: unknown;
        };
        timeoutMs?: number;
        /** @description At most this many runs of the workflow execute at once, across every worker process */
        concurrency?: number;
        /** @description The default spending limit of each run on model calls (a run created with its own `budget` uses that) */
        budget?: {
          /** @description US dollars of model calls at most */
          usd?: number;
          /** @description Tokens of model calls (input and output) at most */
          tokens?: number;
        };
        /** @description A workflow of the workspace to run when a run of this one fails: its input is the failed run's summary (workflowId, workflowName, runId, failedStep, error, input, failedAt), the fields it declares */
        onFailure?: {
          workflow: string;
        };
      };
      /** @description The step to test, or to run up to */
      target: string;
      /**
       * @description `upstream` ("Run to here"): the target and every step it depends on (needs and references) execute, nothing else. `step` ("Test step"): only the target executes; each step it depends on counts as completed with an output taken from `upstream`, else the pinned sample outputs, else the run `fromRunId`, else the latest output of that step
       * @enum {string}
       */
      mode: 'step' | 'upstream';
      /** @description The run's input, checked against the draft's `inputs` (default: the pinned sample input, else `{}`) */
      input?: {
        [key: string]: unknown;
      };
      /** @description `mode: "step"`: outputs of steps the target depends on, by step id (tried first) */
      upstream?: {
        [key: string]: unknown;
      };
      /** @description `mode: "step"`: a run of this workflow whose completed steps give the outputs not in `upstream` or the pinned sample */
      fromRunId?: string;
    };
    WorkflowSample: {
      input: {
        [key: string]: unknown;
      };
      outputs: {
        [key: string]: unknown;
      };
      /** @description When it was pinned (null: never; the sample is empty) */
      updatedAt: string | null;
    };
    WorkflowSampleBody: {
      /** @description The input draft runs use when they are given none */
      input: {
        [key: string]: unknown;
      };
      /** @description Pinned step outputs: `mode: "step"` uses them for a dependency `upstream` does not give */
      outputs?: {
        [key: string]: unknown;
      };
    };
    LatestOutputs: {
      /** @description By step id, its newest completed or failed record among the workflow's 50 newest runs (draft or production) */
      steps: {
        [key: string]: components['schemas']['LatestStepOutput'];
      };
    };
    LatestStepOutput: {
      output?: unknown;
      /** @enum {string} */
      status: 'completed' | 'failed';
      error: components['schemas']['RunError'];
      runId: string;
      /** @description Whether it came from a draft run */
      draft: boolean;
      /** @description ISO 8601 time */
      finishedAt: string;
    };
    ApiKey: {
      id: string;
      name: string;
      clientId: string;
      /** @enum {string} */
      scope: 'read' | 'run' | 'edit' | 'admin';
      workspaceId: string;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      createdAt: string;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      lastUsedAt: string | null;
      /** @description Only in the answer to POST /v1/keys */
      secret?: string;
      /** @description Only in the answer to POST /v1/keys: the key as one credential (`<client id>:<secret>`) for `Authorization: Bearer` */
      token?: string;
    };
    CreateKeyBody: {
      name: string;
      /**
       * @default run
       * @enum {string}
       */
      scope: 'read' | 'run' | 'edit' | 'admin';
    };
    TriggerBody: {
      /** @default true */
      enabled: boolean;
      /**
       * @default signature
       * @enum {string}
       */
      verification: 'signature' | 'secret-header' | 'none';
      /**
       * Format: uri
       * @description Receives the signed end event of each run the trigger starts. Must reach a public (globally routable unicast) address, checked now and at every send, unless ASSAY_HTTP_ALLOW allows the host
       */
      callbackUrl?: string | null;
      /** @description A JSONata expression over { body, headers, query } (headers without secrets) that yields the run input, e.g. { "companyId": body.deal.company_id }; checked when saved */
      inputMapping?: string | null;
      /**
       * @description Without a mapping: refuse a body field the workflow does not declare (default: ignore it)
       * @default false
       */
      strict: boolean;
    };
    RotateSecretBody: {
      /**
       * @description How long the previous secret keeps verifying
       * @default 0
       */
      graceSeconds: number;
    };
    /** @description A named secret; its value is write-only */
    Credential: {
      id: string;
      name: string;
      /** @enum {string} */
      type: 'api_key' | 'token' | 'basic' | 'connection' | 'secret';
      createdAt: string;
      updatedAt: string;
    };
    CreateCredential: {
      name: string;
      /**
       * @default secret
       * @enum {string}
       */
      type: 'api_key' | 'token' | 'basic' | 'connection' | 'secret';
      value: string;
    };
    McpServer: {
      id: string;
      name: string;
      description: string | null;
      transport:
        | {
            /** @enum {string} */
            type: 'http';
            url: string;
          }
        | {
            /** @enum {string} */
            type: 'stdio';
            command: string;
            args: string[];
            env: {
              [key: string]: string;
            };
          };
      credential: {
        name: string;
        header: string;
      } | null;
      /** @description ISO 8601 time */
      createdAt: string;
      /** @description ISO 8601 time */
      updatedAt: string;
    };
    McpServerBody: {
      name: string;
      description?: string;
      transport:
        | {
            /** @enum {string} */
            type: 'http';
            /**
             * Format: uri
             * @description The server's streamable HTTP endpoint; reached through the outbound guard (ASSAY_HTTP_ALLOW)
             */
            url: string;
          }
        | {
            /** @enum {string} */
            type: 'stdio';
            /** @description The executable to start (only where ASSAY_MCP_STDIO=true) */
            command: string;
            /** @default [] */
            args: string[];
            /**
             * @description Variables besides the default ones (PATH, HOME, …); never secrets: use `credential`
             * @default {}
             */
            env: {
              [key: string]: string;
            };
          };
      credential?: {
        /** @description A credential of the workspace */
        name: string;
        /** @description http: the header it is sent in (default `authorization`, sent as `Bearer <value>`); stdio: the environment variable (default `MCP_TOKEN`) */
        header?: string;
      };
    };
    McpTool: {
      name: string;
      description: string;
      inputSchema: {
        [key: string]: unknown;
      };
    };
    Dataset: {
      id: string;
      name: string;
      description: string | null;
      columns: {
        [key: string]: 'string' | 'number' | 'integer' | 'boolean' | 'json';
      };
      keys: string[];
      rowCount: number;
      createdAt: string;
      updatedAt: string;
    };
    Document: {
      id: string;
      title: string;
      filename: string | null;
      contentType: string;
      /** @enum {string} */
      kind: 'pdf' | 'docx' | 'html' | 'markdown' | 'text';
      bytes: number;
      collection: string;
      /** @description A PDF's pages, or another kind's sections */
      pageCount: number;
      /** @description ISO 8601 time */
      createdAt: string;
    };
    PassageHit: {
      documentId: string;
      title: string;
      page: number;
      /** @description Higher is better (comparable within one search) */
      score: number;
      /** @description The passage around the matched words, which are in [brackets] */
      snippet: string;
      text: string;
    };
    DocumentWithPages: {
      id: string;
      title: string;
      filename: string | null;
      contentType: string;
      /** @enum {string} */
      kind: 'pdf' | 'docx' | 'html' | 'markdown' | 'text';
      bytes: number;
      collection: string;
      /** @description A PDF's pages, or another kind's sections */
      pageCount: number;
      /** @description ISO 8601 time */
      createdAt: string;
      pages: components['schemas']['DocumentPage'][];
    };
    DocumentPage: {
      number: number;
      heading: string | null;
      text: string;
    };
    SentSignal: {
      runId: string;
      name: string;
      payload?: unknown;
    };
    SignalBody: {
      /** @description The wait.signal step's output (checked against its schema) */
      payload?: unknown;
    };
    RunDiff: {
      a: components['schemas']['RunDiffSide'];
      b: components['schemas']['RunDiffSide'];
      /** @description Nothing below differs: status, input, output, steps and documents */
      identical: boolean;
      statusChanged: boolean;
      input: components['schemas']['FieldChanges'];
      output: components['schemas']['FieldChanges'];
      /** @description Every step of either run's workflow version: run a's in order, then those only in run b */
      steps: components['schemas']['StepDiff'][];
      /** @description The runs' documents, matched by name: run a's first, then those only in run b */
      documents: components['schemas']['DocumentDiff'][];
      /** @description The runs have more than 50 documents between them: the first 50 names are compared */
      documentsTruncated: boolean;
      /** @description Something was cut short: a list of changes, the documents, or a patch */
      truncated: boolean;
    };
    RunDiffSide: {
      id: string;
      workflowId: string;
      workflowVersion: number;
      /** @enum {string} */
      status: 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
      error: components['schemas']['RunError'];
      /** @description ISO 8601 time */
      createdAt: string;
      /** @description ISO 8601 time */
      completedAt: string | null;
    };
    FieldChanges: {
      /** @description Each field added, removed or changed (path `""`: the value as a whole); list items compared by position */
      changes: components['schemas']['FieldChange'][];
      /** @description More changes than listed (the list stops at its limit) */
      truncated: boolean;
    };
    FieldChange: {
      /** @description Dotted path; [n] for list items */
      path: string;
      /** @enum {string} */
      type: 'added' | 'removed' | 'changed';
      before?: unknown;
      after?: unknown;
    };
    StepDiff: {
      id: string;
      /**
       * @description added: only in run b; removed: only in run a; changed: its type, status, error or output differs
       * @enum {string}
       */
      change: 'added' | 'removed' | 'changed' | 'unchanged';
      /** @description The step in run a (null: added) */
      before: {
        type: string;
        /** @enum {string} */
        status: 'pending' | 'running' | 'completed' | 'failed' | 'skipped' | 'cancelled';
        /** @description The step's error message */
        error: string | null;
      } | null;
      /** @description The step in run b (null: removed) */
      after: {
        type: string;
        /** @enum {string} */
        status: 'pending' | 'running' | 'completed' | 'failed' | 'skipped' | 'cancelled';
        /** @description The step's error message */
        error: string | null;
      } | null;
      /** @description The step's output, field by field (empty for an added or removed step) */
      output: {
        /** @description Each field added, removed or changed (path `""`: the value as a whole); list items compared by position */
        changes: components['schemas']['FieldChange'][];
        /** @description More changes than listed (the list stops at its limit) */
        truncated: boolean;
      };
    };
    DocumentDiff: {
      /** @example memo.md */
      name: string;
      /** @enum {string} */
      change: 'added' | 'removed' | 'changed' | 'unchanged';
      /**
       * @description lines: a text document (Markdown, HTML, text, JSON, CSV) diffed line by line; hash: by size and SHA-256 only (other files, text over 1 MB, or text too different to diff in time)
       * @enum {string}
       */
      comparedBy: 'lines' | 'hash';
      /** @description The file in run a (null: added) */
      before: {
        contentType: string;
        bytes: number;
        /** @description SHA-256 of its bytes, hex */
        sha256: string;
      } | null;
      /** @description The file in run b (null: removed) */
      after: {
        contentType: string;
        bytes: number;
        /** @description SHA-256 of its bytes, hex */
        sha256: string;
      } | null;
      /** @description A unified diff (`--- a/<name>`, `+++ b/<name>`) when a text document changed; otherwise null */
      patch: string | null;
      /** @description The patch stops early (at about 200 KB) */
      patchTruncated: boolean;
    };
    Approval: {
      id: string;
      runId: string;
      stepId: string;
      workflowId: string;
      workflowName: string;
      /** @enum {string} */
      status: 'pending' | 'approved' | 'rejected' | 'expired';
      title: string;
      /** @description Markdown */
      instructions: string | null;
      /** @description What the reviewer must see: label → value, as the step resolved it */
      show: {
        [key: string]: unknown;
      };
      /** @description The editable draft (null when the step drafts none) */
      value?: unknown;
      /** @description The JSON Schema an approved value must match */
      schema: {
        [key: string]: unknown;
      } | null;
      /** @description Who may decide (null: anyone who may run workflows) */
      reviewers: {
        /** @description Members with one of these roles (API keys count by scope: edit → editor, admin → admin) */
        roles?: ('admin' | 'editor' | 'viewer')[];
        /** @description Members by email, whatever their role */
        users?: string[];
      } | null;
      /** @enum {string} */
      onTimeout: 'reject' | 'approve' | 'fail';
      /** @description ISO 8601 time */
      timeoutAt: string;
      /** @description ISO 8601 time */
      requestedAt: string;
      decision: components['schemas']['ApprovalDecision'];
      /** @description Whether the caller may decide it */
      canDecide: boolean;
    };
    ApprovalDecision: {
      approved: boolean;
      comment: string | null;
      /** @description The value the reviewer approved (edited or as drafted); the draft on a rejection */
      value?: unknown;
      by: components['schemas']['ApprovalDecider'];
      /** @description The reviewer changed the drafted value */
      edited: boolean;
      /** @description ISO 8601 time */
      decidedAt: string;
    } | null;
    ApprovalDecider: {
      /** @enum {string} */
      type: 'user' | 'key' | 'link' | 'timeout';
      /** @description The user's or key's id (the link's id for a link; null for the timeout) */
      id: string | null;
      /** @description The user's email, the key's client id, or the link's recipient */
      name: string | null;
    };
    DecideApprovalBody: {
      approved: boolean;
      comment?: string;
      /** @description An edit of the drafted value (checked against the step's schema when approving) */
      value?: unknown;
    };
    ApprovalLink: {
      id: string;
      recipient: string;
      /** @description The page to open (it carries the token); shown only once */
      url: string;
      /** @description For `GET` / `POST /v1/approval-links/{token}` */
      token: string;
      /** @description ISO 8601 time */
      expiresAt: string;
    };
    CreateApprovalLinkBody: {
      /**
       * Format: email
       * @description Who the link is for (recorded as the decider)
       */
      recipient: string;
      /** @description Default 7 days; never past the approval's timeout */
      expiresInSeconds?: number;
    };
    LinkedApproval: {
      id: string;
      runId: string;
      stepId: string;
      workflowId: string;
      workflowName: string;
      /** @enum {string} */
      status: 'pending' | 'approved' | 'rejected' | 'expired';
      title: string;
      /** @description Markdown */
      instructions: string | null;
      /** @description What the reviewer must see: label → value, as the step resolved it */
      show: {
        [key: string]: unknown;
      };
      /** @description The editable draft (null when the step drafts none) */
      value?: unknown;
      /** @description The JSON Schema an approved value must match */
      schema: {
        [key: string]: unknown;
      } | null;
      /** @enum {string} */
      onTimeout: 'reject' | 'approve' | 'fail';
      /** @description ISO 8601 time */
      timeoutAt: string;
      /** @description ISO 8601 time */
      requestedAt: string;
      decision: components['schemas']['ApprovalDecision'];
      recipient: string;
      /** @description ISO 8601 time */
      linkExpiresAt: string;
    };
    AuditEntry: {
      id: string;
      /** @description `key:<id>` (an API key) or `user:<id>` */
      actor: string;
      /** @description The key's client id (or the user's email) */
      actorName: string | null;
      /** @description The key's or user's name, for people to read (null: not known) */
      actorLabel: string | null;
      /** @enum {string} */
      action:
        | 'workflow.created'
        | 'workflow.saved'
        | 'workflow.restored'
        | 'workflow.archived'
        | 'trigger.configured'
        | 'trigger.secret_rotated'
        | 'trigger.secret_revealed'
        | 'key.created'
        | 'key.revoked'
        | 'credential.created'
        | 'credential.replaced'
        | 'credential.deleted'
        | 'schedule.created'
        | 'schedule.updated'
        | 'schedule.deleted'
        | 'event_endpoint.created'
        | 'event_endpoint.updated'
        | 'event_endpoint.deleted'
        | 'event_endpoint.secret_rotated'
        | 'callback_secret.rotated'
        | 'user.created'
        | 'user.updated'
        | 'user.deleted'
        | 'mcp_server.created'
        | 'mcp_server.updated'
        | 'mcp_server.deleted'
        | 'approval.decided'
        | 'approval.link_created';
      targetType: string;
      targetId: string;
      /** @description The target's name (a workflow's, key's, user's, credential's, MCP server's; an endpoint's URL), or null */
      targetName: string | null;
      details: {
        [key: string]: unknown;
      } | null;
      createdAt: string;
    };
    SetupNeeded: {
      /** @description No user exists yet: the first one may be created without signing in */
      needed: boolean;
    };
    Session: {
      user: components['schemas']['SessionUser'];
      workspaceId: string;
      /** @enum {string} */
      role: 'admin' | 'editor' | 'viewer';
      /** @description Send it as `x-csrf-token` on every request that is not GET, HEAD or OPTIONS */
      csrfToken: string;
    };
    SessionUser: {
      id: string;
      email: string;
      name: string;
    };
    SetupBody: {
      /** Format: email */
      email: string;
      name: string;
      password: string;
    };
    SignInBody: {
      email: string;
      password: string;
    };
    AuthState: {
      /** @description The signed-in session, or null when not signed in (or it expired) */
      session: {
        user: components['schemas']['SessionUser'];
        workspaceId: string;
        /** @enum {string} */
        role: 'admin' | 'editor' | 'viewer';
        /** @description Send it as `x-csrf-token` on every request that is not GET, HEAD or OPTIONS */
        csrfToken: string;
      } | null;
      /** @description No user exists yet: the first one is created by `POST /v1/auth/setup` */
      setupNeeded: boolean;
    };
    User: {
      id: string;
      email: string;
      name: string;
      /** @enum {string} */
      role: 'admin' | 'editor' | 'viewer';
      createdAt: string;
    };
    CreateUserBody: {
      /** Format: email */
      email: string;
      name: string;
      password: string;
      /** @enum {string} */
      role: 'admin' | 'editor' | 'viewer';
    };
    UpdateUserBody: {
      /** @enum {string} */
      role?: 'admin' | 'editor' | 'viewer';
      name?: string;
      password?: string;
    };
    Batch: {
      id: string;
      workflowId: string;
      workflowVersion: number;
      /**
       * @description `running` until every run finished; `cancelled` once cancelled (runs already running still finish)
       * @enum {string}
       */
      status: 'running' | 'completed' | 'cancelled';
      /** @enum {string} */
      source: 'json' | 'csv' | 'dataset';
      /** @description Runs in the batch (refused rows are not counted) */
      total: number;
      counts: components['schemas']['BatchCounts'];
      /** @description Finished runs (completed, failed or cancelled) / total, 0..1 */
      progress: number;
      /** @description Rows refused with skipInvalid (the first 1000) */
      invalid: components['schemas']['InvalidRow'][];
      invalidCount: number;
      /** @description At most this many of its runs in progress at once (null: no cap) */
      concurrency: number | null;
      priority: number;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      createdAt: string;
      /**
       * @description When the batch's first run started
       * @example 2026-01-01T00:00:00.000Z
       */
      startedAt: string | null;
      /**
       * @description When its last run finished
       * @example 2026-01-01T00:00:00.000Z
       */
      completedAt: string | null;
      /** @description Finished runs per second since the first run started */
      throughput: number;
      /** @description The batch's spending limit on model calls over all its runs, if any */
      budget: {
        /** @description US dollars of model calls at most */
        usd?: number;
        /** @description Tokens of model calls (input and output) at most */
        tokens?: number;
      } | null;
      /** @description What its runs' model calls cost (each run's as of its last park or end) */
      cost: {
        usd: number;
        tokens: number;
      };
      /**
       * @description When its cost reached its budget: its queued runs are held (runs already executing finish) until the budget is raised
       * @example 2026-01-01T00:00:00.000Z
       */
      budgetExceededAt: string | null;
    };
    /** @description The batch's runs per status (runs held back by the concurrency cap count as queued) */
    BatchCounts: {
      queued: number;
      running: number;
      waiting: number;
      completed: number;
      failed: number;
      cancelled: number;
    };
    InvalidRow: {
      /** @description 1-based data row number (the CSV header is not counted) */
      row: number;
      /** @description The input (or CSV column) at fault */
      field: string;
      reason: string;
    };
    InvalidRowsError: {
      error: string;
      code?: string;
      details?: {
        path: string;
        message: string;
      }[];
      /** @description The refused rows (the first 1000); rows are numbered from 1 (the first input, CSV data row or dataset row) */
      invalid: components['schemas']['InvalidRow'][];
      invalidCount: number;
    };
    CreateBatchBody: {
      /** @description One run per input object (at most 100000) */
      inputs?: unknown[];
      /** @description One run per row of this dataset (instead of `inputs`) */
      datasetId?: string;
      /** @description With datasetId: input name → dataset column (default: the columns named like the inputs) */
      mapping?: {
        [key: string]: string;
      };
      /** @description Run at most this many of the batch at once (default: no cap beyond the workers) */
      concurrency?: number;
      /** @description Priority of the batch runs, -100..100 (default 0, like single runs); higher is claimed first */
      priority?: number;
      /** @description Run the valid rows and report the invalid ones on the batch, instead of refusing the batch */
      skipInvalid?: boolean;
      /** @description A spending limit on model calls over all the batch's runs: once their cost reaches it the batch stops releasing runs (each run keeps the workflow's own budget) */
      budget?: {
        /** @description US dollars of model calls at most */
        usd?: number;
        /** @description Tokens of model calls (input and output) at most */
        tokens?: number;
      };
      /** @description The workflow version every run of the batch runs (default: the current one) */
      version?: number;
    };
    Evaluation: {
      id: string;
      name: string;
      workflowId: string;
      workflowName: string;
      /** @enum {string} */
      status: 'running' | 'completed' | 'failed' | 'cancelled';
      rows: number;
      versions: components['schemas']['EvaluationVersion'][];
      scorers: components['schemas']['Scorer'][];
      mapping: {
        [key: string]: string;
      };
      expected: {
        [key: string]: string;
      };
      concurrency: number;
      /** @description The evaluation whose runs this one replays */
      replayFrom: string | null;
      error: string | null;
      /** @description ISO 8601 time */
      createdAt: string;
      /** @description ISO 8601 time */
      completedAt: string | null;
    };
    EvaluationVersion: {
      version: number;
      batchId: string;
      /** @description Mean row score, 0 to 1 (a failed run scores 0); null until scored */
      score: number | null;
      /** @description Share of rows passing every scorer, 0 to 1 */
      passRate: number | null;
      runs: {
        total: number;
        completed: number;
        failed: number;
      };
      /** @description Rows scored so far */
      scored: number;
      /** @description The version's runs' model calls */
      cost: {
        usd: number;
        tokens: number;
      };
      /** @description The AI judges’ calls for this version */
      judgeCost: {
        usd: number;
        tokens: number;
      };
      /** @description Run duration of finished runs */
      latencyMs: {
        p50: number;
        p95: number;
      } | null;
      /** @description Each scorer’s mean score and pass rate */
      scorers: {
        scorer: string;
        score: number | null;
        passRate: number | null;
      }[];
    };
    Scorer:
      | {
          /** @enum {string} */
          type: 'exact';
          /** @description One output path of `expected` (default: each of them) */
          field?: string;
          /**
           * @description Compare text exactly (default) or ignoring case
           * @default true
           */
          caseSensitive: boolean;
        }
      | {
          /** @enum {string} */
          type: 'numeric';
          /** @description One output path of `expected` (default: each of them) */
          field?: string;
          /** @description Largest difference that still passes */
          tolerance: number;
          /**
           * @description The tolerance is a fraction of the expected value
           * @default false
           */
          relative: boolean;
        }
      | {
          /** @enum {string} */
          type: 'contains';
          /** @description One output path of `expected` (default: each of them) */
          field?: string;
          /** @default false */
          caseSensitive: boolean;
        }
      | {
          /** @enum {string} */
          type: 'regex';
          /** @description One output path of `expected` (default: each of them) */
          field?: string;
          /** @description Default: the expected value is the pattern */
          pattern?: string;
          flags?: string;
        }
      | {
          /** @enum {string} */
          type: 'jsonata';
          name?: string;
          expression: string;
          threshold?: number;
        }
      | {
          /** @enum {string} */
          type: 'judge';
          name?: string;
          rubric: string;
          /** @description Default: the workspace default model (ASSAY_AI_DEFAULT_MODEL) */
          model?: string;
          /** @description Default 0.5 */
          threshold?: number;
        };
    CreateEvaluationBody: {
      workflowId: string;
      name?: string;
      /** @description The workflow versions to compare; every row runs on each */
      versions: number[];
      /** @description The rows: a dataset (or give `inputs`) */
      datasetId?: string;
      /** @description The rows as objects (instead of a dataset) */
      inputs?: {
        [key: string]: unknown;
      }[];
      /** @description Workflow input → row column (default: the columns named like the inputs; other columns are ignored) */
      mapping?: {
        [key: string]: string;
      };
      /**
       * @description Output path → the row column holding its expected value (`{ "verdict": "expectedVerdict" }`)
       * @default {}
       */
      expected: {
        [key: string]: string;
      };
      scorers: components['schemas']['Scorer'][];
      /**
       * @description Runs of each version at once
       * @default 4
       */
      concurrency: number;
      /** @description Spending limit of each version's runs (its batch's budget) */
      budget?: {
        /** @description US dollars of model calls at most */
        usd?: number;
        /** @description Tokens of model calls (input and output) at most */
        tokens?: number;
      };
      /** @description An earlier evaluation of the same workflow and rows: each run replays that evaluation's run of its row (of the same version, else its first), reusing every step whose resolved config is unchanged */
      replayFrom?: string;
    };
    EvaluationRow: {
      /** @description Position in the dataset or inputs, from 0 */
      index: number;
      input: {
        [key: string]: unknown;
      };
      expected: {
        [key: string]: unknown;
      };
      versions: {
        version: number;
        runId: string | null;
        /** @description The run's status */
        status: string;
        output?: unknown;
        error: string | null;
        score: number | null;
        passed: boolean | null;
        scores: components['schemas']['ScoreResult'][];
        latencyMs: number | null;
        cost: components['schemas']['Cost'];
        /** @description Fields that differ from the first version's output (empty for the first) */
        diff: components['schemas']['FieldChange'][];
      }[];
    };
    ScoreResult: {
      /** @description The scorer’s label: `exact:verdict`, a name, or `judge` */
      scorer: string;
      /** @description 0 to 1 */
      score: number;
      passed: boolean;
      /** @description Why (a judge’s reason, or what differed) */
      reason: string | null;
    };
    Cost: {
      usd: number;
      tokens: number;
    };
    /** @description Cron expression + time zone + fixed input: runs the workflow at each fire time */
    Schedule: {
      id: string;
      workflowId: string;
      name: string | null;
      cron: string;
      timezone: string;
      input: {
        [key: string]: unknown;
      };
      enabled: boolean;
      /**
       * @description `run_once`: after downtime, one run for the latest missed fire (never one per missed fire); `skip`: no run for missed fires
       * @enum {string}
       */
      missed: 'run_once' | 'skip';
      /** @description The workflow version every fire runs; null: the version current at each fire */
      version: number | null;
      /**
       * @description When it fires next (null while disabled)
       * @example 2026-01-01T00:00:00.000Z
       */
      nextFireAt: string | null;
      /** @description The next five fire times (empty while disabled) */
      nextFireTimes: string[];
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      lastFireAt: string | null;
      lastRunId: string | null;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      createdAt: string;
      /**
       * @description ISO 8601 time
       * @example 2026-01-01T00:00:00.000Z
       */
      updatedAt: string;
    };
    CreateScheduleBody: {
      /**
       * @description Cron expression: 5 fields (minute precision) or 6 (leading seconds field)
       * @example 30 9 * * 1-5
       */
      cron: string;
      /**
       * @description IANA time zone the expression is read in
       * @default UTC
       * @example America/New_York
       */
      timezone: string;
      /**
       * @description The run's input at every fire, checked against the workflow's inputs
       * @default {}
       */
      input: {
        [key: string]: unknown;
      };
      name?: string | null;
      /** @default true */
      enabled: boolean;
      /**
       * @description `run_once`: after downtime, one run for the latest missed fire (never one per missed fire); `skip`: no run for missed fires
       * @default run_once
       * @enum {string}
       */
      missed: 'run_once' | 'skip';
      /** @description Pin every fire to this workflow version (null: the current one at each fire) */
      version?: number | null;
    };
    UpdateScheduleBody: {
      /**
       * @description Cron expression: 5 fields (minute precision) or 6 (leading seconds field)
       * @example 30 9 * * 1-5
       */
      cron?: string;
      /**
       * @description IANA time zone the expression is read in
       * @example America/New_York
       */
      timezone?: string;
      /** @description The run's input at every fire, checked against the workflow's inputs */
      input?: {
        [key: string]: unknown;
      };
      name?: string | null;
      enabled?: boolean;
      /**
       * @description `run_once`: after downtime, one run for the latest missed fire (never one per missed fire); `skip`: no run for missed fires
       * @enum {string}
       */
      missed?: 'run_once' | 'skip';
      /** @description Pin every fire to this workflow version (null: the current one at each fire) */
      version?: number | null;
    };
    TemplateSummary: {
      /** @example company-screen */
      id: string;
      name: string;
      /** @description What the workflow does and what it needs */
      description: string;
      category: string;
      needs: ('model' | 'webSearch' | 'dataset' | 'documents' | 'webhook' | 'schedule')[];
      /** @description An input that runs (also the inputs' defaults) */
      sampleInput: {
        [key: string]: unknown;
      };
      /** @description The step types the workflow uses */
      stepTypes: string[];
      creates: components['schemas']['TemplateCreates'];
    };
    TemplateCreates: {
      /** @description Sample datasets, by name */
      datasets: string[];
      /** @description Collections a sample document is added to */
      documents: string[];
      /** @description Schedules, always created disabled: enable one to start it */
      schedules: {
        name: string;
        cron: string;
        timezone: string;
      }[];
    };
    Template: {
      /** @example company-screen */
      id: string;
      name: string;
      /** @description What the workflow does and what it needs */
      description: string;
      category: string;
      needs: ('model' | 'webSearch' | 'dataset' | 'documents' | 'webhook' | 'schedule')[];
      /** @description An input that runs (also the inputs' defaults) */
      sampleInput: {
        [key: string]: unknown;
      };
      /** @description The step types the workflow uses */
      stepTypes: string[];
      creates: components['schemas']['TemplateCreates'];
      definition: components['schemas']['WorkflowDefinition'];
    };
    TemplateCreation: {
      workflow: components['schemas']['Workflow'];
      created: {
        /** @description Sample datasets created now (none when the workspace had one of that name) */
        datasets: components['schemas']['Dataset'][];
        /** @description Sample documents added now (none when their collection had documents) */
        documents: components['schemas']['Document'][];
        /** @description Schedules created, disabled */
        schedules: components['schemas']['Schedule'][];
      };
    };
    CreateFromTemplateBody: {
      /** @description The new workflow's name (default: the template's) */
      name?: string;
    };
    /** @description A URL that receives signed event notifications */
    EventEndpoint: {
      id: string;
      url: string;
      description: string | null;
      events: (
        | 'run.completed'
        | 'run.failed'
        | 'run.cancelled'
        | 'batch.completed'
        | 'batch.budget_exceeded'
        | 'approval.requested'
        | 'approval.decided'
        | 'evaluation.completed'
      )[];
      workflowId: string | null;
      enabled: boolean;
      /** @description Why Assay disabled the endpoint (null when enabled or disabled by you) */
      disabledReason: string | null;
      /** @description Failed attempts since the last successful delivery */
      consecutiveFailures: number;
      createdAt: string;
      updatedAt: string;
      /** @description The Standard Webhooks signing secret: only when created or rotated */
      secret?: string;
    };
    CreateEventEndpointBody: {
      /**
       * Format: uri
       * @description Must reach a public (globally routable unicast) address, checked now and at every send, unless ASSAY_HTTP_ALLOW allows the host
       */
      url: string;
      events: (
        | 'run.completed'
        | 'run.failed'
        | 'run.cancelled'
        | 'batch.completed'
        | 'batch.budget_exceeded'
        | 'approval.requested'
        | 'approval.decided'
        | 'evaluation.completed'
      )[];
      /** @description Only this workflow's events (default: every workflow) */
      workflowId?: string;
      description?: string;
      /** @default true */
      enabled: boolean;
    };
    UpdateEventEndpointBody: {
      /**
       * Format: uri
       * @description Must reach a public (globally routable unicast) address, checked now and at every send, unless ASSAY_HTTP_ALLOW allows the host
       */
      url?: string;
      events?: (
        | 'run.completed'
        | 'run.failed'
        | 'run.cancelled'
        | 'batch.completed'
        | 'batch.budget_exceeded'
        | 'approval.requested'
        | 'approval.decided'
        | 'evaluation.completed'
      )[];
      /** @description null removes the workflow filter */
      workflowId?: string | null;
      description?: string | null;
      enabled?: boolean;
    };
    /** @description One event for one endpoint, with every attempt to deliver it */
    Delivery: {
      /** @description Sent as the webhook-id header, the same on every attempt: receivers dedupe on it */
      id: string;
      endpointId: string | null;
      /** @description Position of the event in the event log */
      eventId: string;
      /** @enum {string} */
      eventType:
        | 'run.completed'
        | 'run.failed'
        | 'run.cancelled'
        | 'batch.completed'
        | 'batch.budget_exceeded'
        | 'approval.requested'
        | 'approval.decided'
        | 'evaluation.completed';
      runId: string | null;
      /** @enum {string} */
      status: 'pending' | 'delivered' | 'failed';
      attemptCount: number;
      nextAttemptAt: string | null;
      lastStatusCode: number | null;
      lastError: string | null;
      createdAt: string;
      updatedAt: string;
      deliveredAt: string | null;
      attempts: components['schemas']['DeliveryAttempt'][];
    };
    DeliveryAttempt: {
      attempt: number;
      startedAt: string;
      statusCode: number | null;
      latencyMs: number;
      /** @description The first kilobyte of the response body */
      responseExcerpt: string | null;
      error: string | null;
    };
    CallbackSecret: {
      /** @description Signs callbacks of runs not started by a webhook trigger (those are signed with the trigger secret) */
      secret: string;
      createdAt: string;
      updatedAt: string;
    };
    Liveness: {
      /** @enum {string} */
      status: 'ok';
    };
    Readiness: {
      /** @enum {string} */
      status: 'ready' | 'not ready';
      checks: {
        [key: string]: {
          ok: boolean;
          error?: string;
        };
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listWorkflows: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
        /** @description Only workflows whose name contains this (case-insensitive) */
        q?: string;
        /** @description Same as `q` (older name) */
        search?: string;
        /** @description `false` (default): only active workflows; `true` or `all`: active and archived; `only`: only archived */
        archived?: 'false' | 'true' | 'all' | 'only';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Workflows */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Workflow'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WorkflowDefinition'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Workflow'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  validateWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          [key: string]: unknown;
        };
      };
    };
    responses: {
      /** @description Whether the definition is valid, and every problem found */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['DefinitionValidation'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The workflow */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Workflow'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WorkflowDefinition'];
      };
    };
    responses: {
      /** @description Saved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Workflow'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Archived */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Workflow'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listWorkflowVersions: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Versions, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['WorkflowVersion'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  restoreWorkflowVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          version: number;
        };
      };
    };
    responses: {
      /** @description Restored as a new version */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Workflow'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listStepTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Step types, by family then type */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['StepTypeInfo'][];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  previewExpression: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ExpressionPreviewRequest'];
      };
    };
    responses: {
      /** @description The value, or the error a run would meet (`ok: false`) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['ExpressionPreview'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listRunsOfWorkflow: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
        status?: string;
        batchId?: string;
        createdAfter?: string;
        createdBefore?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Runs (without steps) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              id: string;
              workflowId: string;
              workflowVersion: number;
              /** @enum {string} */
              status: 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
              input: {
                [key: string]: unknown;
              };
              output?: unknown;
              error: components['schemas']['RunError'];
              /**
               * @description ISO 8601 time
               * @example 2026-01-01T00:00:00.000Z
               */
              createdAt: string;
              /**
               * @description ISO 8601 time
               * @example 2026-01-01T00:00:00.000Z
               */
              startedAt: string | null;
              /**
               * @description ISO 8601 time
               * @example 2026-01-01T00:00:00.000Z
               */
              completedAt: string | null;
              /** @enum {string} */
              trigger: 'api' | 'web' | 'retry' | 'rerun' | 'replay' | 'webhook' | 'schedule' | 'batch' | 'workflow' | 'failure' | 'draft';
              batchId: string | null;
              parentRunId: string | null;
              /** @description A replay's source run: its steps with an unchanged resolved config were reused, not executed */
              replayOf: string | null;
              /** @description The run's spending limit on model calls, if any */
              budget: {
                /** @description US dollars of model calls at most */
                usd?: number;
                /** @description Tokens of model calls (input and output) at most */
                tokens?: number;
              } | null;
              /** @description What its model calls have cost so far */
              cost: {
                usd: number;
                tokens: number;
              };
              /**
               * @description Why a `waiting` run waits: `budget_exceeded` until its budget is raised (`POST …/budget`), `approval` for a person (`POST …/approvals/{stepId}`), `signal` for a system (`POST …/signals/{name}`), else `timer`
               * @enum {string|null}
               */
              waitReason: 'timer' | 'budget_exceeded' | 'approval' | 'signal' | null;
              metadata: components['schemas']['RunMetadata'];
            }[];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createRun: {
    parameters: {
      query?: {
        /** @description Answer when the run is finished or after this many seconds (at most 60) */
        wait?: number | null;
        /** @description bypass: steps declaring `cache` execute (and refresh the cache) instead of reusing an earlier output */
        cache?: 'bypass';
      };
      header?: {
        /** @description A repeated key returns the original run instead of creating another */
        'idempotency-key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CreateRunBody'];
      };
    };
    responses: {
      /** @description Replayed: the run this Idempotency-Key created before */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Run'];
          };
        };
      };
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Run'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listWorkflowRuns: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
        status?: string;
        batchId?: string;
        createdAfter?: string;
        createdBefore?: string;
        /** @description Only this workflow's runs */
        workflowId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Runs (without steps) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              id: string;
              workflowId: string;
              workflowVersion: number;
              /** @enum {string} */
              status: 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
              input: {
                [key: string]: unknown;
              };
              output?: unknown;
              error: components['schemas']['RunError'];
              /**
               * @description ISO 8601 time
               * @example 2026-01-01T00:00:00.000Z
               */
              createdAt: string;
              /**
               * @description ISO 8601 time
               * @example 2026-01-01T00:00:00.000Z
               */
              startedAt: string | null;
              /**
               * @description ISO 8601 time
               * @example 2026-01-01T00:00:00.000Z
               */
              completedAt: string | null;
              /** @enum {string} */
              trigger: 'api' | 'web' | 'retry' | 'rerun' | 'replay' | 'webhook' | 'schedule' | 'batch' | 'workflow' | 'failure' | 'draft';
              batchId: string | null;
              parentRunId: string | null;
              /** @description A replay's source run: its steps with an unchanged resolved config were reused, not executed */
              replayOf: string | null;
              /** @description The run's spending limit on model calls, if any */
              budget: {
                /** @description US dollars of model calls at most */
                usd?: number;
                /** @description Tokens of model calls (input and output) at most */
                tokens?: number;
              } | null;
              /** @description What its model calls have cost so far */
              cost: {
                usd: number;
                tokens: number;
              };
              /**
               * @description Why a `waiting` run waits: `budget_exceeded` until its budget is raised (`POST …/budget`), `approval` for a person (`POST …/approvals/{stepId}`), `signal` for a system (`POST …/signals/{name}`), else `timer`
               * @enum {string|null}
               */
              waitReason: 'timer' | 'budget_exceeded' | 'approval' | 'signal' | null;
              metadata: components['schemas']['RunMetadata'];
            }[];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getWorkflowRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The run */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Run'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  retryRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Queued again */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Run'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  rerunRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['RerunBody'];
      };
    };
    responses: {
      /** @description The new run */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Run'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  replayRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['ReplayBody'];
      };
    };
    responses: {
      /** @description The replay */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Run'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  cancelRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cancelled */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Run'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  setRunBudget: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetBudgetBody'];
      };
    };
    responses: {
      /** @description The run with its new budget */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Run'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createDraftRun: {
    parameters: {
      query?: {
        /** @description Answer when the draft run is finished or after this many seconds (at most 60) */
        wait?: number | null;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDraftRunBody'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['DraftRun'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getDraftRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The draft run */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['DraftRun'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  cancelDraftRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cancelled */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['DraftRun'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getWorkflowSample: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The pinned sample */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['WorkflowSample'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  setWorkflowSample: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WorkflowSampleBody'];
      };
    };
    responses: {
      /** @description The pinned sample */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['WorkflowSample'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getLatestStepOutputs: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description By step id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['LatestOutputs'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getCurrentKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The calling key */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['ApiKey'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listKeys: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Keys (no secrets) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['ApiKey'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateKeyBody'];
      };
    };
    responses: {
      /** @description Created (with `secret` and `token`) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['ApiKey'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  revokeKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['ApiKey'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getTrigger: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The trigger */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Trigger'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  setTrigger: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TriggerBody'];
      };
    };
    responses: {
      /** @description The trigger */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              slug: string;
              url: string;
              enabled: boolean;
              /** @enum {string} */
              verification: 'signature' | 'secret-header' | 'none';
              callbackUrl: string | null;
              /** @description A JSONata expression over { body, headers, query } that yields the run input; null: the body is the input */
              inputMapping: string | null;
              /** @description Without a mapping: a body field the workflow does not declare is refused (else ignored) */
              strict: boolean;
              /** @description Only when created or rotated */
              secret?: string;
            };
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  revealWebhookSecret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The trigger with its secret */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              slug: string;
              url: string;
              enabled: boolean;
              /** @enum {string} */
              verification: 'signature' | 'secret-header' | 'none';
              callbackUrl: string | null;
              /** @description A JSONata expression over { body, headers, query } that yields the run input; null: the body is the input */
              inputMapping: string | null;
              /** @description Without a mapping: a body field the workflow does not declare is refused (else ignored) */
              strict: boolean;
              /** @description Only when created or rotated */
              secret?: string;
            };
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['RotateSecretBody'];
      };
    };
    responses: {
      /** @description The trigger with its new secret */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              slug: string;
              url: string;
              enabled: boolean;
              /** @enum {string} */
              verification: 'signature' | 'secret-header' | 'none';
              callbackUrl: string | null;
              /** @description A JSONata expression over { body, headers, query } that yields the run input; null: the body is the input */
              inputMapping: string | null;
              /** @description Without a mapping: a body field the workflow does not declare is refused (else ignored) */
              strict: boolean;
              /** @description Only when created or rotated */
              secret?: string;
            };
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  callWebhookTrigger: {
    parameters: {
      query?: {
        /** @description Answer with the finished run, or after this many seconds (at most 60) */
        wait?: number | null;
      };
      header?: never;
      path: {
        slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted: the run */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Run'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Neither JSON nor a form post */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: string;
          };
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getRunArtifact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/octet-stream': string;
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listCredentials: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Credentials */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Credential'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createCredential: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateCredential'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Credential'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Name taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error: string;
          };
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  replaceCredential: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * @default secret
           * @enum {string}
           */
          type?: 'api_key' | 'token' | 'basic' | 'connection' | 'secret';
          value: string;
        };
      };
    };
    responses: {
      /** @description Replaced */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Credential'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteCredential: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Credential'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listMcpServers: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description MCP servers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['McpServer'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createMcpServer: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['McpServerBody'];
      };
    };
    responses: {
      /** @description Registered */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['McpServer'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMcpServer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The MCP server */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['McpServer'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  replaceMcpServer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['McpServerBody'];
      };
    };
    responses: {
      /** @description Replaced */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['McpServer'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteMcpServer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listMcpServerTools: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Its tools */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['McpTool'][];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listDatasets: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Datasets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Dataset'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createDataset: {
    parameters: {
      query?: {
        /** @description With a CSV or NDJSON body: the dataset name */
        name?: string;
        /** @description With a CSV or NDJSON body: comma-separated key columns */
        keys?: string;
        description?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description JSON `{ name, columns?, keys?, rows? }`, or rows as `text/csv` (header row) or `application/x-ndjson` with `?name=` */
    requestBody?: {
      content: {
        'application/json': {
          name: string;
          description?: string;
          /** @description Declared column types (others are inferred) */
          columns?: {
            [key: string]: 'string' | 'number' | 'integer' | 'boolean' | 'json';
          };
          /** @description Columns looked up by (indexed); default: id-like columns */
          keys?: string[];
          rows?: {
            [key: string]: unknown;
          }[];
        };
        'text/csv': string;
        'application/x-ndjson': string;
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Dataset'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getDataset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The dataset */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Dataset'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteDataset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Dataset'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listDatasetRows: {
    parameters: {
      query?: {
        offset?: number | null;
        limit?: number | null;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Rows */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              [key: string]: unknown;
            }[];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  replaceDatasetRows: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description Rows as a JSON array (or `{ rows }`), `text/csv` (header row) or `application/x-ndjson` */
    requestBody?: {
      content: {
        'application/json':
          | {
              [key: string]: unknown;
            }[]
          | {
              rows: {
                [key: string]: unknown;
              }[];
            };
        'text/csv': string;
        'application/x-ndjson': string;
      };
    };
    responses: {
      /** @description Replaced */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Dataset'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  appendDatasetRows: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description Rows as a JSON array (or `{ rows }`), `text/csv` (header row) or `application/x-ndjson` */
    requestBody?: {
      content: {
        'application/json':
          | {
              [key: string]: unknown;
            }[]
          | {
              rows: {
                [key: string]: unknown;
              }[];
            };
        'text/csv': string;
        'application/x-ndjson': string;
      };
    };
    responses: {
      /** @description Appended */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Dataset'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listDocuments: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
        collection?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Documents */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Document'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  uploadDocument: {
    parameters: {
      query?: {
        /** @description Default: the document's own title, else its file name */
        title?: string;
        collection?: string;
        /** @description The file name (helps tell the type when the content type does not) */
        filename?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Stored */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Document'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  searchDocuments: {
    parameters: {
      query: {
        q: string;
        collection?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Passages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['PassageHit'][];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['DocumentWithPages'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getDocumentFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file as uploaded */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  sendSignal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        /** @description The signal's name, as the workflow's wait.signal step gives it */
        name: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['SignalBody'];
      };
    };
    responses: {
      /** @description Kept; the run is woken to read it */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['SentSignal'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  diffRuns: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The run to compare from (before) */
        a: string;
        /** @description The run to compare with (after) */
        b: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The differences, run a as before and run b as after */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['RunDiff'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listApprovals: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
        /** @description Default: every status */
        status?: 'pending' | 'approved' | 'rejected' | 'expired';
        workflowId?: string;
        runId?: string;
        /** @description `true`: only those the caller may decide */
        mine?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Approvals */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Approval'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getRunApproval: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        /** @description The id of the run's approval step */
        stepId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The approval */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Approval'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  decideRunApproval: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        /** @description The id of the run's approval step */
        stepId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecideApprovalBody'];
      };
    };
    responses: {
      /** @description Decided; the run is woken */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Approval'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createApprovalLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        /** @description The id of the run's approval step */
        stepId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApprovalLinkBody'];
      };
    };
    responses: {
      /** @description The link */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['ApprovalLink'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApprovalLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The token of a signed approval link */
        token: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The approval */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['LinkedApproval'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  decideApprovalLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The token of a signed approval link */
        token: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecideApprovalBody'];
      };
    };
    responses: {
      /** @description Decided; the run is woken */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['LinkedApproval'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAuditLog: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
        action?:
          | 'workflow.created'
          | 'workflow.saved'
          | 'workflow.restored'
          | 'workflow.archived'
          | 'trigger.configured'
          | 'trigger.secret_rotated'
          | 'trigger.secret_revealed'
          | 'key.created'
          | 'key.revoked'
          | 'credential.created'
          | 'credential.replaced'
          | 'credential.deleted'
          | 'schedule.created'
          | 'schedule.updated'
          | 'schedule.deleted'
          | 'event_endpoint.created'
          | 'event_endpoint.updated'
          | 'event_endpoint.deleted'
          | 'event_endpoint.secret_rotated'
          | 'callback_secret.rotated'
          | 'user.created'
          | 'user.updated'
          | 'user.deleted'
          | 'mcp_server.created'
          | 'mcp_server.updated'
          | 'mcp_server.deleted'
          | 'approval.decided'
          | 'approval.link_created';
        targetType?: string;
        targetId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Audit entries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['AuditEntry'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSetupNeeded: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Whether setup is needed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['SetupNeeded'];
          };
        };
      };
    };
  };
  setUpFirstUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetupBody'];
      };
    };
    responses: {
      /** @description Created and signed in (sets the assay_session cookie) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Session'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  signIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SignInBody'];
      };
    };
    responses: {
      /** @description Signed in */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Session'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  signOut: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getAuthState: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session, or null */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['AuthState'];
          };
        };
      };
    };
  };
  getSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Session'];
          };
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listUsers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Users, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['User'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUserBody'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['User'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  removeUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['User'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateUserBody'];
      };
    };
    responses: {
      /** @description Updated */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['User'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createBatch: {
    parameters: {
      query?: {
        concurrency?: number;
        /** @description With a CSV body: the batch's budget in USD */
        budgetUsd?: number;
        /** @description With a CSV body: the batch's budget in tokens */
        budgetTokens?: number;
        priority?: number | null;
        /** @description With a CSV body: the workflow version to run */
        version?: number;
        skipInvalid?: '0' | '1' | 'true' | 'false';
        /** @description bypass: the batch's cached steps execute (and refresh the cache) instead of reusing earlier outputs */
        cache?: 'bypass';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description JSON (`inputs`, or `datasetId` + `mapping`) or `text/csv` */
    requestBody?: {
      content: {
        'application/json': components['schemas']['CreateBatchBody'];
        'text/csv': string;
      };
    };
    responses: {
      /** @description Created: the runs are queued */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Batch'];
          };
        };
      };
      /** @description Invalid body or rows; `details` names each `rows[<n>].<field>` (rows numbered from 1) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvalidRowsError'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listBatches: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
        workflowId?: string;
        status?: 'running' | 'completed' | 'cancelled';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Batches */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Batch'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getBatch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The batch */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Batch'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listBatchRuns: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
        status?: string;
        createdAfter?: string;
        createdBefore?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Runs (without steps) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: {
              id: string;
              workflowId: string;
              workflowVersion: number;
              /** @enum {string} */
              status: 'queued' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
              input: {
                [key: string]: unknown;
              };
              output?: unknown;
              error: components['schemas']['RunError'];
              /**
               * @description ISO 8601 time
               * @example 2026-01-01T00:00:00.000Z
               */
              createdAt: string;
              /**
               * @description ISO 8601 time
               * @example 2026-01-01T00:00:00.000Z
               */
              startedAt: string | null;
              /**
               * @description ISO 8601 time
               * @example 2026-01-01T00:00:00.000Z
               */
              completedAt: string | null;
              /** @enum {string} */
              trigger: 'api' | 'web' | 'retry' | 'rerun' | 'replay' | 'webhook' | 'schedule' | 'batch' | 'workflow' | 'failure' | 'draft';
              batchId: string | null;
              parentRunId: string | null;
              /** @description A replay's source run: its steps with an unchanged resolved config were reused, not executed */
              replayOf: string | null;
              /** @description The run's spending limit on model calls, if any */
              budget: {
                /** @description US dollars of model calls at most */
                usd?: number;
                /** @description Tokens of model calls (input and output) at most */
                tokens?: number;
              } | null;
              /** @description What its model calls have cost so far */
              cost: {
                usd: number;
                tokens: number;
              };
              /**
               * @description Why a `waiting` run waits: `budget_exceeded` until its budget is raised (`POST …/budget`), `approval` for a person (`POST …/approvals/{stepId}`), `signal` for a system (`POST …/signals/{name}`), else `timer`
               * @enum {string|null}
               */
              waitReason: 'timer' | 'budget_exceeded' | 'approval' | 'signal' | null;
              metadata: components['schemas']['RunMetadata'];
            }[];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getBatchResults: {
    parameters: {
      query?: {
        /** @description Default: from the Accept header (application/x-ndjson → jsonl), else csv */
        format?: 'csv' | 'jsonl';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The results */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
          'application/x-ndjson': string;
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  cancelBatch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cancelled */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Batch'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  retryFailedBatchRuns: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Queued again */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Batch'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  setBatchBudget: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetBudgetBody'];
      };
    };
    responses: {
      /** @description The batch with its new budget */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Batch'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listEvaluations: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
        workflowId?: string;
        status?: 'running' | 'completed' | 'failed' | 'cancelled';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Evaluations */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Evaluation'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createEvaluation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateEvaluationBody'];
      };
    };
    responses: {
      /** @description Started */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Evaluation'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getEvaluation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The evaluation */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Evaluation'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listEvaluationRows: {
    parameters: {
      query?: {
        /** @description Rows after this index (default: from the first) */
        after?: number | null;
        limit?: number | null;
        /** @description `true`: only rows that did not pass on some version */
        failing?: 'true' | 'false';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Rows */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['EvaluationRow'][];
            hasMore: boolean;
            /** @description Pass as `after` */
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getEvaluationResults: {
    parameters: {
      query?: {
        format?: 'csv' | 'jsonl';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The results */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
          'application/x-ndjson': string;
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  cancelEvaluation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cancelled */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Evaluation'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listSchedulesOfWorkflow: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Schedules */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Schedule'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateScheduleBody'];
      };
    };
    responses: {
      /** @description Created, with its next fire times */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Schedule'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listSchedules: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Schedules */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Schedule'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The schedule */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Schedule'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Schedule'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateScheduleBody'];
      };
    };
    responses: {
      /** @description The changed schedule */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Schedule'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listTemplates: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Templates, in gallery order */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['TemplateSummary'][];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The template */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Template'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createWorkflowFromTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CreateFromTemplateBody'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['TemplateCreation'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  streamRunEvents: {
    parameters: {
      query?: {
        /** @description Replay the events after this event id (Last-Event-ID takes precedence) */
        after?: number | null;
      };
      header?: {
        /** @description Resume after this event (sent by EventSource clients when they reconnect) */
        'last-event-id'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Server-Sent Events: `id` is the event position, `event` its type, `data` the Event as JSON; `: heartbeat` comments keep it alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      /** @description The run is finished and every event after Last-Event-ID was sent */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  streamEvents: {
    parameters: {
      query?: {
        /** @description Replay the events after this event id (Last-Event-ID takes precedence) */
        after?: number | null;
        /** @description Comma-separated event types: run.queued, run.started, run.waiting, run.completed, run.failed, run.cancelled, step.started, step.retrying, step.completed, step.failed, step.skipped, step.cancelled, step.tool_called, step.tool_completed, batch.created, batch.completed, batch.budget_exceeded, approval.requested, approval.decided, evaluation.completed */
        types?: string;
        workflowId?: string;
        batchId?: string;
        runId?: string;
      };
      header?: {
        /** @description Resume after this event (sent by EventSource clients when they reconnect) */
        'last-event-id'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Server-Sent Events: `id` is the event position, `event` its type, `data` the Event as JSON; `: heartbeat` comments keep it alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listEventEndpoints: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Event endpoints */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['EventEndpoint'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createEventEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateEventEndpointBody'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['EventEndpoint'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getEventEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['EventEndpoint'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteEventEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['EventEndpoint'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateEventEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateEventEndpointBody'];
      };
    };
    responses: {
      /** @description The endpoint */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['EventEndpoint'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  rotateEventEndpointSecret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint with its new secret */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['EventEndpoint'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listEventDeliveries: {
    parameters: {
      query?: {
        limit?: number | null;
        page?: number;
        /** @description Cursor: only items whose id is below this one */
        lt?: string;
        /** @description Cursor: only items whose id is above this one */
        gt?: string;
        sort?: 'id' | 'createdAt';
        direction?: 'asc' | 'desc';
        status?: 'pending' | 'delivered' | 'failed';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deliveries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Delivery'][];
            /** @description More items follow: pass nextCursor as `lt` (or `gt` when ascending) */
            hasMore: boolean;
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  redeliverEvent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        deliveryId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Queued */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['Delivery'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Valid, but not allowed in the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getCallbackSecret: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The callback secret */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['CallbackSecret'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  rotateCallbackSecret: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The new callback secret */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            data: components['schemas']['CallbackSecret'];
          };
        };
      };
      /** @description Malformed or invalid request; `details` names each offending field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Missing or invalid credentials (API key, Bearer token or session) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The API key's scope does not allow this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found in your workspace */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Rate limited; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Liveness'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description Not ready: `checks` says why */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The metrics */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
}

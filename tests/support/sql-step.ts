import { createWorkflow, waitForRun, type TestServer } from './assay-server';

/** What a `sql.query` step left in its run, as the API shows it. */
export interface SqlStepOutcome {
  status: 'completed' | 'failed' | 'cancelled';
  output: { rows: unknown[]; rowCount: number; truncated: boolean } | null;
  error: { code: string; message: string } | null;
}

/** Stores a connection string as a credential of the server's workspace. */
export async function addConnection(server: TestServer, name: string, value: string): Promise<void> {
  const { status, body } = await server.api('POST', '/v1/credentials', { name, type: 'connection', value });
  if (status !== 201) throw new Error(`credential ${name} not created: ${status} ${JSON.stringify(body)}`);
}

/** Runs a one-step workflow whose step is `sql.query` with `config`, through the HTTP API, and waits for it. */
export async function runSqlStep(server: TestServer, config: Record<string, unknown>): Promise<SqlStepOutcome> {
  const workflowId = await createWorkflow(server, { name: 'sql', steps: [{ id: 'q', type: 'sql.query', with: config }] });
  const started = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: {} });
  if (started.status !== 201) throw new Error(`run not started: ${started.status} ${JSON.stringify(started.body)}`);
  const run = await waitForRun(server, started.body.data.id as string, 60_000);
  const [step] = run.steps;
  return { status: step.status, output: step.output, error: step.error };
}

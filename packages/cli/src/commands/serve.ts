import { loadConfig, startAssay, type ProcessRole } from '@assay/runtime';

/**
 * `assay serve` (API, web app and workers in one process), `assay api` (HTTP only) or `assay worker`
 * (runs, schedules, event delivery): until SIGTERM/SIGINT, then a clean drain — stop taking work,
 * finish or hand back what is in flight within ASSAY_SHUTDOWN_GRACE_MS, exit 0.
 */
export async function serveCommand(role: ProcessRole = 'all'): Promise<void> {
  const config = loadConfig(process.env);
  const assay = await startAssay(config, { role });
  // Before the first line is printed: a supervisor may signal as soon as it sees one, and without a
  // handler SIGTERM's default action ends the process at once, with nothing drained.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: ${role === 'api' ? 'finishing requests' : 'draining in-flight runs'}, then exiting\n`);
    void assay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (assay.firstStart) {
    const { clientId, secret, workspaceId } = assay.firstStart;
    process.stdout.write(
      [
        '',
        'Assay created a workspace and an admin API key. The secret is shown only this once:',
        `  workspace:          ${workspaceId}`,
        `  x-metal-client-id:  ${clientId}`,
        `  x-metal-api-key:    ${secret}`,
        `  export ASSAY_CLIENT_ID=${clientId} ASSAY_API_KEY=${secret}      # for the assay CLI`,
        `  export METAL_CLIENT_ID=${clientId} METAL_API_KEY=${secret}      # for the API page's examples`,
        '',
      ].join('\n') + '\n',
    );
  }
  if (role === 'worker') process.stdout.write(`Assay worker ${assay.engine.workerId} is executing runs (${assay.store.dialect})\n`);
  else
    process.stdout.write(
      `Assay is listening on ${assay.url}  (API docs: ${assay.url}/docs)${role === 'api' ? ' (API only: worker processes execute the runs)' : ''}\n`,
    );
}

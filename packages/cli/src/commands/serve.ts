import { loadConfig, startAssay } from '@assay/server';

/** `assay serve`: API, web app and workers in one process until SIGTERM/SIGINT, then a clean drain. */
export async function serveCommand(): Promise<void> {
  const config = loadConfig(process.env);
  const assay = await startAssay(config);
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
  process.stdout.write(`Assay is listening on ${assay.url}  (API docs: ${assay.url}/docs)\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: draining in-flight runs, then exiting\n`);
    void assay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

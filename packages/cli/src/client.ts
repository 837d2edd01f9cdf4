import { AssayClient } from '@assay/sdk';
import type { Command } from 'commander';

/** Raised for a usage problem (exit code 2), e.g. missing credentials. */
export class UsageError extends Error {}

/** Options every client command takes (also from the environment). */
export interface GlobalOptions {
  url: string;
  clientId?: string;
  apiKey?: string;
  json?: boolean;
}

/** Adds the connection and output options to the program; subcommands inherit them. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--url <url>', 'Assay server URL (default: ASSAY_URL or http://localhost:8080)')
    .option('--client-id <id>', 'API key client id (default: ASSAY_CLIENT_ID)')
    .option('--api-key <secret>', 'API key secret (default: ASSAY_API_KEY)')
    .option('--json', 'print raw JSON for scripts');
}

/** The options of a subcommand merged with the program's. */
export function globals(command: Command): GlobalOptions {
  // Environment fallbacks are applied here, not as commander defaults, so `--help` never prints a secret.
  const options = command.optsWithGlobals<Partial<GlobalOptions>>();
  return {
    url: options.url ?? process.env.ASSAY_URL ?? 'http://localhost:8080',
    clientId: options.clientId ?? (process.env.ASSAY_CLIENT_ID || undefined),
    apiKey: options.apiKey ?? (process.env.ASSAY_API_KEY || undefined),
    json: options.json,
  };
}

/** An SDK client for the command's server and key. */
export function clientFor(command: Command): AssayClient {
  const options = globals(command);
  if (!options.clientId || !options.apiKey) {
    throw new UsageError('no API key: set ASSAY_CLIENT_ID and ASSAY_API_KEY (or pass --client-id and --api-key)');
  }
  return new AssayClient({ baseUrl: options.url, clientId: options.clientId, apiKey: options.apiKey });
}

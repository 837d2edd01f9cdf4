import { AssayClient } from '@assay/sdk';
import type { Command } from 'commander';

/** Raised for a usage problem (exit code 2), e.g. missing credentials or an unreadable file. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Where client commands send their requests when neither --url nor ASSAY_URL says otherwise. */
export const DEFAULT_URL = 'http://localhost:8080';

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
    .option('--url <url>', `Assay server URL (default: ASSAY_URL or ${DEFAULT_URL})`)
    .option('--client-id <id>', 'API key client id (default: ASSAY_CLIENT_ID)')
    .option('--api-key <secret>', 'API key secret (default: ASSAY_API_KEY)')
    .option('--json', 'print raw JSON for scripts');
}

/** The options of a subcommand merged with the program's. */
export function globals(command: Command): GlobalOptions {
  // Environment fallbacks are applied here, not as commander defaults, so `--help` never prints a secret.
  const options = command.optsWithGlobals<Partial<GlobalOptions>>();
  return {
    url: options.url || process.env.ASSAY_URL || DEFAULT_URL,
    clientId: options.clientId || process.env.ASSAY_CLIENT_ID || undefined,
    apiKey: options.apiKey || process.env.ASSAY_API_KEY || undefined,
    json: options.json,
  };
}

/** An SDK client for the command's server and key; a UsageError when either is missing or malformed. */
export function clientFor(command: Command): AssayClient {
  const options = globals(command);
  if (!options.clientId || !options.apiKey) {
    const missing = [!options.clientId && 'ASSAY_CLIENT_ID (--client-id)', !options.apiKey && 'ASSAY_API_KEY (--api-key)']
      .filter(Boolean)
      .join(' and ');
    throw new UsageError(
      `no API key: set ${missing}. An admin key is printed by the first \`assay serve\`; \`assay keys create\` makes more.`,
    );
  }
  if (!URL.canParse(options.url) || !/^https?:$/.test(new URL(options.url).protocol)) {
    throw new UsageError(
      `not an http(s) URL: "${options.url}" (from ${command.optsWithGlobals<Partial<GlobalOptions>>().url ? '--url' : 'ASSAY_URL'})`,
    );
  }
  return new AssayClient({ baseUrl: options.url, clientId: options.clientId, apiKey: options.apiKey });
}

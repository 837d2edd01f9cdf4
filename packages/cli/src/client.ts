import { AssayClient } from '@assay/sdk';
import type { Command } from 'commander';
import { selectedProfile, type Profile } from './profiles';
import { UsageError } from './usage-error';

export { UsageError };

/** Where client commands send their requests when neither --url, ASSAY_URL nor a profile says otherwise. */
export const DEFAULT_URL = 'http://localhost:8080';

/** Options every client command takes (also from the environment, then from the profile). */
export interface GlobalOptions {
  url: string;
  clientId?: string;
  apiKey?: string;
  json?: boolean;
  /** Where `url` came from, to name it in an error. */
  urlSource: string;
}

/** What commander parses of the global options. */
interface GlobalFlags {
  url?: string;
  clientId?: string;
  apiKey?: string;
  json?: boolean;
  profile?: string;
}

/** Adds the connection and output options to the program; subcommands inherit them. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--url <url>', `Assay server URL (default: ASSAY_URL, the profile's, or ${DEFAULT_URL})`)
    .option('--client-id <id>', "API key client id (default: ASSAY_CLIENT_ID or the profile's)")
    .option('--api-key <secret>', "API key secret (default: ASSAY_API_KEY or the profile's)")
    .option('--profile <name>', 'use this profile saved by `assay login` (default: ASSAY_PROFILE, else "default")')
    .option('--json', 'print raw JSON for scripts');
}

/** The global flags given on the command line (before or after the subcommand). */
export function globalFlags(command: Command): GlobalFlags {
  return command.optsWithGlobals<GlobalFlags>();
}

/**
 * The options of a subcommand merged with the program's. Each connection setting comes from its
 * flag, else its environment variable, else the profile: a flag or variable overrides one value of
 * a profile without giving up the rest.
 */
export function globals(command: Command): GlobalOptions {
  // Environment fallbacks are applied here, not as commander defaults, so `--help` never prints a secret.
  const options = globalFlags(command);
  const env = process.env;
  const needsProfile =
    !(options.url || env.ASSAY_URL) || !(options.clientId || env.ASSAY_CLIENT_ID) || !(options.apiKey || env.ASSAY_API_KEY);
  // A profile named on purpose must exist even when flags give every value: a typo should not go unnoticed.
  const saved = needsProfile || options.profile || env.ASSAY_PROFILE ? selectedProfile(options.profile) : undefined;
  const fromProfile = (key: keyof Profile) => saved?.profile[key] || undefined;
  const [url, urlSource] = options.url
    ? [options.url, '--url']
    : env.ASSAY_URL
      ? [env.ASSAY_URL, 'ASSAY_URL']
      : fromProfile('url')
        ? [fromProfile('url')!, `profile "${saved!.name}"`]
        : [DEFAULT_URL, 'the default'];
  return {
    url,
    urlSource,
    clientId: options.clientId || env.ASSAY_CLIENT_ID || fromProfile('clientId'),
    apiKey: options.apiKey || env.ASSAY_API_KEY || fromProfile('apiKey'),
    json: options.json,
  };
}

/** Whether the command was asked for JSON output (reads no profile). */
export function wantsJson(command: Command): boolean {
  return globalFlags(command).json === true;
}

/** An SDK client for the command's server and key; a UsageError when either is missing or malformed. */
export function clientFor(command: Command): AssayClient {
  const options = globals(command);
  if (!options.clientId || !options.apiKey) {
    const missing = [!options.clientId && 'ASSAY_CLIENT_ID (--client-id)', !options.apiKey && 'ASSAY_API_KEY (--api-key)']
      .filter(Boolean)
      .join(' and ');
    throw new UsageError(
      `no API key: set ${missing}, or save a profile with \`assay login\`. An admin key is printed by the first \`assay serve\`; \`assay keys create\` makes more.`,
    );
  }
  return new AssayClient({ baseUrl: checkedUrl(options.url, options.urlSource), clientId: options.clientId, apiKey: options.apiKey });
}

/** The URL when it is http(s); else a UsageError naming where it came from. */
export function checkedUrl(url: string, source: string): string {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`not an http(s) URL: "${url}" (from ${source})`);
  return url;
}

import { AssayClient } from '@assay/sdk';
import type { Command } from 'commander';
import { checkedUrl, DEFAULT_URL, globalFlags, UsageError } from '../client';
import { printJson, printTable } from '../output';
import { canAsk, openPrompter, type Prompter } from '../prompt';
import { configPath, DEFAULT_PROFILE, readConfig, writeConfig } from '../profiles';

/** The profile `login` and `logout` act on: --profile, else ASSAY_PROFILE, else "default". */
function profileName(command: Command): string {
  return globalFlags(command).profile || process.env.ASSAY_PROFILE || DEFAULT_PROFILE;
}

/**
 * One login value: its flag, else its environment variable, else asked on a terminal. Without a
 * terminal nothing can be asked: a missing value is a usage error naming its flag.
 */
async function loginValue(
  prompter: Prompter | undefined,
  given: string | undefined,
  envName: string,
  question: string,
  flag: string,
  secret = false,
  fallback?: string,
): Promise<string> {
  const value = given || process.env[envName];
  if (value) return value;
  if (prompter) {
    const answer = await prompter.ask(question, { secret, fallback });
    if (answer) return answer;
  } else if (fallback) return fallback;
  throw new UsageError(`${flag} is required (or ${envName})${prompter ? '' : ': stdin is not a terminal, so it cannot be asked'}`);
}

/** `assay login`, `assay logout`, `assay profiles list`: saved connections in the user's config directory. */
export function registerProfileCommands(program: Command): void {
  program
    .command('login')
    .description(
      'save a server URL and API key as a profile (--profile, default "default") after checking the key works; asks for what --url, --client-id and --api-key do not give',
    )
    .action(async (_options: unknown, command: Command) => {
      const flags = globalFlags(command);
      const name = profileName(command);
      const prompter = canAsk() ? openPrompter() : undefined;
      let url: string, clientId: string, apiKey: string;
      try {
        url = checkedUrl(
          await loginValue(prompter, flags.url, 'ASSAY_URL', 'Assay server URL', '--url', false, DEFAULT_URL),
          flags.url ? '--url' : process.env.ASSAY_URL ? 'ASSAY_URL' : 'the answer',
        );
        clientId = await loginValue(prompter, flags.clientId, 'ASSAY_CLIENT_ID', 'API key client id', '--client-id');
        apiKey = await loginValue(prompter, flags.apiKey, 'ASSAY_API_KEY', 'API key secret (not shown)', '--api-key', true);
      } finally {
        prompter?.close();
      }
      // A key that does not work is not saved: the call fails with the server's reason (exit 1).
      const key = await new AssayClient({ baseUrl: url, clientId, apiKey }).keys.current();
      const config = readConfig();
      config.profiles[name] = { url, clientId, apiKey };
      writeConfig(config);
      if (flags.json) return printJson({ profile: name, url, clientId, key: { id: key.id, name: key.name, scope: key.scope } });
      process.stdout.write(`logged in to ${url} as key "${key.name}" (${key.scope}); saved as profile "${name}" in ${configPath()}\n`);
    });

  program
    .command('logout')
    .description('forget a saved profile (--profile, default "default") and its key')
    .action((_options: unknown, command: Command) => {
      const name = profileName(command);
      const config = readConfig();
      if (!Object.hasOwn(config.profiles, name)) throw new UsageError(`no profile "${name}" in ${configPath()}`);
      delete config.profiles[name];
      writeConfig(config);
      process.stdout.write(`removed profile "${name}"\n`);
    });

  const profiles = program.command('profiles').description('saved connections (`assay login` adds one)');
  profiles
    .command('list')
    .description('list the saved profiles (never their keys)')
    .action((_options: unknown, command: Command) => {
      const selected = profileName(command);
      const rows = Object.entries(readConfig().profiles).map(([name, profile]) => ({
        name,
        url: profile.url,
        clientId: profile.clientId,
        current: name === selected,
      }));
      if (globalFlags(command).json) return printJson(rows);
      printTable(
        rows.map((row) => ({ ...row, current: row.current ? '*' : '' })),
        ['name', 'url', 'clientId', 'current'],
      );
    });
}

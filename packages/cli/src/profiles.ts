import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { UsageError } from './usage-error';

/** A saved connection: where the server is and the key to use there. */
export interface Profile {
  url: string;
  clientId: string;
  apiKey: string;
}

/** The CLI's config file: named profiles (the one used without --profile or ASSAY_PROFILE is "default"). */
export interface ConfigFile {
  profiles: Record<string, Profile>;
}

export const DEFAULT_PROFILE = 'default';

/**
 * `$XDG_CONFIG_HOME/assay/config.json`, else `~/.config/assay/config.json` (the XDG base directory
 * rules: a relative XDG_CONFIG_HOME is ignored).
 */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.config');
  return path.join(base, 'assay', 'config.json');
}

/** The config file's profiles; none when there is no file yet. */
export function readConfig(file = configPath()): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON (${(error as Error).message}): fix it, or delete it and \`assay login\` again`);
  }
  const profiles = (value as Partial<ConfigFile> | null)?.profiles;
  if (!profiles || typeof profiles !== 'object' || Array.isArray(profiles)) throw new UsageError(`${file} has no "profiles" object`);
  return { profiles };
}

/**
 * Writes the config file readable by its owner only (it holds API key secrets): the directory 0700,
 * the file 0600 even when it existed with wider rights, replaced whole so a crash leaves the old one.
 */
export function writeConfig(config: ConfigFile, file = configPath()): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** The profile a command uses: named by --profile or ASSAY_PROFILE (which must exist), else "default" if saved. */
export function selectedProfile(named: string | undefined): { name: string; profile: Profile } | undefined {
  const name = named || process.env.ASSAY_PROFILE || undefined;
  const { profiles } = readConfig();
  if (name === undefined) {
    const profile = profiles[DEFAULT_PROFILE];
    return profile ? { name: DEFAULT_PROFILE, profile } : undefined;
  }
  const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  if (!profile) {
    const known = Object.keys(profiles);
    throw new UsageError(
      `no profile "${name}" in ${configPath()}${known.length ? ` (there are: ${known.join(', ')})` : ''}: \`assay login --profile ${name}\` saves one`,
    );
  }
  return { name, profile };
}

import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { AssayError } from '@assay/schema';

/**
 * The real path of the SQLite file a `sqlite:` / `file:` connection names, which must lie inside
 * `root` (ASSAY_SQLITE_ROOT). Symbolic links and `..` are resolved before the check, and the file
 * must exist. The result is a plain absolute path: SQLite reads URI parameters (`?mode=rwc`, `vfs=`)
 * only from names that start with `file:`, so none reach it.
 */
export async function resolveSqliteFile(connection: string, root: string, name: string): Promise<string> {
  const named = path.resolve(connection.replace(/^(sqlite|file):(\/\/)?/, ''));
  const outside = new AssayError('invalid_input', `connection "${name}": SQLite files must be inside ${root} (ASSAY_SQLITE_ROOT)`);
  const [file, realRoot] = await Promise.all([realpath(named).catch(() => null), realpath(root).catch(() => null)]);
  if (realRoot === null || !named.startsWith(path.resolve(root) + path.sep)) throw outside;
  if (file === null) throw new AssayError('invalid_input', `connection "${name}": the SQLite file does not exist`);
  if (!file.startsWith(realRoot + path.sep)) throw outside;
  return file;
}

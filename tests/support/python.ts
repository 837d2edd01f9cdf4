import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A python3 that can `import requests` (the seed page's client). CI installs Debian's
 * python3-requests; a machine with another python3 first on PATH may have it there instead.
 * Fails loudly rather than skipping when there is none.
 */
export async function findPython(): Promise<string> {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      await run(candidate, ['-c', 'import requests']);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('no python3 with the requests module: install python3-requests (apt-get install python3-requests)');
}

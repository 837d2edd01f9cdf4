import { execFile } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
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

/**
 * Debian's python3: the Python client's dependencies come from Debian packages (no PyPI here), which
 * install for it, not for another python3 that may be first on PATH.
 */
export const CLIENT_PYTHON = '/usr/bin/python3';

/** What `CLIENT_PYTHON` needs to build, install and test the client offline. */
export const CLIENT_PYTHON_PACKAGES = 'apt-get install python3-httpx python3-pytest python3-venv python3-setuptools python3-wheel';

/** The client's runtime and test modules, and the build tools `pip install --no-build-isolation` uses. */
const CLIENT_MODULES = ['httpx', 'pytest', 'venv', 'ensurepip', 'setuptools', 'wheel'];

/** One process's exit code and everything it printed, whatever the code. */
export interface Captured {
  code: number;
  output: string;
}

/** Runs a program to its end and captures its output (a non-zero exit is a result here, not an error). */
export async function capture(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Captured> {
  try {
    const { stdout, stderr } = await run(file, args, { ...options, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    const code = typeof failed.code === 'number' ? failed.code : -1;
    return { code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message };
  }
}

/** Environment for pip and Python in tests: offline, and nothing written into the source tree. */
export function offlinePythonEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PIP_NO_INDEX: '1',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    ...extra,
  };
}

/** Fails, naming the Debian packages to install, unless `CLIENT_PYTHON` has every module the client needs. */
export async function requireClientPython(): Promise<string> {
  const check = `import importlib.util, sys; missing = [m for m in ${JSON.stringify(CLIENT_MODULES)} if importlib.util.find_spec(m) is None]; print(" ".join(missing)); sys.exit(1 if missing else 0)`;
  const result = await capture(CLIENT_PYTHON, ['-c', check]);
  if (result.code !== 0)
    throw new Error(
      `${CLIENT_PYTHON} cannot build and test the Python client (missing: ${result.output.trim()}): ${CLIENT_PYTHON_PACKAGES}`,
    );
  return CLIENT_PYTHON;
}

/**
 * Makes a venv in `workDir` that sees Debian's packages, and pip-installs the client into it offline
 * (`--no-build-isolation --no-deps --no-index`). The source is copied first: pip builds in place and
 * would leave `build/` and `*.egg-info` in the repository. Resolves with the venv's python.
 */
export async function installPythonClient(sourceDir: string, workDir: string): Promise<string> {
  const python = await requireClientPython();
  const venv = path.join(workDir, 'venv');
  const made = await capture(python, ['-m', 'venv', '--system-site-packages', venv]);
  if (made.code !== 0) throw new Error(`python3 -m venv failed (${CLIENT_PYTHON_PACKAGES}):\n${made.output}`);
  const source = path.join(workDir, 'source');
  mkdirSync(source);
  cpSync(sourceDir, source, {
    recursive: true,
    filter: (file) => !/(^|[/\\])(build|__pycache__|\.pytest_cache|[^/\\]*\.egg-info)$/.test(file),
  });
  const venvPython = path.join(venv, 'bin', 'python');
  const installed = await capture(venvPython, ['-m', 'pip', 'install', '--no-build-isolation', '--no-deps', '--no-index', source], {
    env: offlinePythonEnv(),
  });
  if (installed.code !== 0) throw new Error(`pip install of the Python client failed:\n${installed.output}`);
  return venvPython;
}

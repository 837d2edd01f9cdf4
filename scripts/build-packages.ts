/**
 * Builds every package's sources (`packages/<name>/src`) to JavaScript in `packages/<name>/dist`,
 * file for file, so the layout is the same (code that finds a sibling file by URL finds it there).
 * Each file is transpiled alone: every import stays an import, relative ones pointed at the `.js`
 * file they become (Node's ESM loader needs the extension). Plain `.js`/`.mjs` files (worker entry
 * points) are copied as they are. `--types` also writes the declarations (`tsc`, slower).
 *
 * Usage: node --import tsx scripts/build-packages.ts [--types] [--if-stale]
 *   --if-stale: build only when a source is newer than the last build (the test suite's set-up).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
/** The packages that run on Node (the web app is built by Vite). */
export const NODE_PACKAGES = ['schema', 'engine', 'store', 'steps', 'server', 'runtime', 'sdk', 'cli'];
const STAMP = (name: string) => path.join(ROOT, 'packages', name, 'dist', '.built');

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.endsWith('.d.ts');

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (!isTest(entry.name)) files.push(full);
  }
  return files;
}

/** Every import stays external; a relative one is pointed at the `.js` file its target becomes. */
const relativeToJs: Plugin = {
  name: 'relative-to-js',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (!args.path.startsWith('.')) return { path: args.path, external: true };
      const target = path.resolve(args.resolveDir, args.path);
      for (const [suffix, becomes] of [
        ['.ts', '.js'],
        ['.tsx', '.js'],
        ['/index.ts', '/index.js'],
      ] as const) {
        if (existsSync(target + suffix)) return { path: args.path + becomes, external: true };
      }
      if (/\.(ts)$/.test(args.path)) return { path: args.path.replace(/\.ts$/, '.js'), external: true };
      return { path: args.path, external: true }; // a .js/.mjs/.json file, copied beside
    });
  },
};

function newestSource(name: string): number {
  const files = sourceFiles(path.join(ROOT, 'packages', name, 'src'));
  return Math.max(...files.map((file) => statSync(file).mtimeMs), statSync(path.join(ROOT, 'packages', name, 'package.json')).mtimeMs);
}

function isStale(name: string): boolean {
  return !existsSync(STAMP(name)) || statSync(STAMP(name)).mtimeMs < newestSource(name);
}

async function buildPackage(name: string): Promise<void> {
  const src = path.join(ROOT, 'packages', name, 'src');
  const dist = path.join(ROOT, 'packages', name, 'dist');
  const files = sourceFiles(src);
  // Built beside, then swapped in whole: a process starting meanwhile never reads a half-written tree
  // (and two builds at once, say two test runs, do not write into each other's).
  const next = `${dist}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  await build({
    entryPoints: files.filter((file) => /\.tsx?$/.test(file)),
    outdir: next,
    outbase: src,
    bundle: true, // with every import external: resolves specifiers through the plugin, bundles nothing
    plugins: [relativeToJs],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const file of files.filter((f) => !/\.tsx?$/.test(f))) {
    const to = path.join(next, path.relative(src, file));
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(file, to);
  }
  // A build of the JavaScript alone keeps the declarations of the last full build.
  for (const kept of ['types', 'index.d.ts']) {
    if (existsSync(path.join(dist, kept))) renameSync(path.join(dist, kept), path.join(next, kept));
  }
  writeFileSync(path.join(next, '.built'), '');
  const old = `${dist}.old-${process.pid}`;
  if (existsSync(dist)) renameSync(dist, old);
  try {
    renameSync(next, dist);
  } catch {
    rmSync(next, { recursive: true, force: true }); // another build put the same tree there first
  }
  rmSync(old, { recursive: true, force: true });
}

/** Declarations of every package in one `tsc` program, moved into each package's `dist/types`. */
function buildTypes(): void {
  const out = path.join(ROOT, 'node_modules/.cache/assay-types');
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out],
    {
      stdio: 'inherit',
    },
  );
  for (const name of NODE_PACKAGES) {
    const to = path.join(ROOT, 'packages', name, 'dist', 'types');
    rmSync(to, { recursive: true, force: true });
    renameSync(path.join(out, name, 'src'), to);
  }
  // The SDK is published: one declaration file, the schema's types inlined (it has no runtime
  // dependency on the private package, only on zod's types, which the schema's are written in).
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/dts-bundle-generator/dist/bin/dts-bundle-generator.js'),
      '--silent',
      '--project',
      path.join(ROOT, 'packages/sdk/tsconfig.bundle-types.json'),
      '--external-inlines',
      '@assay/schema',
      '--export-referenced-types',
      'false',
      '-o',
      path.join(ROOT, 'packages/sdk/dist/index.d.ts'),
      path.join(ROOT, 'packages/sdk/dist/types/index.d.ts'),
    ],
    { stdio: 'inherit' },
  );
}

const args = new Set(process.argv.slice(2));
const names = args.has('--if-stale') ? NODE_PACKAGES.filter(isStale) : NODE_PACKAGES;
await Promise.all(names.map(buildPackage));
if (args.has('--types')) buildTypes();
if (names.length > 0) process.stdout.write(`built ${names.join(', ')}${args.has('--types') ? ' (with declarations)' : ''}\n`);

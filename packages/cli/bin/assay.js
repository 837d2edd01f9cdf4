#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=100
// The `assay` command, run from its built JavaScript (`npm ci` builds it; `npm run build` again
// after changing a package's sources; the test suite does so itself when they are newer).
//
// --max-semi-space-size=4 (MiB): a small young generation. The engine makes many short-lived
// objects; scavenging a small space often keeps the server ~40 MiB smaller at the same speed (the
// memory rows of `npm run bench`).
// --heap-growing-percent=100: the old generation may double past what the last full collection left
// before the next one, where V8 13 (Node 24) lets it grow up to fourfold under a high allocation
// rate and keeps it committed: draining 100,000 queued runs peaks at ~255 MiB instead of ~355 MiB,
// at the same rate. `npm start`, the container image and the bench pass the same flags.
import module from 'node:module';
import { nodeTooOld } from './node-version.js';

const tooOld = nodeTooOld(process.versions.node);
if (tooOld) {
  console.error(tooOld);
  process.exit(1);
}
// Node's on-disk cache of compiled modules (in the OS temp directory): a second `assay --help` skips
// compiling the CLI's dependencies again.
module.enableCompileCache?.();
await import('../dist/main.js');

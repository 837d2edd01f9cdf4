#!/usr/bin/env -S node --max-semi-space-size=4
// The `assay` command, run from its built JavaScript (`npm ci` builds it; `npm run build` again
// after changing a package's sources; the test suite does so itself when they are newer).
//
// --max-semi-space-size=4 (MiB): a small young generation. The engine makes many short-lived
// objects; scavenging a small space often keeps the server ~40 MiB smaller at the same speed (the
// memory rows of `npm run bench`). `npm start` passes the same flag.
await import('../dist/main.js');

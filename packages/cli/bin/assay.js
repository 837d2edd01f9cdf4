#!/usr/bin/env -S node --max-semi-space-size=4
// The `assay` command. Assay's sources are TypeScript, executed through tsx's loader.
//
// --max-semi-space-size=4 (MiB): a small young generation. The engine makes many short-lived
// objects; scavenging a small space often keeps the server ~40 MiB smaller at the same speed (the
// memory rows of `npm run bench`). `npm start` passes the same flag.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');

#!/usr/bin/env node
// The `assay` command. Assay's sources are TypeScript, executed through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');

// Preloaded with `node --import` by tests that check which modules a process loads: every module
// URL the process resolves is appended to the file named by ASSAY_TEST_MODULE_LOG.
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url, { data: { file: process.env.ASSAY_TEST_MODULE_LOG } });

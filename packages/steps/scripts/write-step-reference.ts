/**
 * Writes docs/steps.md, the reference of every built-in step type, from the step types themselves.
 *
 *   node --conditions=@assay/source --import tsx packages/steps/scripts/write-step-reference.ts            writes it
 *   node --conditions=@assay/source --import tsx packages/steps/scripts/write-step-reference.ts --check    exits 1 when stale
 *
 * `--file <path>` writes or checks another file (tests check a stale copy).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { builtInStepsForReference } from '../src/reference/reference-registry';
import { REGENERATE_COMMAND } from '../src/reference/render-step-reference';
import { STEP_REFERENCE_PATH, stepReferenceFile } from '../src/reference/step-reference-file';

const { values } = parseArgs({
  options: { check: { type: 'boolean', default: false }, file: { type: 'string', default: STEP_REFERENCE_PATH } },
});
const file = path.resolve(values.file);
const expected = await stepReferenceFile(builtInStepsForReference());

if (values.check) {
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current !== expected) {
    const state = current === null ? 'is missing' : 'differs from what the step types describe now';
    process.stderr.write(`${path.relative(process.cwd(), file) || file} ${state}: regenerate it with \`${REGENERATE_COMMAND}\`\n`);
    process.exit(1);
  }
  process.stdout.write(`${file} is current\n`);
} else {
  await writeFile(file, expected);
  process.stdout.write(`wrote ${file}\n`);
}

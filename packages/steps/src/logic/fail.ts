import { AssayError } from '@assay/schema';
import { defineStepType } from '@assay/engine';
import { z } from 'zod';

const Config = z.object({ message: z.string().min(1).max(10_000).describe('The error message the run fails with') }).strict();

/** `fail`: ends the run with an error carrying the given message (for error paths). */
export const failStep = defineStepType<z.infer<typeof Config>>({
  type: 'fail',
  example: { id: 'noResults', with: { message: 'Nothing found for {{ input.query }}' } },
  family: 'logic',
  description: 'Fail the run with a message, for error paths.',
  config: Config,
  async execute(config) {
    throw new AssayError('step_failed', config.message);
  },
});

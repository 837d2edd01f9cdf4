import { AssayError } from '@assay/schema';
import { defineStepType } from '@assay/engine';
import { z } from 'zod';

const Config = z
  .object({
    seconds: z
      .number()
      .min(0)
      .max(365 * 86_400)
      .optional()
      .describe('How long to wait, in seconds (give this or `until`)'),
    until: z.iso.datetime({ offset: true }).optional().describe('When to continue: an ISO 8601 time with its offset'),
  })
  .strict()
  .refine((c) => (c.seconds === undefined) !== (c.until === undefined), { message: 'give exactly one of "seconds" or "until"' });

/**
 * `wait`: a durable sleep. The run is parked in the database (holding no worker) and resumes when
 * the time comes, even across restarts.
 */
export const waitStep = defineStepType<z.infer<typeof Config>>({
  type: 'wait',
  example: { id: 'coolDown', with: { seconds: 3600 } },
  family: 'logic',
  outputSchema: () => ({ type: 'object', properties: { waitedUntil: { type: 'string' } } }),
  description: 'Pause the run for some seconds or until a time, without holding a worker.',
  config: Config,
  async execute(config, context) {
    const until = config.until !== undefined ? Date.parse(config.until) : context.now() + (config.seconds ?? 0) * 1000;
    if (!Number.isFinite(until)) throw new AssayError('invalid_input', `steps.${context.stepId}.with.until: not a time`);
    return { kind: 'sleep', until, output: { waitedUntil: new Date(until).toISOString() } };
  },
});

import { defineStepType, type StepType } from '@assay/engine';
import { AssayError } from '@assay/schema';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import { JsonSchemaSetting } from './schema-check';
import { checkValue, compileSchema, describeProblems } from '../ai/validate';

/** What `wait.signal` needs from the rest of Assay: the signals sent to a run. */
export interface RunSignals {
  get(runId: string, name: string): Promise<{ payload: unknown; receivedAt: number } | null>;
}

/** A signal's name: what `POST /v1/workflow-runs/{id}/signals/{name}` carries in its path. */
export const SignalName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must be 1-64 letters, digits, "_", "." or "-", starting with a letter');

const Config = z
  .object({
    name: SignalName.describe('The signal’s name, as sent to `POST /v1/workflow-runs/{id}/signals/{name}`'),
    timeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(365 * 86_400)
      .default(7 * 86_400)
      .describe('How long to wait before the step fails (7 days by default)'),
    schema: JsonSchemaSetting.optional().describe('A JSON Schema the payload must match: a signal that does not is refused with 400'),
  })
  .strict();

/** The state a waiting step keeps across parks: when it gives up. */
interface Waiting {
  deadline: number;
}

/**
 * `wait.signal`: the run parks (holding no worker) until a system sends the signal
 * (`POST /v1/workflow-runs/{id}/signals/{name}` with `{ payload }`; one sent before the run gets
 * here is kept for it) and outputs its payload; or fails when `timeoutSeconds` pass first.
 */
export function createWaitSignalStep(signals: RunSignals): StepType {
  return defineStepType<z.infer<typeof Config>>({
    type: 'wait.signal',
    example: { id: 'payment', with: { name: 'payment.received', timeoutSeconds: 86400 } },
    family: 'logic',
    waitsFor: 'signal',
    description: 'Wait, without holding a worker, until a system sends the run a named signal; output its payload.',
    config: Config,
    async execute(config, context) {
      const signal = await signals.get(context.runId, config.name);
      if (signal) {
        // Checked when it was sent; checked again here in case the workflow changed its schema since.
        if (config.schema) {
          const check = checkValue(signal.payload, compileSchema(config.schema as JSONSchema7));
          if (!check.ok)
            throw new AssayError(
              'invalid_input',
              `signal "${config.name}": the payload does not match the step's schema: ${describeProblems(check.problems)}`,
            );
        }
        return {
          kind: 'completed',
          output: signal.payload,
          usage: { signal: config.name, receivedAt: new Date(signal.receivedAt).toISOString() },
        };
      }
      const waiting = context.previous?.suspended ? (context.previous.output as Waiting | null) : null;
      const deadline = waiting?.deadline ?? context.now() + config.timeoutSeconds * 1000;
      if (context.now() >= deadline)
        throw new AssayError(
          'step_timeout',
          `no signal "${config.name}" arrived within ${config.timeoutSeconds.toLocaleString('en-US')} s`,
        );
      return { kind: 'suspend', until: deadline, state: { deadline } satisfies Waiting };
    },
  });
}

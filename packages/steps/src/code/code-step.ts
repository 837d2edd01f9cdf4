import { defineStepType, limits } from '@assay/engine';
import { z } from 'zod';
import { runInSandbox } from './sandbox';

const Config = z
  .object({
    code: z
      .string()
      .min(1)
      .max(200_000)
      .describe(
        'A JavaScript function body with `input` and `steps` in scope (and `item`, `index` inside a `map`); what it returns (JSON) is the output',
      ),
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(30_000)
      .default(1000)
      .describe('CPU time the code may use, in milliseconds (a busy machine does not count against it)'),
    memoryMb: z.number().int().min(1).max(256).default(32).describe('Memory allowed, in MB'),
  })
  .strict();

/**
 * `code`: a JavaScript function body run in a QuickJS WebAssembly sandbox (no filesystem, network,
 * process or timers) with `input` and `steps` in scope; its `return` value (JSON) is the output.
 * CPU time and memory are capped (`timeoutMs` ≤ 30000, `memoryMb` ≤ 256). Inside a `map`, `item` and
 * `index` are in scope too.
 */
export const codeStep = defineStepType<z.infer<typeof Config>>({
  type: 'code',
  example: { id: 'topScores', with: { code: 'return input.items.filter((item) => item.score > 0.5).map((item) => item.name);' } },
  family: 'logic',
  description: 'Run a short JavaScript function body in a sandbox over the inputs and earlier steps.',
  config: Config,
  // JavaScript source is passed exactly as written: `{{` in a string literal is not a template.
  verbatimKeys: ['code'],
  async execute(config, context) {
    const output = await runInSandbox({
      code: config.code,
      scope: context.scope,
      timeoutMs: config.timeoutMs,
      memoryMb: config.memoryMb,
      maxOutputBytes: limits().maxOutputBytes,
      signal: context.signal,
    });
    return { kind: 'completed', output: output ?? null };
  },
});

/**
 * Runs in an isolate (see `runIsolated`): a pattern from a scorer, which may backtrack without end
 * on some text, is tested where its time can be cut off.
 */
export function testPattern(input: { pattern: string; flags: string; text: string }): boolean | string {
  try {
    return new RegExp(input.pattern, input.flags).test(input.text);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

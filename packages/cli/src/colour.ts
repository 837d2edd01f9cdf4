import picocolors from 'picocolors';

/** picocolors' functions, each a no-op when colour is off. */
export type Colors = ReturnType<typeof picocolors.createColors>;

/**
 * Whether to colour a stream: FORCE_COLOR (any value but "0"/"false") forces it; otherwise only a
 * terminal gets colour, and never with NO_COLOR set (https://no-color.org). Decided here rather than
 * by picocolors' own guess, which also colours piped output whenever CI is set.
 */
export function colourEnabled(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/** Colours for what goes to stdout (tables, records). */
export const out: Colors = picocolors.createColors(colourEnabled(process.stdout));
/** Colours for what goes to stderr (errors, hints). */
export const err: Colors = picocolors.createColors(colourEnabled(process.stderr));

/** A status word in the colour people read it by: green done, red failed, yellow in progress. */
export function statusColour(status: string, colours: Colors = out): string {
  switch (status) {
    case 'completed':
    case 'delivered':
    case 'approved':
    case 'true':
      return colours.green(status);
    case 'failed':
    case 'rejected':
    case 'expired':
      return colours.red(status);
    case 'cancelled':
    case 'false':
      return colours.dim(status);
    case 'queued':
    case 'running':
    case 'waiting':
    case 'pending':
      return colours.yellow(status);
    default:
      return status;
  }
}

import { AssayError } from '@assay/schema';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { requestHeader } from './request-header';

/**
 * How deeply a JSON request body may nest. Definitions and run inputs are walked recursively when
 * they are validated, stored and run, so a body nested thousands of levels deep (which fits in a
 * small body limit) would otherwise overflow the stack and answer 500.
 */
export const MAX_JSON_DEPTH = 128;

/** The deepest nesting of `[`/`{` in JSON text (strings skipped); no parse, one pass. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return deepest;
}

/** Throws a 400 naming the body when JSON text nests deeper than `maxDepth`. */
export function assertJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): void {
  if (jsonDepth(text) > maxDepth) {
    const message = `JSON nested deeper than ${maxDepth} levels`;
    throw new AssayError('invalid_input', `(body): ${message}`, { details: [{ path: '(body)', message }] });
  }
}

/** Route middleware: refuses a JSON body nested deeper than `maxDepth` before it is parsed. */
export function jsonDepthLimit(maxDepth = MAX_JSON_DEPTH): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (/\bjson\b/i.test(requestHeader(c, 'content-type') ?? '')) assertJsonDepth(await c.req.text(), maxDepth);
    await next();
  };
}

/**
 * The URL of a module beside `base` (a module's `import.meta.url`), for code handed to an isolate by
 * URL: `name.ts` beside a source file (a checkout run from source), `name.js` beside a built one.
 */
export function siblingModule(base: string, name: string): URL {
  return new URL(`${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

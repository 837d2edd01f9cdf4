/** Parses `key=value` arguments given to a measurement by bench/main.ts. */
export function parseArgs(args: readonly string[]): Record<string, string> {
  return Object.fromEntries(args.map((a) => a.split('=', 2) as [string, string]).filter(([k, v]) => k && v !== undefined));
}

export function intArg(args: Record<string, string>, key: string, fallback: number): number {
  const value = Number(args[key]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

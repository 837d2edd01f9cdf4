import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import YAML from 'yaml';
import { UsageError } from './client';

/** A commander argument parser for a whole number within bounds (commander reports a bad one, exit 2). */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number${max === Number.MAX_SAFE_INTEGER ? ` ≥ ${min}` : ` from ${min} to ${max}`}.`);
    }
    return n;
  };
}

/** A commander argument parser for a number of seconds (≥ 0, fractions allowed). */
export function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of seconds ≥ 0.');
  return n;
}

/** Reads a file, turning "no such file" and the like into a usage error. */
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Parses JSON of any shape; `source` names it in the error. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Parses JSON that must be an object (a run input); `source` names it in the error. */
export function parseJsonObject(text: string, source: string): Record<string, unknown> {
  const value = parseJson(text, source);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${source} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** Reads a JSON or YAML file holding one object (JSON is read by the YAML parser too). */
export async function readObjectFile(file: string): Promise<Record<string, unknown>> {
  const text = await readText(file);
  let value: unknown;
  try {
    value = YAML.parse(text, { prettyErrors: true });
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON or YAML: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${file} must hold a JSON/YAML object (a workflow definition)`);
  return value as Record<string, unknown>;
}

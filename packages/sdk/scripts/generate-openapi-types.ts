/**
 * Generates packages/sdk/src/openapi/schema.d.ts — TypeScript types of the API's OpenAPI document
 * (openapi-typescript) — or, with --check, fails when the committed file is not what the document
 * makes now. Run from the repository's root:
 *
 *   node --conditions=@assay/source --import tsx packages/sdk/scripts/generate-openapi-types.ts [--check] [--url <origin>] [--file <path>]
 *
 * The document comes from `<origin>/v1/openapi.json` with --url; without it, from an Assay started
 * in this process on a temporary SQLite database (a development tool: the SDK itself never imports
 * the runtime). The output is formatted with the repository's Prettier settings, so the committed
 * file passes `npm run lint` as it is.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

const COMMITTED = fileURLToPath(new URL('../src/openapi/schema.d.ts', import.meta.url));
const COMMAND = 'node --conditions=@assay/source --import tsx packages/sdk/scripts/generate-openapi-types.ts';
const HEADER = `/**
 * Generated from the API's OpenAPI document (/v1/openapi.json) by openapi-typescript: do not edit.
 * Regenerate with \`${COMMAND}\`.
 */
`;

/** The served document: from a running server, or from one started here for the purpose. */
async function fetchDocument(origin: string | undefined): Promise<unknown> {
  if (origin) return readDocument(origin);
  const { createLogger, loadConfig, startAssay } = await import('@assay/runtime');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-openapi-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', ASSAY_DATA_DIR: dataDir, ASSAY_LOG_LEVEL: 'silent', ASSAY_DEMO: 'false' });
  const assay = await startAssay(config, { logger: createLogger(config.logLevel) });
  try {
    return await readDocument(assay.url);
  } finally {
    await assay.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function readDocument(origin: string): Promise<unknown> {
  const response = await fetch(`${origin.replace(/\/+$/, '')}/v1/openapi.json`);
  if (!response.ok) throw new Error(`GET ${origin}/v1/openapi.json answered ${response.status}`);
  return response.json();
}

/** The types file the document makes, formatted as the repository formats TypeScript. */
async function typesFor(document: unknown, file: string): Promise<string> {
  const text = HEADER + astToString(await openapiTS(document as Parameters<typeof openapiTS>[0]));
  return format(text, { ...(await resolveConfig(file)), filepath: file });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean' }, url: { type: 'string' }, file: { type: 'string' } } });
  const file = path.resolve(values.file ?? COMMITTED);
  const generated = await typesFor(await fetchDocument(values.url), file);
  if (!values.check) {
    writeFileSync(file, generated);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // a missing file is stale too
  }
  if (committed === generated) {
    console.log(`${path.relative(process.cwd(), file)} matches the OpenAPI document`);
    return;
  }
  const line = firstDifference(committed, generated);
  console.error(
    `${path.relative(process.cwd(), file)} is stale: the OpenAPI document changed (first difference at line ${line}).\n` +
      `Regenerate it from the repository's root with:\n  ${COMMAND}`,
  );
  process.exitCode = 1;
}

function firstDifference(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const at = left.findIndex((lineText, index) => lineText !== right[index]);
  return (at === -1 ? left.length : at) + 1;
}

await main();

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const PDFTOTEXT = '/usr/bin/pdftotext';

/** The text of a PDF as poppler's pdftotext reads it (a reader's view, not the renderer's). */
export async function pdftotext(data: Uint8Array): Promise<string> {
  if (!existsSync(PDFTOTEXT))
    throw new Error(`${PDFTOTEXT} is missing: install poppler-utils (apt-get install poppler-utils) to run this test`);
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-pdftotext-'));
  try {
    const file = path.join(dir, 'file.pdf');
    writeFileSync(file, data);
    const { stdout } = await promisify(execFile)(PDFTOTEXT, ['-enc', 'UTF-8', file, '-']);
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

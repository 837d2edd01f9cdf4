import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh temp directory for one measurement's SQLite file; `cleanup` removes it (and the WAL files). */
export function tempDir(label: string): { dir: string; file: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `assay-bench-${label}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove); // also when the measurement is stopped early
  return {
    dir,
    file: path.join(dir, 'assay.db'),
    cleanup: () => {
      process.off('exit', remove);
      remove();
    },
  };
}

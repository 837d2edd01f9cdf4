import { useState } from 'react';
import { parseCsv, type ParsedCsv } from './batch-mapping';

const PREVIEW_ROWS = 5;

/** Picks a CSV file and reads it in the browser: its columns and first rows show before anything is sent. */
export function CsvSource({ parsed, onParsed }: { parsed: ParsedCsv | null; onParsed(parsed: ParsedCsv | null, fileName: string): void }) {
  const [error, setError] = useState<string | null>(null);
  const pick = async (file: File | undefined) => {
    setError(null);
    if (!file) return onParsed(null, '');
    try {
      const result = parseCsv(await file.text());
      if (result.columns.length === 0) setError('The file has no header row.');
      onParsed(result.columns.length > 0 ? result : null, file.name);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      onParsed(null, file.name);
    }
  };
  return (
    <div>
      <label>
        CSV file <span className="hint">A header row, then one row per run.</span>
        <input type="file" accept=".csv,text/csv" data-testid="batch-file" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {error && <div className="error-note">{error}</div>}
      {parsed && (
        <>
          <p className="muted" data-testid="csv-summary">
            {parsed.rows.length} rows · columns: {parsed.columns.join(', ')}
          </p>
          {parsed.problems.length > 0 && <div className="notice">Some rows look malformed: {parsed.problems.join('; ')}</div>}
          <div className="batch-table-wrap">
            <table className="table" data-testid="csv-preview">
              <thead>
                <tr>
                  {parsed.columns.map((column) => (
                    <th key={column}>{column}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {parsed.rows.slice(0, PREVIEW_ROWS).map((row, index) => (
                  <tr key={index}>
                    {parsed.columns.map((column) => (
                      <td key={column}>{row[column]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

import { describe, expect, it } from 'vitest';
import { datasetNameFromFile, readDatasetFile } from './dataset-file';

describe('dataset uploads', () => {
  it('sends CSV as text and parses NDJSON and JSON into rows', () => {
    expect(readDatasetFile('a.csv', 'id,name\n1,x\n')).toEqual({ kind: 'csv', text: 'id,name\n1,x\n' });
    expect(readDatasetFile('a.ndjson', '{"id":1}\n\n{"id":2}\r\n')).toEqual({ kind: 'rows', rows: [{ id: 1 }, { id: 2 }] });
    expect(readDatasetFile('a.json', '[{"id":1}]')).toEqual({ kind: 'rows', rows: [{ id: 1 }] });
    expect(readDatasetFile('a.json', '{"rows":[{"id":1}]}')).toEqual({ kind: 'rows', rows: [{ id: 1 }] });
  });

  it('names the offending line or row', () => {
    expect(() => readDatasetFile('a.jsonl', '{"id":1}\nnope')).toThrow('line 2: not valid JSON');
    expect(() => readDatasetFile('a.json', '[{"id":1}, 3]')).toThrow('rows[1]: must be an object');
    expect(() => readDatasetFile('a.json', '{"id":1}')).toThrow('list of rows');
  });

  it('derives a valid dataset name from the file name', () => {
    expect(datasetNameFromFile('My Companies (2024).csv')).toBe('My-Companies-2024');
  });
});

import { describe, expect, it } from 'vitest';
import { autoMapping, mappedCsv, parseCsv, unmappedRequired } from './batch-mapping';

describe('batch column mapping', () => {
  it('matches inputs to columns by name, ignoring case', () => {
    expect(autoMapping(['companyId', 'name', 'year'], ['CompanyID', 'name', 'Name', 'other'])).toEqual({
      companyId: 'CompanyID',
      name: 'name',
    });
  });

  it('names required inputs no column feeds', () => {
    const inputs = {
      a: { type: 'string' as const, required: true },
      b: { type: 'string' as const, required: true, default: 'x' },
      c: { type: 'number' as const },
    };
    expect(unmappedRequired(inputs, {})).toEqual(['a']);
    expect(unmappedRequired(inputs, { a: 'col' })).toEqual([]);
  });

  it('renames mapped columns to inputs and drops the others', () => {
    const parsed = parseCsv(' Company , Note,extra\nacme,"a, b",1\n\nglobex,,2\n');
    expect(parsed.columns).toEqual(['Company', 'Note', 'extra']);
    expect(parsed.rows).toHaveLength(2);
    expect(mappedCsv(parsed, { companyId: 'Company', note: 'Note' })).toBe('companyId,note\nacme,"a, b"\nglobex,');
  });

  it('finds nothing malformed in a one-column file, and still names a row with too many fields', () => {
    expect(parseCsv('companyId\nc1\nc2\n').problems).toEqual([]);
    expect(parseCsv('a,b\n1,2\n3,4,5\n').problems).toHaveLength(1);
  });
});

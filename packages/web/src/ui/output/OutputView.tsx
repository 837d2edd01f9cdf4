import { useState } from 'react';
import { JsonView, type defaultStyles } from 'react-json-view-lite';
import { cellText, tableOf } from './table-of';
import './output-view.css';

type Mode = 'tree' | 'table' | 'json';

const expandTwoLevels = (level: number) => level < 2;

/** The tree's classes map onto the app's own colours (output-view.css), so dark mode follows. */
const treeStyle: typeof defaultStyles = {
  container: 'json-tree',
  basicChildStyle: 'json-tree-child',
  label: 'json-tree-label',
  clickableLabel: 'json-tree-label clickable',
  nullValue: 'json-tree-null',
  undefinedValue: 'json-tree-null',
  numberValue: 'json-tree-number',
  stringValue: 'json-tree-string',
  booleanValue: 'json-tree-boolean',
  otherValue: 'json-tree-other',
  punctuation: 'json-tree-punctuation',
  expandIcon: 'json-tree-expand',
  collapseIcon: 'json-tree-collapse',
  collapsedContent: 'json-tree-collapsed',
  childFieldsContainer: 'json-tree-fields',
  ariaLables: { collapseJson: 'collapse', expandJson: 'expand' },
  stringifyStringValues: false,
  quotesForFieldNames: false,
};

/**
 * A step's output as people read it: a collapsible tree, a table when it holds a list of records
 * (a lookup's rows, a map's items), or the JSON text.
 */
export function OutputView({ value, testId }: { value: unknown; testId?: string }) {
  const table = tableOf(value);
  const [mode, setMode] = useState<Mode>(table ? 'table' : 'tree');
  const shown: Mode = mode === 'table' && !table ? 'tree' : mode;
  const isObject = value !== null && typeof value === 'object';
  return (
    <div className="output-view" data-testid={testId}>
      <div className="output-tabs" role="tablist">
        {(['tree', ...(table ? ['table'] : []), 'json'] as Mode[]).map((item) => (
          <button
            key={item}
            type="button"
            role="tab"
            aria-selected={shown === item}
            className={shown === item ? 'active' : ''}
            onClick={() => setMode(item)}
          >
            {item === 'tree' ? 'Tree' : item === 'table' ? 'Table' : 'JSON'}
          </button>
        ))}
      </div>
      {shown === 'tree' &&
        (isObject ? (
          <JsonView data={value as object} style={treeStyle} shouldExpandNode={expandTwoLevels} />
        ) : (
          <pre className="output-scalar">{JSON.stringify(value ?? null)}</pre>
        ))}
      {shown === 'table' && table && (
        <div className="output-table-wrap">
          <table className="table output-table" data-testid={testId ? `${testId}-table` : undefined}>
            <caption>
              {table.path ? `${table.path}: ` : ''}
              {table.total.toLocaleString('en-US')} {table.total === 1 ? 'record' : 'records'}
              {table.total > table.rows.length ? ` (first ${table.rows.length} shown)` : ''}
            </caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column}>{column}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {table.columns.map((column) => (
                    <td key={column} title={cellText(row[column], 2000)}>
                      {cellText(row[column])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown === 'json' && <pre className="output-json">{JSON.stringify(value ?? null, null, 2)}</pre>}
    </div>
  );
}

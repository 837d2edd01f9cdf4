import { useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { AssayApiError, type EvaluationOptions } from '@assay/sdk';
import type { Dataset, Scorer, WorkflowVersion } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { keys } from '../../ui/query/keys';
import { useWorkflows } from '../../ui/use-workflows';
import { shortTime } from '../../ui/run-time';
import {
  blankScorer,
  columnsOfRows,
  defaultExpected,
  defaultMapping,
  expectedRecord,
  fieldErrors,
  MAX_SCORERS,
  MAX_VERSIONS,
  mergedInputs,
  parseJsonRows,
  scorerFromForm,
  unmappedRequired,
  type ExpectedEntry,
  type InputSpec,
  type ScorerForm,
} from './evaluation-form';
import { ColumnMapping } from '../../ui/ColumnMapping';
import { FieldProblems } from './FieldProblems';
import { ScorerEditor } from './ScorerEditor';
import './evaluations.css';

type Source = 'json' | 'dataset';

const EXAMPLE_ROWS = '[\n  { "company": "Acme", "expectedVerdict": "buy" },\n  { "company": "Globex", "expectedVerdict": "sell" }\n]';

/**
 * Starts an evaluation: a workflow and the versions to compare, the rows (a dataset or pasted JSON),
 * which column feeds each input, which column holds each expected output, and how outputs are scored.
 */
export function NewEvaluationPage() {
  const { can } = useSession();
  const [, navigate] = useLocation();
  const search = useSearch();
  const { workflows, error: workflowsError } = useWorkflows();
  const [workflowId, setWorkflowId] = useState(() => new URLSearchParams(search).get('workflowId') ?? '');
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const [source, setSource] = useState<Source>('json');
  const [jsonText, setJsonText] = useState('');
  const [datasetId, setDatasetId] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [expected, setExpected] = useState<ExpectedEntry[]>([{ path: '', column: '' }]);
  const [expectedTouched, setExpectedTouched] = useState(false);
  const [scorers, setScorers] = useState<ScorerForm[]>([blankScorer('exact')]);
  const [concurrency, setConcurrency] = useState('4');
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);

  const active = workflows.filter((workflow) => !workflow.archivedAt || workflow.id === workflowId);
  const workflow = active.find((candidate) => candidate.id === workflowId);
  const versions = useQuery({
    queryKey: keys.workflows.versions(workflowId),
    queryFn: () => api.workflows.versions(workflowId, { limit: 100 }),
    enabled: workflowId !== '',
    // The editor saves versions outside the cache: read them again each time the page opens.
    refetchOnMount: 'always',
  });
  const versionList: WorkflowVersion[] = useMemo(() => versions.data?.data ?? [], [versions.data]);
  const datasets = useQuery({
    queryKey: keys.datasets.list({ limit: 1000 }),
    queryFn: () => api.datasets.list({ limit: 1000 }),
    enabled: source === 'dataset',
  });
  const dataset: Dataset | undefined = datasets.data?.data.find((candidate) => candidate.id === datasetId);

  // A workflow's versions start with the newest two chosen: the usual question is "is the new one better?".
  const [selectedFor, setSelectedFor] = useState<unknown>(null);
  if (selectedFor !== versions.data) {
    setSelectedFor(versions.data);
    setSelected(
      versionList
        .slice(0, 2)
        .map((version) => version.version)
        .sort((a, b) => a - b),
    );
  }

  const parsedRows = useMemo(() => (source === 'json' && jsonText.trim() !== '' ? parseJsonRows(jsonText) : null), [source, jsonText]);
  const columns = useMemo(
    () => (source === 'json' ? (parsedRows?.ok ? columnsOfRows(parsedRows.value) : []) : dataset ? Object.keys(dataset.columns) : []),
    [source, parsedRows, dataset],
  );
  const rowCount = source === 'json' ? (parsedRows?.ok ? parsedRows.value.length : 0) : (dataset?.rowCount ?? 0);

  const inputs = useMemo(
    () =>
      mergedInputs(
        versionList
          .filter((version) => selected.includes(version.version))
          .map((version) => version.definition as { inputs?: Record<string, InputSpec> }),
      ),
    [versionList, selected],
  );

  // New inputs or new columns start from the columns named like the inputs, and (until edited) the expected… columns.
  const [matchedFor, setMatchedFor] = useState('');
  const matchKey = JSON.stringify([Object.keys(inputs), columns]);
  if (matchedFor !== matchKey) {
    setMatchedFor(matchKey);
    setMapping(defaultMapping(Object.keys(inputs), columns));
    if (!expectedTouched) {
      const guessed = defaultExpected(columns);
      setExpected(guessed.length > 0 ? guessed : [{ path: '', column: '' }]);
    }
  }

  const editExpected = (next: ExpectedEntry[]) => {
    setExpected(next);
    setExpectedTouched(true);
  };

  const expectedParsed = expectedRecord(expected);
  const expectedPaths = expectedParsed.ok ? Object.keys(expectedParsed.value) : [];
  const scorersParsed = scorers.map(scorerFromForm);
  const missing = unmappedRequired(inputs, mapping);
  const concurrencyValue = Number(concurrency);
  const concurrencyValid = Number.isInteger(concurrencyValue) && concurrencyValue >= 1 && concurrencyValue <= 100;
  const sections = fieldErrors(error instanceof AssayApiError ? error.details : []);

  const ready =
    can.run &&
    Boolean(workflow) &&
    selected.length > 0 &&
    rowCount > 0 &&
    expectedParsed.ok &&
    scorersParsed.every((parsed) => parsed.ok) &&
    concurrencyValid &&
    !starting;

  const toggleVersion = (version: number, on: boolean) =>
    setSelected((current) => (on ? [...current, version].sort((a, b) => a - b) : current.filter((v) => v !== version)));

  const start = async () => {
    if (!workflow || !expectedParsed.ok) return;
    setError(null);
    setStarting(true);
    const body: EvaluationOptions = {
      workflowId: workflow.id,
      ...(name.trim() !== '' && { name: name.trim() }),
      versions: selected,
      ...(source === 'dataset' ? { datasetId } : { inputs: parsedRows?.ok ? parsedRows.value : [] }),
      mapping: Object.fromEntries(Object.entries(mapping).filter(([, column]) => column)),
      expected: expectedParsed.value,
      scorers: scorersParsed.flatMap((parsed): Scorer[] => (parsed.ok ? [parsed.value] : [])),
      concurrency: concurrencyValue,
    };
    try {
      const evaluation = await api.evaluations.create(body);
      navigate(`/evaluations/${evaluation.id}`);
    } catch (failure) {
      setError(failure);
      setStarting(false);
    }
  };

  return (
    <div>
      <PageHeader title="New evaluation">
        <Link href="/evaluations">All evaluations</Link>
      </PageHeader>
      {!can.run && <div className="notice">Your role (viewer) cannot start evaluations.</div>}
      <ErrorNote error={workflowsError} />
      <div className="card eval-form" data-testid="evaluation-form">
        <div className="row">
          <label>
            Workflow
            <select name="workflow" value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
              <option value="">Choose a workflow…</option>
              {active.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
            <FieldProblems details={sections.get('workflowId')} />
          </label>
          <label className="grow">
            Name <span className="hint">Optional.</span>
            <input
              name="name"
              value={name}
              placeholder={workflow ? `${workflow.name}: versions compared` : ''}
              onChange={(e) => setName(e.target.value)}
            />
            <FieldProblems details={sections.get('name')} />
          </label>
        </div>

        <h2>Versions</h2>
        <ErrorNote error={versions.error} />
        {!workflowId && <p className="muted">Choose a workflow to see its versions.</p>}
        {workflowId && versions.isFetching && versionList.length === 0 && <p className="muted">Loading…</p>}
        <div className="eval-versions" data-testid="evaluation-versions">
          {versionList.map((version) => {
            const checked = selected.includes(version.version);
            return (
              <label key={version.version} className="inline">
                <input
                  type="checkbox"
                  name={`version-${version.version}`}
                  checked={checked}
                  disabled={!checked && selected.length >= MAX_VERSIONS}
                  onChange={(e) => toggleVersion(version.version, e.target.checked)}
                />
                Version {version.version}
                <span className="muted">
                  {shortTime(version.createdAt)}
                  {version.version === workflow?.version && ' · current'}
                </span>
              </label>
            );
          })}
        </div>
        {versionList.length > 0 && (
          <p className="hint muted">
            Every row runs on each version chosen (at most {MAX_VERSIONS}); the first is the one the others are compared with.
          </p>
        )}
        <FieldProblems details={sections.get('versions')} />

        <h2>Rows</h2>
        <div className="tabs">
          <button className={source === 'json' ? 'active' : ''} onClick={() => setSource('json')}>
            Paste JSON
          </button>
          <button className={source === 'dataset' ? 'active' : ''} onClick={() => setSource('dataset')}>
            Use a dataset
          </button>
        </div>
        {source === 'json' ? (
          <label>
            Rows <span className="hint">A JSON array of objects (or one object per line): each row's inputs and expected values.</span>
            <textarea
              className={`code ${parsedRows && !parsedRows.ok ? 'invalid' : ''}`}
              rows={8}
              name="inputs-json"
              value={jsonText}
              placeholder={EXAMPLE_ROWS}
              onChange={(e) => setJsonText(e.target.value)}
            />
            {parsedRows && !parsedRows.ok && (
              <span className="field-error" data-testid="rows-error">
                {parsedRows.error}
              </span>
            )}
          </label>
        ) : (
          <label>
            Dataset
            <select name="dataset" value={datasetId} onChange={(e) => setDatasetId(e.target.value)}>
              <option value="">Choose a dataset…</option>
              {datasets.data?.data.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name} ({candidate.rowCount} rows)
                </option>
              ))}
            </select>
            <ErrorNote error={datasets.error} />
          </label>
        )}
        {columns.length > 0 && (
          <p className="muted" data-testid="rows-summary">
            {rowCount} rows · columns {columns.join(', ')}
          </p>
        )}
        <FieldProblems details={sections.get('rows')} />

        {workflow && columns.length > 0 && (
          <>
            <h2>Columns → inputs</h2>
            <ColumnMapping
              inputs={inputs}
              columns={columns}
              mapping={mapping}
              onChange={setMapping}
              testId="input-mapping"
              empty="The versions chosen declare no inputs: each row starts runs with an empty input."
            />
            {missing.length > 0 && (
              <div className="notice">No column feeds the required input {missing.join(', ')}: those runs will fail.</div>
            )}
            <FieldProblems details={sections.get('mapping')} />
          </>
        )}

        <h2>Expected outputs</h2>
        <p className="hint muted">
          Which column holds the expected value of each output field (a dotted path, like verdict or figures.revenue).
        </p>
        <table className="table eval-expected" data-testid="expected-fields">
          <thead>
            <tr>
              <th>Output path</th>
              <th>Column</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {expected.map((entry, index) => (
              <tr key={index}>
                <td>
                  <input
                    name={`expected-path-${index}`}
                    aria-label={`Output path ${index + 1}`}
                    className="code"
                    value={entry.path}
                    placeholder="verdict"
                    onChange={(e) => editExpected(expected.map((other, at) => (at === index ? { ...other, path: e.target.value } : other)))}
                  />
                </td>
                <td>
                  <select
                    name={`expected-column-${index}`}
                    aria-label={`Column of output path ${index + 1}`}
                    value={entry.column}
                    onChange={(e) =>
                      editExpected(expected.map((other, at) => (at === index ? { ...other, column: e.target.value } : other)))
                    }
                  >
                    <option value="">Choose a column…</option>
                    {columns.map((column) => (
                      <option key={column} value={column}>
                        {column}
                      </option>
                    ))}
                    {entry.column !== '' && !columns.includes(entry.column) && <option value={entry.column}>{entry.column}</option>}
                  </select>
                </td>
                <td>
                  <button
                    className="link"
                    aria-label={`Remove expected field ${index + 1}`}
                    onClick={() => editExpected(expected.filter((_, at) => at !== index))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button onClick={() => editExpected([...expected, { path: '', column: '' }])}>Add expected field</button>
        {!expectedParsed.ok && <div className="field-error">{expectedParsed.error}</div>}
        <FieldProblems details={sections.get('expected')} />

        <h2>Scorers</h2>
        <p className="hint muted">Each scores every output from 0 to 1; a row passes when it passes every scorer.</p>
        {scorers.map((form, index) => (
          <ScorerEditor
            key={index}
            index={index}
            form={form}
            fields={expectedPaths}
            problems={sections.get(`scorers[${index}]`)}
            onChange={(next) => setScorers(scorers.map((other, at) => (at === index ? next : other)))}
            onRemove={scorers.length > 1 ? () => setScorers(scorers.filter((_, at) => at !== index)) : undefined}
          />
        ))}
        <button disabled={scorers.length >= MAX_SCORERS} onClick={() => setScorers([...scorers, blankScorer('exact')])}>
          Add scorer
        </button>
        <FieldProblems details={sections.get('scorers')} />

        <h2>Options</h2>
        <label>
          Concurrency <span className="hint">Runs of each version at once (1 to 100).</span>
          <input
            type="number"
            min={1}
            max={100}
            step={1}
            name="concurrency"
            value={concurrency}
            onChange={(e) => setConcurrency(e.target.value)}
            className={concurrencyValid ? '' : 'invalid'}
          />
          <FieldProblems details={sections.get('concurrency')} />
        </label>
        <ErrorNote error={error} />
        <div className="row">
          <button className="primary" disabled={!ready} onClick={() => void start()}>
            Start evaluation
          </button>
          {rowCount > 0 && selected.length > 0 && (
            <span className="muted" data-testid="evaluation-size">
              {rowCount} rows × {selected.length} {selected.length === 1 ? 'version' : 'versions'} = {rowCount * selected.length} runs
            </span>
          )}
          {starting && <span className="muted">Starting…</span>}
        </div>
      </div>
    </div>
  );
}

import { useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import type { Batch, Dataset } from '@assay/schema';
import type { BatchOptions } from '@assay/sdk';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { keys } from '../../ui/query/keys';
import { useWorkflows } from '../../ui/use-workflows';
import { autoMapping, mappedCsv, unmappedRequired, type InputSpec, type Mapping, type ParsedCsv } from './batch-mapping';
import { ColumnMapping } from '../../ui/ColumnMapping';
import { CsvSource } from './CsvSource';
import './batches.css';

type Source = 'csv' | 'dataset';

/** Starts a batch: a workflow, a CSV upload or a dataset, and which column feeds which input. */
export function NewBatchPage() {
  const { can } = useSession();
  const [, navigate] = useLocation();
  const search = useSearch();
  const { workflows, error: workflowsError } = useWorkflows();
  const [workflowId, setWorkflowId] = useState(() => new URLSearchParams(search).get('workflowId') ?? '');
  const [source, setSource] = useState<Source>('csv');
  const [csv, setCsv] = useState<ParsedCsv | null>(null);
  const [datasetId, setDatasetId] = useState('');
  const [mapping, setMapping] = useState<Mapping>({});
  const [concurrency, setConcurrency] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const datasets = useQuery({
    queryKey: keys.datasets.list({ limit: 1000 }),
    queryFn: () => api.datasets.list({ limit: 1000 }),
    enabled: source === 'dataset',
  });

  const active = workflows.filter((workflow) => !workflow.archivedAt);
  const workflow = active.find((candidate) => candidate.id === workflowId);
  const inputs = useMemo(() => (workflow?.definition.inputs ?? {}) as Record<string, InputSpec>, [workflow]);
  const dataset: Dataset | undefined = datasets.data?.data.find((candidate) => candidate.id === datasetId);
  const columns = useMemo(
    () => (source === 'csv' ? (csv?.columns ?? []) : dataset ? Object.keys(dataset.columns) : []),
    [source, csv, dataset],
  );

  // A new workflow or a new set of columns starts from the columns named like the inputs.
  const [matchedFor, setMatchedFor] = useState('');
  const matchKey = JSON.stringify([workflowId, Object.keys(inputs), columns]);
  if (matchedFor !== matchKey) {
    setMatchedFor(matchKey);
    setMapping(autoMapping(Object.keys(inputs), columns));
  }

  const missing = unmappedRequired(inputs, mapping);
  const rows = source === 'csv' ? (csv?.rows.length ?? 0) : (dataset?.rowCount ?? 0);
  const concurrencyValue = concurrency.trim() === '' ? undefined : Number(concurrency);
  const concurrencyValid = concurrencyValue === undefined || (Number.isInteger(concurrencyValue) && concurrencyValue >= 1);
  const ready = can.run && Boolean(workflow) && rows > 0 && missing.length === 0 && concurrencyValid && !starting;

  const start = async () => {
    if (!workflow) return;
    setError(null);
    setStarting(true);
    const options: BatchOptions = { concurrency: concurrencyValue, skipInvalid: skipInvalid || undefined };
    const used = Object.fromEntries(Object.entries(mapping).filter(([, column]) => column));
    try {
      let batch: Batch;
      if (source === 'dataset') batch = await api.batches.createFromDataset(workflow.id, datasetId, used, options);
      else if (Object.keys(used).length === 0)
        batch = await api.batches.create(
          workflow.id,
          (csv?.rows ?? []).map(() => ({})),
          options,
        );
      else batch = await api.batches.createFromCsv(workflow.id, mappedCsv(csv as ParsedCsv, used), options);
      navigate(`/batches/${batch.id}`);
    } catch (failure) {
      setError(failure);
      setStarting(false);
    }
  };

  return (
    <div>
      <PageHeader title="New batch">
        <Link href="/batches">All batches</Link>
      </PageHeader>
      {!can.run && <div className="notice">Your role (viewer) cannot start batches.</div>}
      <ErrorNote error={workflowsError} />
      <div className="card batch-form">
        <label>
          Workflow
          <select name="workflow" value={workflowId} onChange={(e) => setWorkflowId(e.target.value)} data-testid="batch-workflow">
            <option value="">Choose a workflow…</option>
            {active.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        <div className="tabs">
          <button className={source === 'csv' ? 'active' : ''} onClick={() => setSource('csv')}>
            Upload a CSV
          </button>
          <button className={source === 'dataset' ? 'active' : ''} onClick={() => setSource('dataset')}>
            Use a dataset
          </button>
        </div>
        {source === 'csv' ? (
          <CsvSource parsed={csv} onParsed={(parsed) => setCsv(parsed)} />
        ) : (
          <label>
            Dataset
            <select name="dataset" value={datasetId} onChange={(e) => setDatasetId(e.target.value)} data-testid="batch-dataset">
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
        {workflow && columns.length > 0 && (
          <>
            <h2>Columns → inputs</h2>
            <ColumnMapping inputs={inputs} columns={columns} mapping={mapping} onChange={setMapping} />
          </>
        )}
        {workflow && missing.length > 0 && columns.length > 0 && (
          <div className="notice">Map a column to every required input: {missing.join(', ')}.</div>
        )}
        <h2>Options</h2>
        <div className="row">
          <label>
            Concurrency <span className="hint">At most this many runs at once (empty: no cap).</span>
            <input
              type="number"
              min={1}
              step={1}
              name="concurrency"
              value={concurrency}
              onChange={(e) => setConcurrency(e.target.value)}
              className={concurrencyValid ? '' : 'invalid'}
            />
          </label>
          <label className="inline">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> Run the valid rows, report
            the invalid ones
          </label>
        </div>
        <ErrorNote error={error} />
        <div className="row">
          <button className="primary" disabled={!ready} onClick={() => void start()}>
            Start batch
          </button>
          {rows > 0 && workflow && (
            <span className="muted">
              {rows} runs of {workflow.name}
            </span>
          )}
          {starting && <span className="muted">Starting…</span>}
        </div>
      </div>
    </div>
  );
}

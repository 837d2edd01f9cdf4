import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { datasetNameFromFile, readDatasetFile } from './dataset-file';
import { useAction } from '../../ui/use-action';

/** Uploads a CSV, NDJSON or JSON file as a new dataset, with its name and key columns. */
export function DatasetUpload({ onUploaded }: { onUploaded(): void }) {
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [keys, setKeys] = useState('');
  // Changing the file input's key empties it after an upload.
  const [inputKey, setInputKey] = useState(0);

  const choose = (chosen: File | undefined) => {
    setFile(chosen ?? null);
    if (chosen && !name) setName(datasetNameFromFile(chosen.name));
  };

  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    // Empty means "let the server pick id-like columns", so leave `keys` out rather than send [].
    const keyColumns = keys
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean);
    const options = { name: name.trim(), keys: keyColumns.length > 0 ? keyColumns : undefined };
    void action.run(async () => {
      const content = readDatasetFile(file.name, await file.text());
      if (content.kind === 'csv') await api.datasets.createFromCsv(content.text, options);
      else await api.datasets.create({ ...options, rows: content.rows });
      setFile(null);
      setName('');
      setKeys('');
      setInputKey((n) => n + 1);
      onUploaded();
    });
  };

  return (
    <form className="card settings-form" onSubmit={upload} aria-label="Upload a dataset">
      <label>
        File <span className="hint">CSV (header row), NDJSON or JSON rows</span>
        <input
          key={inputKey}
          name="dataset-file"
          type="file"
          accept=".csv,.ndjson,.jsonl,.json,text/csv,application/json"
          onChange={(e) => choose(e.target.files?.[0])}
          required
        />
      </label>
      <label>
        Name <span className="hint">lookup steps use it</span>
        <input
          name="dataset-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          pattern="[A-Za-z0-9_.\-]{1,100}"
          title='1-100 letters, digits, ".", "_" or "-"'
        />
      </label>
      <label>
        Key columns <span className="hint">comma-separated; empty: id-like columns</span>
        <input name="dataset-keys" value={keys} onChange={(e) => setKeys(e.target.value)} placeholder="e.g. companyId" />
      </label>
      <div className="buttons">
        <button className="primary" type="submit" disabled={action.busy || !file || !name.trim()}>
          {action.busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      <div className="wide">
        <ErrorNote error={action.error} />
      </div>
    </form>
  );
}

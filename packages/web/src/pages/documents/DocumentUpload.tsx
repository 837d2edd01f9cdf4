import { useState, type FormEvent } from 'react';
import type { SourceDocument } from '@assay/schema';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { useAction } from '../../ui/use-action';
import { COLLECTION_PATTERN, contentTypeOf } from './document-input';

/**
 * Uploads a PDF, DOCX, HTML, Markdown or text file as a document: the server reads it into pages and
 * indexes its passages, or refuses a file it cannot read (corrupt, encrypted, a PDF without text).
 */
export function DocumentUpload({ onUploaded }: { onUploaded(): void }) {
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [collection, setCollection] = useState('');
  const [title, setTitle] = useState('');
  const [stored, setStored] = useState<SourceDocument | null>(null);
  // Changing the file input's key empties it after an upload.
  const [inputKey, setInputKey] = useState(0);

  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setStored(null);
    void action.run(async () => {
      const document = await api.documents.upload(new Uint8Array(await file.arrayBuffer()), {
        contentType: contentTypeOf(file),
        filename: file.name,
        title: title.trim() || undefined,
        collection: collection.trim() || undefined,
      });
      setStored(document);
      setFile(null);
      setTitle('');
      setInputKey((n) => n + 1);
      onUploaded();
    });
  };

  return (
    <form className="card settings-form" onSubmit={upload} aria-label="Upload a document">
      <label>
        File <span className="hint">PDF, DOCX, HTML, Markdown or text</span>
        <input
          key={inputKey}
          name="document-file"
          data-testid="document-file"
          type="file"
          accept=".pdf,.docx,.html,.htm,.md,.markdown,.txt,application/pdf,text/html,text/markdown,text/plain"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          required
        />
      </label>
      <label>
        Collection <span className="hint">searches may keep to one</span>
        <input
          name="document-collection"
          value={collection}
          onChange={(e) => setCollection(e.target.value)}
          placeholder="default"
          pattern={COLLECTION_PATTERN}
          title='1-100 letters, digits, "_", "." or "-"'
        />
      </label>
      <label>
        Title <span className="hint">optional; else its own title or file name</span>
        <input name="document-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={500} />
      </label>
      <div className="buttons">
        <button className="primary" type="submit" disabled={action.busy || !file}>
          {action.busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      <div className="wide">
        <ErrorNote error={action.error} />
        {stored && (
          <p className="notice" data-testid="document-uploaded">
            Uploaded “{stored.title}”: {stored.pageCount} {stored.kind === 'pdf' ? 'pages' : 'sections'} in <code>{stored.collection}</code>
            .
          </p>
        )}
      </div>
    </form>
  );
}

import { useEffect, useState } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import type { Artifact } from '@assay/schema';
import { ErrorNote } from '../../ui/ErrorNote';
import { previewKind } from './artifact-kind';

type Loaded =
  { kind: 'markdown'; html: string } | { kind: 'html'; html: string } | { kind: 'text'; text: string } | { kind: 'pdf'; url: string };

/** Fetches an artifact with the session cookie (same origin) and fails on an error answer. */
async function fetchArtifact(url: string, signal: AbortSignal): Promise<Response> {
  const response = await fetch(url, { credentials: 'same-origin', signal });
  if (!response.ok) throw new Error(`could not load the file (HTTP ${response.status})`);
  return response;
}

async function load(artifact: Pick<Artifact, 'name' | 'contentType' | 'url'>, signal: AbortSignal): Promise<Loaded | null> {
  const kind = previewKind(artifact);
  if (kind === 'none') return null;
  const response = await fetchArtifact(artifact.url, signal);
  switch (kind) {
    case 'markdown':
      // Generated documents quote model output and fetched pages: never trust their HTML.
      return { kind, html: DOMPurify.sanitize(marked.parse(await response.text(), { async: false })) };
    case 'html':
      return { kind, html: DOMPurify.sanitize(await response.text(), { WHOLE_DOCUMENT: true }) };
    case 'text':
      return { kind, text: await response.text() };
    case 'pdf': {
      // The download answer says `attachment`, which a frame would save instead of showing: a blob URL shows it.
      const blob = await response.blob();
      return { kind, url: URL.createObjectURL(new Blob([blob], { type: 'application/pdf' })) };
    }
  }
}

/** An artifact shown inline: Markdown rendered, HTML in a sandboxed frame, PDF in the browser's viewer. */
export function ArtifactPreview({ artifact }: { artifact: Artifact }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const { name, contentType, url } = artifact;
  useEffect(() => {
    const abort = new AbortController();
    let objectUrl: string | undefined;
    setLoaded(null);
    setError(null);
    setLoading(true);
    load({ name, contentType, url }, abort.signal).then(
      (result) => {
        if (result?.kind === 'pdf') objectUrl = result.url;
        if (abort.signal.aborted) return;
        setLoaded(result);
        setLoading(false);
      },
      (failure: unknown) => {
        if (abort.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      abort.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [name, contentType, url]);

  return (
    <div className="artifact-preview" data-testid="artifact-preview" data-kind={previewKind(artifact)}>
      <ErrorNote error={error} />
      {loading && !error && <span className="muted">Loading {artifact.name}…</span>}
      {!loading && !error && !loaded && <span className="muted">{artifact.name} cannot be shown here: download it.</span>}
      {loaded?.kind === 'markdown' && <div className="markdown" dangerouslySetInnerHTML={{ __html: loaded.html }} />}
      {/* No allow-scripts, no allow-same-origin: the document can neither run code nor reach the app. */}
      {loaded?.kind === 'html' && <iframe title={artifact.name} sandbox="" srcDoc={loaded.html} />}
      {loaded?.kind === 'text' && <pre>{loaded.text}</pre>}
      {loaded?.kind === 'pdf' && <iframe title={artifact.name} src={loaded.url} />}
    </div>
  );
}

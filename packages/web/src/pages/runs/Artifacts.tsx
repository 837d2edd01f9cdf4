import { memo, useState } from 'react';
import type { Artifact } from '@assay/schema';
import { bytes } from '../../ui/format';
import { ArtifactPreview } from './ArtifactPreview';
import { previewKind } from './artifact-kind';

/** The preview shown first: Markdown reads best, then HTML, then PDF. */
function firstPreviewable(artifacts: readonly Artifact[]): string | null {
  for (const kind of ['markdown', 'html', 'pdf', 'text'] as const) {
    const found = artifacts.find((artifact) => previewKind(artifact) === kind);
    if (found) return found.name;
  }
  return null;
}

/** The files a run produced: download links (the session cookie authenticates them) and a preview. */
export const Artifacts = memo(function Artifacts({ artifacts }: { artifacts: readonly Artifact[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const previewName = chosen ?? firstPreviewable(artifacts);
  const previewed = artifacts.find((artifact) => artifact.name === previewName);
  if (artifacts.length === 0) return null;
  return (
    <section className="card" data-testid="artifacts">
      <h2 style={{ marginTop: 0 }}>Artifacts</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Size</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {artifacts.map((artifact) => (
            <tr key={artifact.name}>
              <td>{artifact.name}</td>
              <td className="muted">{artifact.contentType}</td>
              <td>{bytes(artifact.bytes)}</td>
              <td>
                <div className="row">
                  {/* Downloading a previewable file also shows it below. */}
                  <a
                    className="button small"
                    href={artifact.url}
                    download={artifact.name}
                    data-testid={`artifact-${artifact.name}`}
                    onClick={() => previewKind(artifact) !== 'none' && setChosen(artifact.name)}
                  >
                    Download
                  </a>
                  {previewKind(artifact) !== 'none' && (
                    <button className="small" disabled={artifact.name === previewName} onClick={() => setChosen(artifact.name)}>
                      Preview
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {previewed && (
        <>
          <h3>{previewed.name}</h3>
          <ArtifactPreview key={previewed.url} artifact={previewed} />
        </>
      )}
    </section>
  );
});

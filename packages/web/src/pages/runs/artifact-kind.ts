import type { Artifact } from '@assay/schema';

export type PreviewKind = 'markdown' | 'text' | 'html' | 'pdf' | 'none';

/** How an artifact can be shown inline, from its content type (or, failing that, its file name). */
export function previewKind(artifact: Pick<Artifact, 'name' | 'contentType'>): PreviewKind {
  const type = artifact.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const extension = artifact.name.split('.').pop()?.toLowerCase() ?? '';
  if (type === 'text/markdown' || type === 'text/x-markdown' || extension === 'md') return 'markdown';
  if (type === 'text/html' || extension === 'html' || extension === 'htm') return 'html';
  if (type === 'application/pdf' || extension === 'pdf') return 'pdf';
  if (type.startsWith('text/') || type === 'application/json' || extension === 'txt' || extension === 'json' || extension === 'csv')
    return 'text';
  // DOCX and other binaries: download only.
  return 'none';
}

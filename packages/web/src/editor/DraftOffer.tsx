import type { Draft } from './draft-store';

function when(savedAt: number): string {
  const date = new Date(savedAt);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The unsaved draft found on opening: restore it (one undoable change) or throw it away. */
export function DraftOffer({
  draft,
  version,
  onRestore,
  onDiscard,
}: {
  draft: Draft;
  version: number;
  onRestore(): void;
  onDiscard(): void;
}) {
  return (
    <div className="notice draft-offer" role="status" data-testid="draft-offer">
      <span>
        Restore unsaved draft from {when(draft.savedAt)}?
        {draft.baseVersion > 0 && draft.baseVersion !== version
          ? ` It was edited from v${draft.baseVersion}; the workflow is now at v${version}.`
          : ''}
      </span>
      <span className="spacer" />
      <button className="small primary" onClick={onRestore}>
        Restore
      </button>
      <button className="small" onClick={onDiscard}>
        Discard
      </button>
    </div>
  );
}

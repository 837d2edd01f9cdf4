import { useEffect, useRef } from 'react';

/**
 * "Leave without saving?": a modal the browser manages (`<dialog>`: focus kept inside, Escape
 * cancels), opened while the editor holds back a navigation. Keep editing is the default.
 */
export function LeaveDialog({ onStay, onDiscard }: { onStay(): void; onDiscard(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="editor-dialog"
      aria-labelledby="leave-title"
      data-testid="leave-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
    >
      <h2 id="leave-title">Leave without saving?</h2>
      <p>This workflow has changes that are not saved. Leaving discards them (and their local draft).</p>
      <div className="row dialog-actions">
        <span className="spacer" />
        <button autoFocus onClick={onStay}>
          Keep editing
        </button>
        <button className="danger" onClick={onDiscard}>
          Discard
        </button>
      </div>
    </dialog>
  );
}

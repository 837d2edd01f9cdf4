import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkflowDefinitionInput } from '@assay/schema';
import { clearDraft, draftDiffers, loadDraft, saveDraft, type Draft } from './draft-store';

const DEBOUNCE_MS = 400;

interface Options {
  workflowId: string;
  version: number;
  /** The definition as the editor holds it now. */
  definition: WorkflowDefinitionInput;
  revision: number;
  dirty: boolean;
  /** False for readers: they have nothing to lose. */
  enabled: boolean;
}

/**
 * The editor's local draft: written a moment after each unsaved change, offered once when the
 * workflow is opened with a draft that differs from what is saved, removed on save or discard.
 */
export function useDraft({ workflowId, version, definition, revision, dirty, enabled }: Options) {
  // The offer is decided once, from the definition as it was opened.
  const [offer, setOffer] = useState<Draft | null>(() => {
    if (!enabled) return null;
    const draft = loadDraft(workflowId);
    if (draft && !draftDiffers(draft, definition)) {
      clearDraft(workflowId);
      return null;
    }
    return draft;
  });
  const current = useRef({ workflowId, version, definition, dirty, enabled });
  current.current = { workflowId, version, definition, dirty, enabled };

  const write = useCallback(() => {
    const { workflowId: id, version: base, definition: now, dirty: unsaved, enabled: on } = current.current;
    if (on && unsaved) saveDraft(id, { definition: now, savedAt: Date.now(), baseVersion: base });
  }, []);

  useEffect(() => {
    if (!enabled || !dirty) return;
    // An edit made before answering the offer replaces the old draft: the offer is gone with it.
    setOffer(null);
    const timer = setTimeout(write, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [revision, dirty, enabled, write]);

  return {
    offer,
    /** Writes the draft now (the page is about to unload). */
    flush: write,
    dismissOffer: () => setOffer(null),
    clear: (id: string = workflowId) => {
      clearDraft(id);
      setOffer(null);
    },
  };
}

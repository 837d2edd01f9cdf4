import type { WorkflowDefinitionInput } from '@assay/schema';

/**
 * Unsaved edits kept in the browser (localStorage), one draft per workflow, so a closed tab or a
 * crash does not lose them: written a moment after each change, offered back on reopen, removed on
 * save or discard. A draft too large for the browser's storage is simply not kept.
 */

export interface Draft {
  definition: WorkflowDefinitionInput;
  /** When it was written (ms since the epoch). */
  savedAt: number;
  /** The version it was edited from (0 for a workflow not saved yet). */
  baseVersion: number;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'assay.editor.draft.';
/** Larger drafts are not kept: localStorage holds about 5 MB for the whole app. */
export const DRAFT_MAX_CHARS = 1_000_000;

function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage blocked by the browser's settings
  }
}

export function saveDraft(workflowId: string, draft: Draft, storage: Storage | null = browserStorage()): boolean {
  const text = JSON.stringify(draft);
  if (!storage || text.length > DRAFT_MAX_CHARS) return false;
  try {
    storage.setItem(PREFIX + workflowId, text);
    return true;
  } catch {
    return false; // quota exceeded
  }
}

export function loadDraft(workflowId: string, storage: Storage | null = browserStorage()): Draft | null {
  try {
    const text = storage?.getItem(PREFIX + workflowId);
    if (!text) return null;
    const draft = JSON.parse(text) as Partial<Draft>;
    if (typeof draft.savedAt !== 'number' || !Array.isArray(draft.definition?.steps)) return null;
    return { definition: draft.definition, savedAt: draft.savedAt, baseVersion: Number(draft.baseVersion ?? 0) };
  } catch {
    return null; // a damaged draft is no draft
  }
}

export function clearDraft(workflowId: string, storage: Storage | null = browserStorage()): void {
  try {
    storage?.removeItem(PREFIX + workflowId);
  } catch {
    /* nothing to clear */
  }
}

/** Whether a draft differs from what is saved (positions included: a moved step is an edit). */
export function draftDiffers(draft: Draft, saved: WorkflowDefinitionInput): boolean {
  return JSON.stringify(draft.definition) !== JSON.stringify(saved);
}

import { describe, expect, it } from 'vitest';
import { clearDraft, DRAFT_MAX_CHARS, draftDiffers, loadDraft, saveDraft } from './draft-store';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const definition = { name: 'w', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] };

describe('editor drafts', () => {
  it('keeps one draft per workflow until it is cleared', () => {
    const storage = memoryStorage();
    expect(saveDraft('w1', { definition, savedAt: 1000, baseVersion: 3 }, storage)).toBe(true);
    expect(loadDraft('w1', storage)).toEqual({ definition, savedAt: 1000, baseVersion: 3 });
    expect(loadDraft('w2', storage)).toBeNull();
    clearDraft('w1', storage);
    expect(loadDraft('w1', storage)).toBeNull();
  });

  it('ignores damaged drafts and does not keep oversized ones', () => {
    const storage = memoryStorage();
    storage.setItem('assay.editor.draft.w1', '{not json');
    expect(loadDraft('w1', storage)).toBeNull();
    storage.setItem('assay.editor.draft.w1', JSON.stringify({ savedAt: 1 }));
    expect(loadDraft('w1', storage)).toBeNull();
    const huge = { name: 'w', description: 'x'.repeat(DRAFT_MAX_CHARS), steps: [] };
    expect(saveDraft('w2', { definition: huge, savedAt: 1, baseVersion: 0 }, storage)).toBe(false);
    expect(storage.items.has('assay.editor.draft.w2')).toBe(false);
  });

  it('survives a storage that refuses writes', () => {
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveDraft('w1', { definition, savedAt: 1, baseVersion: 0 }, full)).toBe(false);
  });

  it('tells a draft that changes something from one that does not', () => {
    const draft = { definition, savedAt: 1, baseVersion: 1 };
    expect(draftDiffers(draft, definition)).toBe(false);
    expect(draftDiffers(draft, { ...definition, name: 'other' })).toBe(true);
  });
});

import { useEffect, useRef } from 'react';

interface Handlers {
  readOnly: boolean;
  undo(): void;
  redo(): void;
  duplicate(): void;
  /** The selected steps as clipboard text, or null when none is selected. */
  copyText(): string | null;
  /** Pastes clipboard text; false when it holds no steps (the paste is then left to the browser). */
  paste(text: string): boolean;
}

/** Typing in a field (or a selection of page text) keeps the browser's own keys and clipboard. */
function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(
    element && (/^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName) || element.isContentEditable || element.closest?.('dialog')),
  );
}

function selectsText(): boolean {
  const selection = window.getSelection();
  return Boolean(selection && !selection.isCollapsed && selection.toString().trim() !== '');
}

/**
 * The editor's keys: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y redo, Ctrl/Cmd+D duplicate, and
 * Ctrl/Cmd+C / Ctrl/Cmd+V through the browser's copy and paste events (the system clipboard, without
 * asking for a permission; so steps copy between tabs and workflows). Delete is React Flow's.
 */
export function useEditorKeys(handlers: Handlers) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { readOnly, undo, redo, duplicate } = latest.current;
      if (isTyping(event.target) || !(event.metaKey || event.ctrlKey) || readOnly) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else if (key === 'd' && !event.shiftKey) duplicate();
      else return;
      event.preventDefault();
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTyping(event.target) || selectsText() || !event.clipboardData) return;
      const text = latest.current.copyText();
      if (text === null) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (latest.current.readOnly || isTyping(event.target)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text && latest.current.paste(text)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}

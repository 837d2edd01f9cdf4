import { useState } from 'react';

/** Which side panels are open: remembered in the browser, for every workflow. */
export interface PanelState {
  palette: boolean;
  side: boolean;
}

const KEY = 'assay.editor.panels';
/** Below this window width the palette starts folded, so the canvas keeps most of the width. */
const NARROW = 1200;

function remembered(): PanelState | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<PanelState> | null;
    return value && typeof value.palette === 'boolean' && typeof value.side === 'boolean'
      ? { palette: value.palette, side: value.side }
      : null;
  } catch {
    return null;
  }
}

/**
 * The palette and the side panel, each folded or open. Until the user chooses, both are open, except
 * the palette in a narrow window when the workflow already has steps (adding steps to an empty one is
 * what the palette is for).
 */
export function usePanels(hasSteps: boolean) {
  const [panels, setPanels] = useState<PanelState>(
    () => remembered() ?? { palette: !(hasSteps && window.innerWidth < NARROW), side: true },
  );
  const toggle = (which: keyof PanelState) =>
    setPanels((current) => {
      const next = { ...current, [which]: !current[which] };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        /* not remembered: still toggled */
      }
      return next;
    });
  return { panels, toggle };
}

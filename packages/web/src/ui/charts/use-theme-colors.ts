import { useEffect, useState } from 'react';

/** The colours charts draw with: the stylesheet's variables, so a dark scheme recolours them too. */
const VARIABLES = ['--ok', '--danger', '--accent', '--warn', '--muted', '--line', '--text', '--panel'] as const;
export type ThemeColors = Record<(typeof VARIABLES)[number], string>;

function read(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  return Object.fromEntries(VARIABLES.map((name) => [name, style.getPropertyValue(name).trim()])) as ThemeColors;
}

/**
 * The theme's colours as values (SVG attributes cannot take `var(...)`), read again when the system
 * switches between light and dark.
 */
export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState(read);
  useEffect(() => {
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setColors(read());
    scheme.addEventListener('change', update);
    return () => scheme.removeEventListener('change', update);
  }, []);
  return colors;
}

/** A run status's colour, as the status badges show it. */
export function statusColor(colors: ThemeColors, status: string): string {
  if (status === 'completed') return colors['--ok'];
  if (status === 'failed') return colors['--danger'];
  if (status === 'waiting') return colors['--warn'];
  if (status === 'cancelled') return colors['--muted'];
  return colors['--accent'];
}

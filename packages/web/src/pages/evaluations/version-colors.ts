/** One colour per version, by its position in the evaluation: cards, chart bars and row columns agree. */
const PALETTE = ['#3559e0', '#e07a35', '#1f9254', '#8a4fd1', '#c8322c'];

export function versionColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] as string;
}

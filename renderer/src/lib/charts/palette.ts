// Series colours: Tableau 10, readable on light and dark backgrounds, in a fixed order so a
// group keeps its colour across the charts of one view.
export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function colorAt(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}

/** "#4e79a7" with alpha → "rgba(78, 121, 167, 0.2)". */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Colour families per approach (head-to-head): transfer blues, multi-task oranges, the baseline grey. */
const APPROACH_PALETTE: Record<'baseline' | 'transfer' | 'multitask', string[]> = {
  baseline: ['#8a919b'],
  transfer: ['#4e79a7', '#76b7b2', '#2b5c8a', '#9ecae9'],
  multitask: ['#f28e2b', '#e15759', '#edc948', '#b07aa1'],
};

export function approachColor(approach: 'baseline' | 'transfer' | 'multitask', index: number): string {
  const family = APPROACH_PALETTE[approach];
  return family[index % family.length] as string;
}

// One colour per arm, fixed for the experiment: every table swatch, app chart and report chart
// asks this function, so an arm is the same colour wherever it appears. Arms are coloured in
// the order the comparison lists them (the experiment's own order), by name: an arm's budgets
// and seeds share its colour. The baseline is grey; head-to-head arms take their approach's
// family (transfer blues, multi-task oranges) so the two approaches read apart at a glance.
import type { Approach } from '../contract/compare.ts';

/** Tableau 10, readable on light and dark backgrounds and printed in grey. */
export const ARM_PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
export const BASELINE_COLOR = '#8a919b';

const APPROACH_FAMILY: Record<Exclude<Approach, 'baseline'>, string[]> = {
  transfer: ['#4e79a7', '#76b7b2', '#2b5c8a', '#9ecae9'],
  multitask: ['#f28e2b', '#e15759', '#edc948', '#b07aa1'],
};

/** What colouring needs of an arm (ArmComparison has it). */
export interface ColoredArm {
  name: string;
  baseline: boolean;
  /** Head-to-head only. */
  approach?: Approach;
}

/** Arm name → "#rrggbb". Baselines grey; approach arms by family; others the palette in order. */
export function armColors(arms: readonly ColoredArm[]): Map<string, string> {
  const colors = new Map<string, string>();
  const used = { palette: 0, transfer: 0, multitask: 0 };
  for (const arm of arms) {
    if (colors.has(arm.name)) continue;
    const approach = arm.approach ?? (arm.baseline ? 'baseline' : undefined);
    if (approach === 'baseline') colors.set(arm.name, BASELINE_COLOR);
    else if (approach) colors.set(arm.name, at(APPROACH_FAMILY[approach], used[approach]++));
    else colors.set(arm.name, at(ARM_PALETTE, used.palette++));
  }
  return colors;
}

/** An arm's colour, or a neutral one for a name the comparison does not list (a run not yet compared). */
export function armColor(colors: ReadonlyMap<string, string>, name: string): string {
  return colors.get(name) ?? '#777777';
}

function at(list: readonly string[], index: number): string {
  return list[index % list.length] as string;
}

/** "#4e79a7" with alpha → "rgba(78, 121, 167, 0.2)". */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

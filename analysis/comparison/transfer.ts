// A transfer experiment's comparison: the arms with their gain over scratch, nothing more.
import { compareArms } from './arms.ts';
import { markBest } from './bestCells.ts';
import type { KindComparison } from './input.ts';
import { EPOCH_TIE_CONVENTION } from './runValues.ts';

export const TRANSFER_CONVENTIONS = [
  'Values are mean ± sample std over seeds (n = seeds with a completed run).',
  'train = last epoch; val = best epoch; test = at the epoch with the best validation value of the primary metric.',
  EPOCH_TIE_CONVENTION,
  'Transfer gain = metric(arm) − metric(scratch) at the same label budget, positive = better, with its 95% interval over seeds (paired by seed where the arms share seeds, Welch otherwise); negative transfer = the whole interval below 0 (never claimed from a single seed or from identical paired differences).',
];

export const compareTransfer: KindComparison = ({ runs, series }) => {
  const { primary, arms, groups } = compareArms(runs, series);
  return { primary, conventions: TRANSFER_CONVENTIONS, arms: markBest(arms, groups, primary) };
};

// Series colours for groups that are not arms (a config field's values, a run's splits): the
// arms' palette in a fixed order. Arms take their fixed colour from analysis/armColors.ts.
import { ARM_PALETTE } from '../../../../analysis/armColors.ts';

export { withAlpha } from '../../../../analysis/armColors.ts';

export function colorAt(index: number): string {
  return ARM_PALETTE[index % ARM_PALETTE.length] as string;
}

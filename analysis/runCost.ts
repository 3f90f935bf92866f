// What a run cost, from its run-level series (task "_run"): wall time and examples trained on,
// summed over epochs, and the largest number of weights it trained at once. A head-to-head
// comparison shows these beside accuracy, so a win bought with ten times the compute shows as such.
import { lastValueByKey, type PointSeries } from './seriesPoints.ts';

export interface RunCost {
  /** Σ over epochs of epoch_time (training + evaluation), seconds; NaN when not logged. */
  wallSeconds: number;
  /** Σ over epochs of examples trained on; NaN when not logged (runs older than the series). */
  samples: number;
  /** Max over epochs of trainable_params (feature extraction trains only the head); NaN when not logged. */
  trainableParams: number;
}

export type RunLevelSeries = PointSeries & { metric: string };

/** Sums a per-epoch series, one value per epoch (a resumed run may log an epoch twice: the last counts). */
function sumOverEpochs(series: PointSeries | undefined): number {
  if (!series) return Number.NaN;
  let sum = 0;
  for (const value of lastValueByKey(series.epoch, series.value).values()) sum += value;
  return sum;
}

export function runCost(series: readonly RunLevelSeries[]): RunCost {
  const named = (metric: string) => series.find((s) => s.metric === metric);
  const params = named('trainable_params');
  const finite = params ? params.value.filter((v) => Number.isFinite(v)) : [];
  return {
    wallSeconds: sumOverEpochs(named('epoch_time')),
    samples: sumOverEpochs(named('samples')),
    trainableParams: finite.length > 0 ? Math.max(...finite) : Number.NaN,
  };
}

/**
 * A transfer run's cost with its pretraining: time and examples add up; the trainable
 * parameters stay those of the target run (what is trained for the target task).
 */
export function withPretraining(target: RunCost, pretraining: RunCost): RunCost {
  return {
    wallSeconds: target.wallSeconds + pretraining.wallSeconds,
    samples: target.samples + pretraining.samples,
    trainableParams: target.trainableParams,
  };
}

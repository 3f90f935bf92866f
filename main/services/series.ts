// Series as the UI asks for them: read from the store, downsampled with min/max kept
// (analysis decides how), so 100 runs × 10,000 points stay cheap to send and draw.
import type { Series } from '../../contract/model.ts';
import type { RunStore } from '../../db/store.ts';
import { downsampleSeries } from '../../analysis/downsample.ts';

export function readSeriesDownsampled(
  store: RunStore,
  runIds: number[],
  filter: { task?: string | undefined; split?: string | undefined; metric?: string | undefined },
  maxPoints: number | undefined,
): Series[] {
  const series = store.readSeries(runIds, filter);
  if (maxPoints === undefined) return series;
  return series.map((s) => downsampleSeries(s, maxPoints));
}

// Series as the UI asks for them: read from the store, downsampled with min/max kept
// (analysis decides how; the store cuts long series from their stored overview), so
// 100 runs × 10,000 points stay cheap to read, send and draw.
import type { Series } from '../../contract/model.ts';
import type { RunStore } from '../../db/store.ts';

export function readSeriesDownsampled(
  store: RunStore,
  runIds: number[],
  filter: { task?: string | undefined; split?: string | undefined; metric?: string | undefined },
  maxPoints: number | undefined,
): Series[] {
  return store.readSeries(runIds, filter, { maxPoints });
}

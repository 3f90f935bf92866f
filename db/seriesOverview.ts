// A series' overview: its min/max downsample (analysis/downsample.ts, the one definition) at a
// fixed resolution over step, plus the points run metrics depend on (analysis/runMetrics.ts),
// stored beside the points so a chart of a long series, or an arm comparison, reads a few
// thousand stored points instead of all of them. A cache, never the data: every write to a
// series deletes its overview (SeriesStore), and the next read that wants it rebuilds it.
import { downsampleIndices, downsamplePoints } from '../analysis/downsample.ts';
import { metricPointIndices } from '../analysis/runMetrics.ts';
import type { Series } from '../contract/model.ts';

/** Buckets over step. A request for P points has (P − 2) / 2 buckets, so up to
 *  OVERVIEW_MAX_REQUEST points each requested bucket spans at least two of the overview's. */
export const OVERVIEW_BUCKETS = 2048;
/** Series up to this many points are their own overview; longer ones keep each bucket's min
 *  and max and the endpoints (this many at most), and each epoch's lowest, highest and last point. */
export const OVERVIEW_POINTS = 2 * OVERVIEW_BUCKETS + 2;
/** Downsampled reads of up to this many points per series are served from the overview. */
export const OVERVIEW_MAX_REQUEST = OVERVIEW_BUCKETS;

/** A series' points as columns, in step order. */
export interface PointColumns {
  length: number;
  step: Float64Array;
  epoch: Float64Array;
  time: Float64Array;
  /** NaN where the stored value is NULL. */
  value: Float64Array;
}

export function columnsOf(rows: readonly (readonly [number, number, number, number | null])[]): PointColumns {
  const length = rows.length;
  const columns: PointColumns = {
    length,
    step: new Float64Array(length),
    epoch: new Float64Array(length),
    time: new Float64Array(length),
    value: new Float64Array(length),
  };
  for (let i = 0; i < length; i++) {
    const [step, epoch, time, value] = rows[i] as readonly [number, number, number, number | null];
    columns.step[i] = step;
    columns.epoch[i] = epoch;
    columns.time[i] = time;
    columns.value[i] = value ?? Number.NaN;
  }
  return columns;
}

function pick(columns: PointColumns, indices: readonly number[]): PointColumns {
  const take = (column: Float64Array): Float64Array => Float64Array.from(indices, (i) => column[i] as number);
  return { length: indices.length, step: take(columns.step), epoch: take(columns.epoch), time: take(columns.time), value: take(columns.value) };
}

/** Ascending indices in either list, once. */
function union(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    out.push(Math.min(x, y));
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out;
}

/** The overview of a whole series: its points themselves when it has at most OVERVIEW_POINTS. */
export function buildOverview(points: PointColumns): PointColumns {
  if (points.length <= OVERVIEW_POINTS) return points;
  return pick(points, union(downsampleIndices(points.step, points.value, OVERVIEW_POINTS), metricPointIndices(points.epoch, points.value)));
}

/** Float64 columns back to back (step, epoch, time, value): exact, NaN and −0 included. */
export function encodeOverview(overview: PointColumns): Buffer {
  const packed = new Float64Array(overview.length * 4);
  packed.set(overview.step, 0);
  packed.set(overview.epoch, overview.length);
  packed.set(overview.time, overview.length * 2);
  packed.set(overview.value, overview.length * 3);
  return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
}

export function decodeOverview(blob: Uint8Array): PointColumns {
  if (blob.byteLength % 32 !== 0) throw new Error(`an overview of ${blob.byteLength} bytes is not whole points`);
  // Copied, since a Float64Array view needs an 8-byte-aligned offset that a Buffer need not have.
  const packed = new Float64Array(blob.byteLength / 8);
  new Uint8Array(packed.buffer).set(blob);
  const length = packed.length / 4;
  return {
    length,
    step: packed.subarray(0, length),
    epoch: packed.subarray(length, length * 2),
    time: packed.subarray(length * 2, length * 3),
    value: packed.subarray(length * 3),
  };
}

/** At most `maxPoints` of these points, min and max per bucket over step kept, as a contract Series. */
export function downsampledSeries(key: Omit<Series, 'epoch' | 'step' | 'time' | 'value'>, points: PointColumns, maxPoints: number): Series {
  return { ...key, ...downsamplePoints(points, maxPoints) };
}

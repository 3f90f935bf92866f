// The numbers Graft reports, each defined once (DESIGN.md, "Numbers Graft reports").
// Pure functions over plain arrays: no I/O, no tfjs, no database.
export { summarize, standardError, tQuantile975, quantileOfSorted, type Summary } from './stats.ts';
export {
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
  regularizedIncompleteBeta,
  logGamma,
} from './studentT.ts';
export {
  metricDirection,
  orientDifference,
  isBetter,
  METRIC_DIRECTIONS,
  type MetricDirection,
} from './metricDirection.ts';
export { lastValueAt, lastValueByKey, type PointSeries } from './seriesPoints.ts';
export { runMetrics, seriesMetrics, type RunMetrics, type RunSplits, type SeriesMetrics } from './runMetrics.ts';
export { transferGain, gainOfSummaries, type TransferGain } from './transferGain.ts';
export {
  deltaM,
  relativeDelta,
  DELTA_M_CONVENTION,
  type DeltaM,
  type DeltaMInput,
  type DeltaMMetric,
} from './deltaM.ts';
export { downsampleIndices, downsampleMinMax, downsampleSeries } from './downsample.ts';
export { ema } from './smoothing.ts';
export {
  seedBand,
  groupBy,
  configValue,
  byConfigPath,
  UNSET_KEY,
  type AlignBy,
  type BandSeries,
  type SeedBand,
} from './aggregate.ts';
export {
  pairedDifference,
  verdictSentence,
  MIN_SEEDS_FOR_T,
  BOOTSTRAP_RESAMPLES,
  BOOTSTRAP_SEED,
  type PairedDifference,
  type PairedMethod,
  type PairedOptions,
  type VerdictInput,
} from './pairedTest.ts';

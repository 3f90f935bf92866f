// The run store's public surface. Everything SQL stays behind these names.
export { openStore } from './open.ts';
export type { OpenOptions } from './open.ts';
export { RunStore } from './store.ts';
export type { OpenReport } from './store.ts';
export { StoreError } from './errors.ts';
export type { StoreErrorCode } from './errors.ts';
export { GRAFT_APPLICATION_ID, LATEST_VERSION } from './migrations.ts';
export type { NewExperiment, NewRun } from './experiments.ts';
export type { RunFilter } from './runs.ts';
export type { MetricPoint, SeriesFilter, SeriesReadOptions } from './series.ts';
export type { Artifact, NewArtifact } from './artifacts.ts';
export { INTERRUPTED_ERROR } from './recovery.ts';

// The domain records that cross the boundary between the main side and the renderer.
// Words as in DESIGN.md: experiment, arm, run, task, series.

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const EXPERIMENT_KINDS = ['transfer', 'multitask', 'head-to-head'] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

export type StatusCounts = { total: number } & Record<RunStatus, number>;

export interface ExperimentSummary {
  id: number;
  name: string;
  kind: ExperimentKind;
  createdAt: string; // ISO 8601
  runs: StatusCounts;
}

export interface ExperimentDetail extends ExperimentSummary {
  specVersion: number;
  spec: unknown; // the validated spec as stored; see contract/spec.ts
}

/** The environment a run trained in, recorded so every run can be reproduced. */
export interface RunEnvironment {
  backend?: string;
  backendReason?: string;
  versions?: Record<string, string>;
  cpu?: string;
  cores?: number;
  gpu?: string | null;
  platform?: string;
  [key: string]: unknown;
}

export interface RunSummary {
  id: number;
  experimentId: number;
  arm: string;
  seed: number;
  budget: string; // label budget as written, e.g. "50/class", "10%", "all"
  status: RunStatus;
  error: string | null;
  config: unknown; // the resolved config the run trained with
  environment: RunEnvironment | null;
  tags: string[];
  note: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Epochs done so far and planned, for progress bars. */
  epochsDone: number;
  epochsPlanned: number | null;
}

/** The task of run-level series (epoch time, samples, parameters, lr): not a task metric. */
export const RUN_LEVEL_TASK = '_run';

export interface SeriesKey {
  task: string;
  split: string; // 'train' | 'val' | 'test' | ... free text, e.g. 'shared' for gradient cosine
  metric: string;
}

/** One metric series of one run, as parallel arrays (compact on the wire). */
export interface Series extends SeriesKey {
  runId: number;
  epoch: number[];
  step: number[];
  time: number[]; // seconds since the run started
  value: number[]; // NaN where the value was not finite
}

// Typed messages between the scheduler (main side) and a training worker. The worker never
// touches the database: everything it learns travels as one of these.
import type { DataNote } from '../../../contract/dataNotes.ts';
import type { RunEnvironment } from '../../../contract/model.ts';
import type { EpochReport } from './run/epochLoop.ts';
import type { ArtifactInfo, ResumeFrom, RunJob } from './run/lifecycle.ts';
import type { RunFailure } from './failure.ts';

export type ToWorker =
  | { type: 'start'; job: RunJob; resume: ResumeFrom | null; backend: string | null }
  | { type: 'cancel' };

export type FromWorker =
  /** The thread has loaded and takes a 'start' now. */
  | { type: 'ready' }
  | { type: 'started'; environment: RunEnvironment }
  | { type: 'epoch'; report: EpochReport }
  | { type: 'progress'; fraction: number; etaSeconds: number | null }
  | { type: 'log'; line: string }
  /** What this run's data preparation decided (rows drawn, budgets capped); stored with the run. */
  | { type: 'data-notes'; notes: DataNote[] }
  | { type: 'artifact'; path: string; info: ArtifactInfo }
  /** reusable: the run left no tensor or variable behind, so this thread can take another run. */
  | { type: 'finished'; status: 'completed' | 'cancelled'; epochsDone: number; reusable: boolean }
  | { type: 'failed'; failure: RunFailure };

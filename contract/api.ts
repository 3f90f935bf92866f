// The API contract: the one module the renderer and the main side share.
// Each method has a request schema (validated on the main side, whatever the transport)
// and a response type. Transports (Electron IPC, HTTP+WebSocket) only carry these.
import { z } from 'zod';
import type { ExperimentComparison } from './compare.ts';
import type { RunsComparison } from './runsComparison.ts';
import type { DataNote } from './dataNotes.ts';
import type { DatasetInfo } from './datasets.ts';
import type { ApiErrorData } from './errors.ts';
import type { GraftEvent } from './events.ts';
import type {
  ExperimentDetail,
  ExperimentSummary,
  RunStatus,
  RunSummary,
  Series,
} from './model.ts';
import { RUN_STATUSES } from './model.ts';

const id = z.number().int().positive();

const shortText = z.string().max(200);

/** What `exportReport` and `graft report --format` can produce. */
export const REPORT_FORMATS = ['html', 'pdf', 'md', 'csv', 'tex'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const requestSchemas = {
  listExperiments: z.object({ search: shortText.optional() }).strict(),
  getExperiment: z.object({ id }).strict(),
  listRuns: z
    .object({
      experimentId: id.optional(),
      runIds: z.array(id).max(10_000).optional(),
      status: z.array(z.enum(RUN_STATUSES)).optional(),
    })
    .strict(),
  readSeries: z
    .object({
      runIds: z.array(id).min(1).max(1000),
      task: shortText.optional(),
      split: shortText.optional(),
      metric: shortText.optional(),
      /** Downsample each series to at most this many points, keeping min and max per bucket. */
      maxPoints: z.number().int().min(4).max(1_000_000).optional(),
    })
    .strict(),
  startExperiment: z.object({ spec: z.unknown() }).strict(),
  validateSpec: z.object({ spec: z.unknown() }).strict(),
  cancelRun: z.object({ runId: id }).strict(),
  resumeRun: z.object({ runId: id }).strict(),
  /** The run's stored log lines (the newest 2000), oldest first. */
  readRunLog: z.object({ runId: id }).strict(),
  /** What the run's own data preparation decided (rows drawn, budgets capped); its experiment's notes come with getExperiment. */
  readRunDataNotes: z.object({ runId: id }).strict(),
  /** Cancels every queued and running run of the experiment. */
  cancelExperiment: z.object({ id }).strict(),
  setRunTags: z.object({ runId: id, tags: z.array(z.string().min(1).max(64)).max(50) }).strict(),
  setRunNote: z.object({ runId: id, note: z.string().max(10_000) }).strict(),
  deleteExperiment: z.object({ id }).strict(),
  getEnvironment: z.object({}).strict(),
  compareExperiment: z.object({ id }).strict(),
  /** Runs from any experiments side by side; each experiment's arms keep their own scratch baseline. */
  compareRuns: z.object({ runIds: z.array(id).min(1).max(1000) }).strict(),
  /** The shipped datasets with a few sample images (image data) or rows (tables). */
  listDatasets: z.object({}).strict(),
  /** Starts the bundled demo experiments (see main/services/demoSpecs.ts); quick = minutes, not hours. */
  startDemo: z.object({ quick: z.boolean() }).strict(),
  /** A report of the experiment's comparison as one file (plus attachments for md and csv). */
  exportReport: z.object({ experimentId: id, format: z.enum(REPORT_FORMATS) }).strict(),
} as const;

export type MethodName = keyof typeof requestSchemas;
export const METHOD_NAMES = Object.keys(requestSchemas) as MethodName[];

export interface SpecCheck {
  ok: boolean;
  errors: { field: string; message: string }[];
  /** Number of runs the spec expands to (arms × seeds × budgets), when it is valid. */
  runCount: number | null;
}

export interface BackendInfo {
  name: string; // 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu'
  available: boolean;
  reason: string; // why it is (not) available, in words a user understands
}

export interface EnvironmentInfo {
  graftVersion: string;
  dbPath: string;
  dataDir: string;
  electron: { available: boolean; reason: string };
  backends: BackendInfo[];
  chosenBackend: string | null;
  concurrency: number;
}

export interface Responses {
  listExperiments: ExperimentSummary[];
  /** dataNotes: what the loader decided about the experiment's data (contract/dataNotes.ts). */
  getExperiment: { experiment: ExperimentDetail; runs: RunSummary[]; dataNotes: DataNote[] };
  listRuns: RunSummary[];
  readSeries: Series[];
  startExperiment: { experimentId: number; runIds: number[] };
  validateSpec: SpecCheck;
  cancelRun: { runId: number; status: RunStatus };
  resumeRun: { runId: number; status: RunStatus };
  cancelExperiment: { id: number; cancelled: number[] };
  readRunLog: { runId: number; lines: { seq: number; time: string; line: string }[] };
  readRunDataNotes: { runId: number; notes: DataNote[] };
  setRunTags: { runId: number; tags: string[] };
  setRunNote: { runId: number; note: string };
  deleteExperiment: { id: number; deletedRuns: number };
  getEnvironment: EnvironmentInfo;
  compareExperiment: ExperimentComparison;
  compareRuns: RunsComparison;
  listDatasets: DatasetInfo[];
  startDemo: { experimentIds: number[] };
  /** The report file; `attachments` go beside it (Markdown's PNG charts, the CSV of every series). */
  exportReport: ReportFile & { attachments: ReportFile[] };
}

export type Request<M extends MethodName> = z.input<(typeof requestSchemas)[M]>;
export type ParsedRequest<M extends MethodName> = z.output<(typeof requestSchemas)[M]>;
export type Response<M extends MethodName> = Responses[M];

/** What the renderer holds: one function per method, plus event subscription. */
export type GraftApi = {
  [M in MethodName]: (request: Request<M>) => Promise<Response<M>>;
} & {
  /** Subscribe to events; returns the unsubscribe function. */
  onEvent(listener: (event: GraftEvent) => void): () => void;
};

/** Wire format of a reply, the same over IPC and HTTP. */
export type Reply<T> = { ok: true; result: T } | { ok: false; error: ApiErrorData };

/** One exported file; `fileName` is relative (attachments may sit in a folder beside the main file). */
export interface ReportFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

// In-memory form of every dataset Graft trains on, whatever file it came from.
// Loaders (IDX, image folder, CSV, shipped sets) produce it; the engine consumes it.

export type TaskType = 'classification' | 'regression';

export interface TaskDef {
  name: string;
  type: TaskType;
  /** Class names, index = label value (classification only). */
  classes?: string[];
}

/** What one input position of a tabular dataset holds (see `Dataset.features`). */
export interface FeatureDef {
  /** e.g. "bill_length_mm", or "island=Dream" for a one-hot position. */
  name: string;
  /** The source column. */
  column: string;
  /** 'numeric': a raw number (standardize with train statistics); 'category': a 0/1 one-hot flag. */
  kind: 'numeric' | 'category';
  /** The category level this position flags (kind 'category' only). */
  level?: string;
}

export interface Dataset {
  name: string;
  /** Number of examples. */
  n: number;
  /** Shape of one example, e.g. [28, 28, 1] for images or [8] for tabular features. */
  inputShape: number[];
  /** Features, row-major: n × product(inputShape). Images scaled to 0..1. */
  x: Float32Array;
  tasks: TaskDef[];
  /** Per task name: Int32Array of class indices, or Float32Array of regression targets. */
  y: Record<string, Int32Array | Float32Array>;
  /**
   * Rows (ascending) that are the source's own test set, e.g. Fashion-MNIST's t10k part.
   * `splitIndices` uses them as the test split instead of drawing one, so a published
   * train/test boundary is never crossed. Absent when the source has no official split.
   */
  testRows?: Int32Array;
  /**
   * Tabular datasets only: one entry per input position. Numeric positions hold raw values;
   * `standardizeFeatures` rescales them with statistics of the training rows only.
   */
  features?: FeatureDef[];
  /** Provenance a user should see: rows dropped, files skipped, how a dataset was derived. */
  notes?: string[];
}

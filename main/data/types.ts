// In-memory form of every dataset Graft trains on, whatever file it came from.
// Loaders (IDX, image folder, CSV, shipped sets) produce it; the engine consumes it.

export type TaskType = 'classification' | 'regression';

export interface TaskDef {
  name: string;
  type: TaskType;
  /** Class names, index = label value (classification only). */
  classes?: string[];
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
}

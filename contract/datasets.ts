// What the Datasets view shows of a dataset Graft ships: enough to decide whether it fits a
// question (size, classes, tasks, license) and to see what the data looks like.

export interface DatasetTask {
  name: string;
  type: 'classification' | 'regression';
  /** Class names, index = label value (classification only). */
  classes?: string[];
}

/** One grayscale example image: width × height bytes 0..255, row-major. */
export interface SampleImage {
  label: string;
  width: number;
  height: number;
  pixels: number[];
}

export interface DatasetInfo {
  name: string;
  kind: 'image' | 'tabular';
  description: string;
  rows: number;
  inputShape: number[];
  tasks: DatasetTask[];
  license: string;
  /** Image data: one example per class (at most 10). */
  samples?: SampleImage[];
  /** Tabular data: the first rows of the file as written. */
  preview?: { columns: string[]; rows: string[][] };
}

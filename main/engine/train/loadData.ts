// From a spec's data reference to a Dataset, through the data module's loaders.
import type { DataRef } from '../../../contract/spec.ts';
import { loadBuiltin } from '../../data/builtin.ts';
import { loadCsv } from '../../data/csv.ts';
import { loadIdxDataset } from '../../data/idx.ts';
import { loadImageFolder } from '../../data/imageFolder.ts';
import type { Dataset } from '../../data/types.ts';

export interface LoadOptions {
  /** Folder of the shipped datasets; default the repository's data/. */
  dataDir?: string;
}

export async function loadDataRef(ref: DataRef, opts: LoadOptions = {}): Promise<Dataset> {
  if ('builtin' in ref) return loadBuiltin(ref.builtin, opts.dataDir ? { dataDir: opts.dataDir } : {});
  if ('idx' in ref) return loadIdxDataset({ images: ref.idx.images, labels: ref.idx.labels, name: ref.idx.images });
  if ('imageFolder' in ref) return loadImageFolder(ref.imageFolder, { shape: ref.inputShape });
  return loadCsv(ref.csv, { targets: [ref.target] });
}

/** Short text for logs: which data a run trains on. */
export function describeDataRef(ref: DataRef): string {
  const classes = ref.classes ? ` classes ${ref.classes.join(',')}` : '';
  if ('builtin' in ref) return `${ref.builtin}${classes}`;
  if ('idx' in ref) return `${ref.idx.images}${classes}`;
  if ('imageFolder' in ref) return `${ref.imageFolder}${classes}`;
  return `${ref.csv} → ${ref.target}${classes}`;
}

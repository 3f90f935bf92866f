// From a spec's data reference to a Dataset, through the data module's loaders.
import type { DataRef } from '../../../../contract/spec.ts';
import { loadBuiltin } from '../../../data/builtin.ts';
import { loadCsv } from '../../../data/csv.ts';
import { loadIdxDataset } from '../../../data/idx.ts';
import { loadImageFolder } from '../../../data/imageFolder.ts';
import type { Dataset } from '../../../data/types.ts';

export interface LoadOptions {
  /** Folder of the shipped datasets; default the repository's data/. */
  dataDir?: string;
}

export async function loadDataRef(ref: DataRef, opts: LoadOptions = {}): Promise<Dataset> {
  if ('builtin' in ref) return loadBuiltin(ref.builtin, opts.dataDir ? { dataDir: opts.dataDir } : {});
  if ('idx' in ref) return loadIdxDataset({ images: ref.idx.images, labels: ref.idx.labels, name: ref.idx.images });
  if ('imageFolder' in ref) return loadImageFolder(ref.imageFolder, { shape: ref.inputShape, unreadable: ref.unreadable ?? 'skip' });
  return loadCsv(ref.csv, { targets: [ref.target] });
}

export type DataLoader = (ref: DataRef) => Promise<Dataset>;

/**
 * A loader that reads each distinct file once: a head-to-head often names one file as its
 * target and as every source (different classes of it), and a big image folder read several
 * times over is most of the wait at submit time. The classes are left out of the key: they
 * select from the loaded data and do not change what is read.
 */
export function loadingEachFileOnce(load: DataLoader): DataLoader {
  const loads = new Map<string, Promise<Dataset>>();
  return (ref) => {
    const { classes: _classes, ...file } = ref;
    const key = JSON.stringify(file);
    let loading = loads.get(key);
    if (!loading) {
      loading = load(ref);
      loads.set(key, loading);
    }
    return loading;
  };
}

/** Short text for logs: which data a run trains on. */
export function describeDataRef(ref: DataRef): string {
  const classes = ref.classes ? ` classes ${ref.classes.join(',')}` : '';
  if ('builtin' in ref) return `${ref.builtin}${classes}`;
  if ('idx' in ref) return `${ref.idx.images}${classes}`;
  if ('imageFolder' in ref) return `${ref.imageFolder}${classes}`;
  return `${ref.csv} → ${ref.target}${classes}`;
}

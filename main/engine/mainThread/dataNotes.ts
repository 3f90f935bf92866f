// An experiment's data notes, gathered at submit time from the same loads the preflight made:
// the loader's own notes (rows dropped, files skipped, tasks inferred) and the rows per class
// of the classes the spec selects.
import type { DataNote } from '../../../contract/dataNotes.ts';
import type { DataRef, ExperimentSpec } from '../../../contract/spec.ts';
import { tasksOf } from '../../../contract/specMultitask.ts';
import { classCount, classLabels, classificationTask } from '../../data/rows.ts';
import { selectClasses } from '../../data/subset.ts';
import type { Dataset } from '../../data/types.ts';
import { loadMultitaskDataset } from '../worker/multitask/datasets.ts';
import type { DataLoader } from '../worker/transfer/loadData.ts';

function dataRefsOf(spec: ExperimentSpec): { field: string; ref: DataRef }[] {
  if (spec.kind === 'transfer') {
    const pretrain = spec.source && 'pretrain' in spec.source ? [{ field: 'source.pretrain.data', ref: spec.source.pretrain.data }] : [];
    return [{ field: 'target', ref: spec.target }, ...pretrain];
  }
  if (spec.kind === 'head-to-head') return [{ field: 'target', ref: spec.target }, ...spec.sources.map((s, i) => ({ field: `sources[${i}].data`, ref: s.data }))];
  return []; // multitask data: see multitaskNotes
}

/** A multitask CSV's notes (rows dropped for missing values, task types inferred); the shipped datasets have none worth storing. */
async function multitaskNotes(spec: ExperimentSpec): Promise<DataNote[]> {
  if (spec.kind !== 'multitask' || !('csv' in spec.data)) return [];
  try {
    const ds = await loadMultitaskDataset(spec.data, tasksOf(spec));
    const counts = classCountNote(ds);
    return [...(ds.notes ?? []), ...(counts ? [counts] : [])].map((note) => ({ data: 'data', note }));
  } catch {
    return []; // its preflight has already refused data that cannot be loaded
  }
}

/** "rows per class: cat 40, dog 38" for the dataset's first classification task. */
export function classCountNote(ds: Dataset): string | null {
  const task = classificationTask(ds);
  if (!task) return null;
  const counts = new Array<number>(classCount(ds, task)).fill(0);
  for (const label of classLabels(ds, task)) counts[label] = (counts[label] ?? 0) + 1;
  const names = task.classes ?? counts.map((_, c) => String(c));
  return `rows per class (${task.name}): ${counts.map((n, c) => `${names[c]} ${n}`).join(', ')}`;
}

export async function collectDataNotes(spec: ExperimentSpec, load: DataLoader): Promise<DataNote[]> {
  const notes: DataNote[] = await multitaskNotes(spec);
  for (const { field, ref } of dataRefsOf(spec)) {
    let ds: Dataset;
    try {
      const loaded = await load(ref);
      ds = ref.classes ? selectClasses(loaded, ref.classes) : loaded;
    } catch {
      continue; // the preflight has already refused data that cannot be loaded
    }
    for (const note of ds.notes ?? []) notes.push({ data: field, note });
    const counts = classCountNote(ds);
    if (counts) notes.push({ data: field, note: counts });
  }
  return notes;
}

// The data notes of an experiment as `graft run` prints them: one line per note, under the data
// it is about, so a dropped row or a skipped file is seen before training starts.
import type { DataNote } from '../../contract/dataNotes.ts';

export function dataNotesLines(notes: readonly DataNote[]): string[] {
  if (notes.length === 0) return [];
  return ['Data notes:', ...notes.map((n) => `  ${n.data}: ${n.note}`)];
}

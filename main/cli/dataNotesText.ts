// Data notes as `graft run` prints them: the experiment's (what its loader decided) before
// training, one line per note under the data it is about, so a dropped row or a skipped file is
// seen before training starts; each run's (what its own preparation decided: rows drawn, budget
// capped) after training, under the run.
import type { DataNote } from '../../contract/dataNotes.ts';
import type { RunSummary } from '../../contract/model.ts';

export function dataNotesLines(notes: readonly DataNote[]): string[] {
  if (notes.length === 0) return [];
  return ['Data notes:', ...notes.map((n) => `  ${n.data}: ${n.note}`)];
}

export function runDataNotesLines(runs: readonly { run: RunSummary; notes: readonly DataNote[] }[]): string[] {
  const withNotes = runs.filter((r) => r.notes.length > 0);
  if (withNotes.length === 0) return [];
  return [
    'Run data notes:',
    ...withNotes.flatMap(({ run, notes }) => [`  run #${run.id} (${run.arm}, seed ${run.seed}, ${run.budget}):`, ...notes.map((n) => `    ${n.data}: ${n.note}`)]),
  ];
}

// The plain tables of a report besides the summary: environment, config diff and runs, as
// rows of text every format lays out its own way (escaping is the format's job).
import { describeValues } from './configDiff.ts';
import type { ReportModel } from './model.ts';

export interface TextTable {
  header: string[];
  rows: string[][];
}

export function environmentTable(model: ReportModel): TextTable {
  return { header: ['Property', 'Value'], rows: model.environment.map((r) => [r.label, r.value]) };
}

/** The data notes (#15): what Graft decided about the data, the experiment's first, then each run's. */
export function dataNotesTable(model: ReportModel): TextTable {
  return {
    header: ['Data', 'Decided'],
    rows: model.dataNotes.map((n) => [n.runId === null ? n.data : `run ${n.runId}: ${n.data}`, n.note]),
  };
}

export function configDiffTable(model: ReportModel): TextTable {
  const arms = [...new Set(model.runs.map((r) => r.arm))];
  return {
    header: ['Field', 'Values (arms)'],
    rows: model.configDiff.map((row) => [row.field, describeValues(row, arms).join('; ')]),
  };
}

function epochs(done: number, planned: number | null): string {
  return planned === null ? String(done) : `${done}/${planned}`;
}

export function runsTable(model: ReportModel): TextTable {
  return {
    header: ['Run', 'Arm', 'Seed', 'Budget', 'Status', 'Epochs', 'Tags', 'Note', 'Error'],
    rows: model.runs.map((run) => [
      String(run.id),
      run.arm,
      String(run.seed),
      run.budget,
      run.status,
      epochs(run.epochsDone, run.epochsPlanned),
      run.tags.join(', '),
      run.note,
      run.error ?? '',
    ]),
  };
}

/** The spec as people read it: indented JSON. */
export function specText(model: ReportModel): string {
  return JSON.stringify(model.experiment.spec, null, 2) ?? 'null';
}

export function reportTitle(model: ReportModel): string {
  return `${model.experiment.name}`;
}

export function subtitle(model: ReportModel): string {
  const e = model.experiment;
  return `${e.kind} experiment ${e.id} · created ${e.createdAt} · report generated ${model.generatedAt} by Graft ${model.graftVersion}`;
}

// The `exportReport` API method: the experiment's comparison rendered in one report format, the
// files as base64 (named after the experiment) for the app's save dialog.
import type { ReportFile } from '../../contract/api.ts';
import type { RunStore } from '../../db/store.ts';
import { produceReport } from '../reports/export.ts';
import { contentBuffer, type ReportOutput } from '../reports/files.ts';
import { suggestedFileName, type ReportFormat } from '../reports/formats.ts';
import { reportExperiment } from '../reports/model.ts';
import { compareExperimentRow } from './compare.ts';

function asReportFile(file: ReportOutput['main']): ReportFile {
  return { fileName: file.fileName, mimeType: file.mimeType, base64: contentBuffer(file.content).toString('base64') };
}

export async function exportReport(store: RunStore, experimentId: number, format: ReportFormat): Promise<ReportFile & { attachments: ReportFile[] }> {
  const experiment = reportExperiment(store, experimentId);
  const output = await produceReport(store, experiment, compareExperimentRow(store, experiment), format, suggestedFileName(experiment.name, format));
  return { ...asReportFile(output.main), attachments: output.attachments.map(asReportFile) };
}

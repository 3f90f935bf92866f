// The report model of the seeded report store (main/reports/testing.ts), with the comparison the
// service computes: here, since a report never computes its comparison and reports/ must not
// import the services.
import { openStore } from '../../db/open.ts';
import { buildReportModel, reportExperiment, type ReportModel } from '../../main/reports/model.ts';
import { seedReportStore } from '../../main/reports/testing.ts';
import { compareExperimentRow } from '../../main/services/compare.ts';

/** The report model of a freshly seeded store (plain data: the store is closed again). */
export function seededReportModel(): ReportModel {
  const seeded = seedReportStore();
  const store = openStore(seeded.dbPath);
  try {
    const experiment = reportExperiment(store, seeded.experimentId);
    return buildReportModel(store, experiment, compareExperimentRow(store, experiment));
  } finally {
    store.close();
  }
}

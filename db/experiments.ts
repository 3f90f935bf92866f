// Experiments and the runs they expand to, created and deleted as one unit.
import type Database from 'better-sqlite3';
import type { ExperimentDetail, ExperimentKind, ExperimentSummary, StatusCounts } from '../contract/model.ts';
import { RUN_STATUSES } from '../contract/model.ts';
import { StoreError, toStoreError } from './errors.ts';
import { fromJson, nowIso, toJson } from './values.ts';

export interface NewRun {
  arm: string;
  seed: number;
  budget: string;
  config: unknown;
  epochsPlanned?: number | null;
}

export interface NewExperiment {
  name: string;
  kind: ExperimentKind;
  specVersion: number;
  spec: unknown;
  runs: NewRun[];
}

type SummaryRow = { id: number; name: string; kind: ExperimentKind; created_at: string } & Omit<StatusCounts, 'total'> & {
    total: number;
  };
type DetailRow = SummaryRow & { spec_version: number; spec: string };

const STATUS_COUNTS = RUN_STATUSES.map((s) => `count(r.id) FILTER (WHERE r.status = '${s}') AS "${s}"`).join(', ');
const NEWEST_FIRST = 'ORDER BY e.created_at DESC, e.id DESC';

function summarySql(extraColumns: string, where: string, tail = ''): string {
  return `SELECT e.id, e.name, e.kind, e.created_at, ${extraColumns} count(r.id) AS total, ${STATUS_COUNTS}
    FROM experiments e LEFT JOIN runs r ON r.experiment_id = e.id
    ${where} GROUP BY e.id ${NEWEST_FIRST} ${tail}`;
}

function toSummary(row: SummaryRow): ExperimentSummary {
  const runs = { total: row.total } as StatusCounts;
  for (const status of RUN_STATUSES) runs[status] = row[status];
  return { id: row.id, name: row.name, kind: row.kind, createdAt: row.created_at, runs };
}

function toDetail(row: DetailRow): ExperimentDetail {
  return { ...toSummary(row), specVersion: row.spec_version, spec: fromJson(row.spec) };
}

export class Experiments {
  private readonly insertExperiment;
  private readonly insertRun;
  private readonly selectAll;
  private readonly selectById;
  private readonly selectByName;
  private readonly countRuns;
  private readonly deleteById;
  private readonly createTx;

  constructor(private readonly db: Database.Database) {
    this.insertExperiment = db.prepare<[string, string, number, string, string]>(
      'INSERT INTO experiments (name, kind, spec_version, spec, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertRun = db.prepare<[number, string, number, string, string, number | null, string]>(
      `INSERT INTO runs (experiment_id, arm, seed, budget, config, epochs_planned, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectAll = db.prepare<[], SummaryRow>(summarySql('', ''));
    this.selectById = db.prepare<[number], DetailRow>(summarySql('e.spec_version, e.spec,', 'WHERE e.id = ?'));
    this.selectByName = db.prepare<[string], DetailRow>(
      summarySql('e.spec_version, e.spec,', 'WHERE e.name = ?', 'LIMIT 1'),
    );
    this.countRuns = db.prepare<[number], number>('SELECT count(*) FROM runs WHERE experiment_id = ?').pluck();
    this.deleteById = db.prepare<[number]>('DELETE FROM experiments WHERE id = ?');
    this.createTx = db.transaction((input: NewExperiment) => this.insertAll(input));
  }

  create(input: NewExperiment): { experimentId: number; runIds: number[] } {
    return this.createTx(input);
  }

  private insertAll(input: NewExperiment): { experimentId: number; runIds: number[] } {
    const createdAt = nowIso();
    const spec = toJson(input.spec, 'spec');
    const experimentId = Number(
      this.insertExperiment.run(input.name, input.kind, input.specVersion, spec, createdAt).lastInsertRowid,
    );
    const runIds = input.runs.map((run, i) => {
      const field = `runs[${i}]`;
      const config = toJson(run.config, `${field}.config`);
      try {
        const inserted = this.insertRun.run(
          experimentId,
          run.arm,
          run.seed,
          run.budget,
          config,
          run.epochsPlanned ?? null,
          createdAt,
        );
        return Number(inserted.lastInsertRowid);
      } catch (error) {
        const what = `${field} (arm ${run.arm}, seed ${run.seed}, budget ${run.budget})`;
        const wrapped = toStoreError(error, what);
        if (wrapped.code !== 'conflict') throw wrapped;
        throw new StoreError('conflict', `${what}: an earlier run has the same arm, seed and budget`, { cause: error });
      }
    });
    return { experimentId, runIds };
  }

  /** Newest first. `search` matches anywhere in the name, ignoring case (Unicode-aware, unlike SQLite's lower()). */
  list(search?: string): ExperimentSummary[] {
    const needle = search?.trim().toLocaleLowerCase() ?? '';
    const rows = this.selectAll.all();
    const matching = needle === '' ? rows : rows.filter((row) => row.name.toLocaleLowerCase().includes(needle));
    return matching.map(toSummary);
  }

  get(id: number): ExperimentDetail | undefined {
    const row = this.selectById.get(id);
    return row === undefined ? undefined : toDetail(row);
  }

  /**
   * "12" is experiment 12; any other text is an exact name, the newest experiment of that
   * name winning. A number that is no experiment's id is tried as a name, so an experiment
   * named "2024" can still be found.
   */
  find(idOrName: string): ExperimentDetail | undefined {
    if (/^\d+$/.test(idOrName)) {
      const byId = this.get(Number(idOrName));
      if (byId !== undefined) return byId;
    }
    const row = this.selectByName.get(idOrName);
    return row === undefined ? undefined : toDetail(row);
  }

  /** Deletes the experiment; foreign keys cascade to runs and everything they own. */
  delete(id: number): { deletedRuns: number } {
    const deletedRuns = this.countRuns.get(id) ?? 0;
    if (this.deleteById.run(id).changes === 0) {
      throw new StoreError('not-found', `experiment ${id} does not exist`);
    }
    return { deletedRuns };
  }
}

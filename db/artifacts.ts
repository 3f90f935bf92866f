// Files a run produced (final model, checkpoints, logs). The store keeps their path, size and
// hash; the files themselves live on disk and are the caller's to write and delete.
import type Database from 'better-sqlite3';
import { nowIso } from './values.ts';

export interface NewArtifact {
  kind: string; // 'model' | 'checkpoint' | 'log' | ...
  path: string;
  size: number;
  sha256: string; // hex
  epoch?: number | null;
}

export interface Artifact {
  id: number;
  runId: number;
  kind: string;
  path: string;
  size: number;
  sha256: string;
  epoch: number | null;
  createdAt: string;
}

interface ArtifactRow {
  id: number;
  run_id: number;
  kind: string;
  path: string;
  size: number;
  sha256: string;
  epoch: number | null;
  created_at: string;
}

const COLUMNS = 'id, run_id, kind, path, size, sha256, epoch, created_at';

function toArtifact(row: ArtifactRow): Artifact {
  return {
    id: row.id,
    runId: row.run_id,
    kind: row.kind,
    path: row.path,
    size: row.size,
    sha256: row.sha256,
    epoch: row.epoch,
    createdAt: row.created_at,
  };
}

export class Artifacts {
  private readonly insert;
  private readonly selectByRun;
  private readonly selectLatest;
  private readonly selectPathsOfExperiment;

  constructor(db: Database.Database) {
    // OR REPLACE on (run_id, path): a resumed run that rewrites a checkpoint file gets one
    // row for it, with a new id, so it counts as the newest.
    this.insert = db.prepare<[number, string, string, number, string, number | null, string], ArtifactRow>(
      `INSERT OR REPLACE INTO artifacts (run_id, kind, path, size, sha256, epoch, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
    );
    this.selectByRun = db.prepare<[number], ArtifactRow>(`SELECT ${COLUMNS} FROM artifacts WHERE run_id = ? ORDER BY id`);
    this.selectLatest = db.prepare<[number, string], ArtifactRow>(
      `SELECT ${COLUMNS} FROM artifacts WHERE run_id = ? AND kind = ? ORDER BY id DESC LIMIT 1`,
    );
    this.selectPathsOfExperiment = db
      .prepare<[number], string>(
        `SELECT a.path FROM artifacts a JOIN runs r ON r.id = a.run_id WHERE r.experiment_id = ? ORDER BY a.id`,
      )
      .pluck();
  }

  add(runId: number, artifact: NewArtifact): Artifact {
    const row = this.insert.get(
      runId,
      artifact.kind,
      artifact.path,
      artifact.size,
      artifact.sha256.toLowerCase(),
      artifact.epoch ?? null,
      nowIso(),
    );
    return toArtifact(row as ArtifactRow);
  }

  list(runId: number): Artifact[] {
    return this.selectByRun.all(runId).map(toArtifact);
  }

  latest(runId: number, kind: string): Artifact | undefined {
    const row = this.selectLatest.get(runId, kind);
    return row === undefined ? undefined : toArtifact(row);
  }

  pathsOfExperiment(experimentId: number): string[] {
    return this.selectPathsOfExperiment.all(experimentId);
  }
}

// The single writer's batching: what workers report (points, epochs done, artifacts) is queued
// and written in one transaction per flush, so a busy experiment costs a few transactions a
// second rather than one per metric.
import type { RunStore } from '../../../db/store.ts';
import type { EpochReport } from '../worker/run/epochLoop.ts';
import type { ArtifactInfo } from '../worker/run/lifecycle.ts';

type Write = (store: RunStore) => void;

export class EpochWriter {
  private queue: Write[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly delayMs = 100,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  epoch(runId: number, report: EpochReport): void {
    const points = report.points.map((p) => ({ ...p, epoch: report.epoch, step: report.step, time: report.time }));
    this.push((s) => {
      s.appendPoints(runId, points);
      s.setEpochsDone(runId, report.epoch);
    });
  }

  artifact(runId: number, path: string, info: ArtifactInfo): void {
    this.push((s) => s.addArtifact(runId, { kind: info.kind, path, size: info.size, sha256: info.sha256, epoch: info.epoch }));
  }

  private push(write: Write): void {
    this.queue.push(write);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Writes everything queued now, in one transaction. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const writes = this.queue;
    this.queue = [];
    if (writes.length === 0) return;
    try {
      this.store.withTransaction(() => {
        for (const w of writes) w(this.store);
      });
    } catch (err) {
      this.onError(err);
    }
  }
}

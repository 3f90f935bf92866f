// Every epoch's report, appended to `<run folder>/epochs.jsonl` before that epoch's checkpoint is
// swapped in. The store is written by the main thread a moment later (its writer batches), so a
// crash in between leaves a checkpoint one or more epochs ahead of the store; on resume the
// lifecycle replays the reports the store lacks from this log, so no epoch the checkpoint holds
// is missing from the run's series. A line torn by the crash is ignored: its epoch had no
// checkpoint yet, so the run trains it again.
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EpochReport } from './epochLoop.ts';

export const EPOCH_LOG_FILE = 'epochs.jsonl';

export class EpochLog {
  private readonly file: string;

  constructor(workDir: string) {
    this.file = join(workDir, EPOCH_LOG_FILE);
  }

  /** A run that starts from nothing starts its log from nothing. */
  async reset(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, '');
  }

  async append(report: EpochReport): Promise<void> {
    await appendFile(this.file, `${JSON.stringify(report)}\n`);
  }

  /** The reports of epochs after `stored` up to `upTo` (the checkpoint's epoch), in order. */
  async between(stored: number, upTo: number): Promise<EpochReport[]> {
    const text = await readFile(this.file, 'utf8').catch(() => '');
    const byEpoch = new Map<number, EpochReport>();
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const report = JSON.parse(line) as EpochReport;
        if (report.epoch > stored && report.epoch <= upTo) byEpoch.set(report.epoch, report);
      } catch {
        // torn by a crash mid-append: that epoch was never checkpointed
      }
    }
    return [...byEpoch.keys()].sort((a, b) => a - b).map((epoch) => byEpoch.get(epoch)!);
  }
}

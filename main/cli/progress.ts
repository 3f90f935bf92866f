// Progress bars for `graft run` and `graft demo`: one per run and one for the experiment,
// redrawn in place on a terminal; on a pipe (CI, logs), one line per finished epoch.
import type { GraftEvent } from '../../contract/events.ts';
import type { RunSummary } from '../../contract/model.ts';

const BAR_WIDTH = 24;

export function bar(fraction: number, width = BAR_WIDTH): string {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(clamped * width);
  return `[${'█'.repeat(full)}${'·'.repeat(width - full)}] ${String(Math.round(clamped * 100)).padStart(3)}%`;
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `eta ${Math.ceil(seconds)}s`;
  if (seconds < 3600) return `eta ${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
  return `eta ${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

interface RunLine {
  label: string;
  fraction: number;
  status: string;
  detail: string;
  eta: number | null;
  printedEpoch: number;
}

export class ProgressBoard {
  private readonly lines = new Map<number, RunLine>();
  private drawn = 0;
  private lastDraw = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
    runs: RunSummary[],
  ) {
    for (const run of runs) {
      this.lines.set(run.id, { label: `#${run.id} ${run.arm} seed ${run.seed} ${run.budget}`, fraction: 0, status: run.status, detail: '', eta: null, printedEpoch: -1 });
    }
  }

  handle(event: GraftEvent): void {
    if (!('runId' in event)) return;
    const line = this.lines.get(event.runId);
    if (!line) return;
    if (event.type === 'run-progress') {
      line.fraction = event.fraction;
      line.eta = event.etaSeconds;
      line.status = 'running';
      const metrics = Object.entries(event.metrics)
        .filter(([key]) => /\/val\/(accuracy|loss)$/.test(key))
        .map(([key, value]) => `${key.split('/').slice(1).join(' ')} ${value.toFixed(3)}`)
        .join('  ');
      line.detail = `epoch ${event.epoch}/${event.epochs}${metrics ? `  ${metrics}` : ''}`;
      // On a pipe, one line per epoch (progress events also arrive between epochs).
      if (!this.tty && event.epoch > line.printedEpoch) {
        line.printedEpoch = event.epoch;
        this.write(`${line.label}: ${line.detail}`);
      }
    } else if (event.type === 'run-status') {
      line.status = event.status;
      if (event.status === 'completed') line.fraction = 1;
      if (event.error) line.detail = event.error;
      if (!this.tty && event.status !== 'running') this.write(`${line.label}: ${event.status}${event.error ? ` — ${event.error}` : ''}`);
    }
    if (this.tty) this.draw();
  }

  /** Fraction of the whole experiment done: the mean over runs. */
  overall(): number {
    const lines = [...this.lines.values()];
    return lines.length === 0 ? 1 : lines.reduce((sum, l) => sum + (l.status === 'running' || l.status === 'completed' ? l.fraction : l.status === 'queued' ? 0 : 1), 0) / lines.length;
  }

  draw(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const lines = [...this.lines.values()];
    const eta = Math.max(0, ...lines.map((l) => (l.status === 'running' ? (l.eta ?? 0) : 0)));
    const rows = [
      `experiment ${bar(this.overall())} ${lines.filter((l) => l.status === 'completed').length}/${lines.length} runs ${formatEta(eta || null)}`,
      ...lines.map((l) => `  ${bar(l.fraction, 16)} ${l.status.padEnd(11)} ${l.label}  ${l.detail}`.slice(0, 160)),
    ];
    const up = this.drawn > 0 ? `\x1b[${this.drawn}F` : '';
    this.write(up + rows.map((r) => `\x1b[2K${r}`).join('\n'));
    this.drawn = rows.length;
  }
}

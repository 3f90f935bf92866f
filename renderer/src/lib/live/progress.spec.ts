import { describe, expect, it } from 'vitest';
import { experimentProgress, formatEta, outcome, runFraction, type LiveProgress } from './progress.ts';

describe('progress', () => {
  it('a run: stored epochs, or the live fraction while it runs', () => {
    expect(runFraction({ status: 'queued', epochsDone: 0, epochsPlanned: 10 })).toBe(0);
    expect(runFraction({ status: 'running', epochsDone: 4, epochsPlanned: 10 })).toBe(0.4);
    expect(runFraction({ status: 'running', epochsDone: 4, epochsPlanned: 10 }, { fraction: 0.45, etaSeconds: 30 })).toBe(0.45);
    expect(runFraction({ status: 'completed', epochsDone: 7, epochsPlanned: 10 })).toBe(1);
  });

  it('the experiment: weighted by epochs, ETA from the running runs plus the queued at their pace', () => {
    const runs = [
      { id: 1, status: 'completed' as const, epochsDone: 10, epochsPlanned: 10 },
      { id: 2, status: 'running' as const, epochsDone: 5, epochsPlanned: 10 },
      { id: 3, status: 'queued' as const, epochsDone: 0, epochsPlanned: 10 },
    ];
    const live = new Map<number, LiveProgress>([[2, { fraction: 0.5, etaSeconds: 50 }]]);
    const p = experimentProgress(runs, live);
    expect(p.fraction).toBeCloseTo(0.5, 12);
    // 50 s for the running one + 10 queued epochs at 10 s/epoch on one slot.
    expect(p.etaSeconds).toBeCloseTo(150, 9);
    expect(p.finished).toBe(false);
    expect(experimentProgress(runs, new Map()).etaSeconds).toBeNull();
    expect(experimentProgress([runs[0] as (typeof runs)[0]], new Map())).toEqual({ fraction: 1, etaSeconds: null, finished: true });
  });

  it('counts a cancelled run by the epochs it trained and says it was cancelled, never "100% · finished"', () => {
    const runs = [
      { id: 1, status: 'completed' as const, epochsDone: 10, epochsPlanned: 10 },
      { id: 2, status: 'cancelled' as const, epochsDone: 2, epochsPlanned: 10 },
    ];
    const p = experimentProgress(runs, new Map());
    expect(p.fraction).toBeCloseTo(0.6, 12);
    expect(p.finished).toBe(true);
    expect(outcome(runs)).toBe('stopped: 1 completed, 1 cancelled');
    expect(outcome([runs[0]!])).toBe('finished: 1 completed');
  });

  it('writes ETAs for people', () => {
    expect(formatEta(null)).toBe('estimating…');
    expect(formatEta(42)).toBe('42 s left');
    expect(formatEta(125)).toBe('2 min 5 s left');
    expect(formatEta(3 * 3600 + 120)).toBe('3 h 2 min left');
  });
});

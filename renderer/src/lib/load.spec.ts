import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GraftEvent } from '../../../contract/events.ts';
import { caught, epochWatcher, reloadOnEvents } from './load.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('caught', () => {
  it('is null when the work succeeds and the message when it throws', async () => {
    expect(await caught(async () => {})).toBeNull();
    expect(
      await caught(async () => {
        throw new Error('run 7 does not exist');
      }),
    ).toBe('run 7 does not exist');
  });
});

describe('reloadOnEvents', () => {
  function fakeApi(): { onEvent(listener: (event: GraftEvent) => void): () => void; emit(event: GraftEvent): void; listeners: number } {
    const listeners = new Set<(event: GraftEvent) => void>();
    return {
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit: (event) => listeners.forEach((l) => l(event)),
      get listeners() {
        return listeners.size;
      },
    };
  }
  const status = { type: 'run-status' } as GraftEvent;
  const log = { type: 'run-log' } as GraftEvent;

  it('batches the events of one delay into one reload, ignores the rest, and cancels on unsubscribe', () => {
    vi.useFakeTimers();
    const api = fakeApi();
    const reload = vi.fn();
    const off = reloadOnEvents(api, (event) => (event.type === 'run-log' ? null : 100), reload);
    api.emit(log);
    vi.advanceTimersByTime(1000);
    expect(reload).not.toHaveBeenCalled();
    api.emit(status);
    api.emit(status);
    vi.advanceTimersByTime(100);
    expect(reload).toHaveBeenCalledTimes(1);
    api.emit(status);
    off();
    vi.advanceTimersByTime(1000);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(api.listeners).toBe(0);
  });
});

describe('epochWatcher', () => {
  it('is true for each run\'s first epoch and each change of it, false for repeats', () => {
    const isNew = epochWatcher();
    expect(isNew({ runId: 1, epoch: 0 })).toBe(true);
    expect(isNew({ runId: 1, epoch: 0 })).toBe(false);
    expect(isNew({ runId: 2, epoch: 0 })).toBe(true);
    expect(isNew({ runId: 1, epoch: 1 })).toBe(true);
    expect(isNew({ runId: 1, epoch: 1 })).toBe(false);
    expect(isNew({ runId: 2, epoch: 0 })).toBe(false);
  });
});

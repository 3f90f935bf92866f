import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/seed.ts';
import { loadWindowState, saveWindowState } from './windowState.ts';

describe('window state', () => {
  it('round-trips size and position, and falls back on garbage', () => {
    const file = join(tempDir(), 'window-state.json');
    expect(loadWindowState(file)).toEqual({ width: 1280, height: 820 });
    saveWindowState(file, { width: 1000, height: 700, x: 10, y: 20, maximized: true });
    expect(loadWindowState(file)).toEqual({ width: 1000, height: 700, x: 10, y: 20, maximized: true });
    writeFileSync(file, '{"width": 5, "height": "tall"}');
    expect(loadWindowState(file)).toEqual({ width: 1280, height: 820 });
    writeFileSync(file, 'not json');
    expect(loadWindowState(file)).toEqual({ width: 1280, height: 820 });
  });
});

// Remembers the main window's size and position between launches, in a small JSON file.
import { readFileSync, writeFileSync } from 'node:fs';

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized?: boolean;
}

const DEFAULT_STATE: WindowState = { width: 1280, height: 820 };

/** Reads the saved state; anything unreadable or implausible falls back to the default. */
export function loadWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const ok = (n: unknown, min: number) => typeof n === 'number' && Number.isFinite(n) && n >= min;
    if (!ok(raw.width, 400) || !ok(raw.height, 300)) return DEFAULT_STATE;
    const state: WindowState = { width: raw.width as number, height: raw.height as number, maximized: raw.maximized === true };
    if (ok(raw.x, -10_000) && ok(raw.y, -10_000)) {
      state.x = raw.x as number;
      state.y = raw.y as number;
    }
    return state;
  } catch {
    return DEFAULT_STATE;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // Losing the window position is not worth an error dialog.
  }
}

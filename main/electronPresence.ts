// Is an Electron binary installed? The `electron` package is optional: its installer
// downloads the binary, which fails on machines without that download. Requiring the
// package in plain Node returns the binary's path (or throws when it is missing).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface ElectronPresence {
  available: boolean;
  binary: string | null;
  reason: string;
}

export function detectElectron(): ElectronPresence {
  const require = createRequire(import.meta.url);
  let binary: unknown;
  try {
    binary = require('electron');
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      available: false,
      binary: null,
      reason: `Electron is not installed (the optional "electron" package did not install its binary: ${why}); using the browser UI`,
    };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return { available: false, binary: null, reason: 'the electron package is present but its binary is missing; using the browser UI' };
  }
  return { available: true, binary, reason: `Electron binary at ${binary}` };
}

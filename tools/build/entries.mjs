// Every source file the build starts from, in one place: a file that moves is fixed here.
// Paths are relative to the project root. dist/ is flat (one bundle per entry beside the
// others) so that a bundle finds its siblings, data/ and package.json the same way from the
// clone and from the installed app.

/**
 * JavaScript bundles. `launcher` is the development file that other code points at with
 * `new URL(..., import.meta.url)` (a tsx-registering .mjs, or the source itself); the build
 * rewrites those references to the bundle, so sources keep working unbuilt under tsx/vitest.
 * @type {{ name: string, source: string, launchers: string[] }[]}
 */
export const BUNDLES = [
  { name: 'cli', source: 'main/cli/entry.ts', launchers: [] },
  { name: 'electron-main', source: 'main/electron/main.ts', launchers: ['bin/electron-main.mjs'] },
  { name: 'train-worker', source: 'main/engine/worker/trainWorker.ts', launchers: ['main/engine/worker/bootstrap.mjs'] },
  { name: 'probe-worker', source: 'main/engine/worker/backends/probeWorker.ts', launchers: ['main/engine/worker/backends/probeWorker.mjs'] },
];

/** The Electron preload: sandboxed, so one CommonJS file that requires only 'electron'. */
export const PRELOAD = { source: 'preload/preload.ts', out: 'dist/preload/preload.cjs' };

/** The WebAssembly kernels: this module's assembleGraftWasm(fma) gives the bytes of each. */
export const WASM_KERNELS = {
  assembler: 'main/engine/worker/backends/graftWasm/assemble.ts',
  /** fma → file, where main/engine/worker/backends/graftWasm/module.ts loads them. */
  outputs: [
    { fma: true, out: 'dist/wasm/graft-kernels-fma.wasm' },
    { fma: false, out: 'dist/wasm/graft-kernels.wasm' },
  ],
};

/** The renderer: built by Vite with this config into dist/renderer. */
export const RENDERER = { config: 'renderer/vite.config.ts', out: 'dist/renderer' };

/** Folders whose files the bundles and kernels are built from: newer files mean a rebuild. */
export const SOURCE_FOLDERS = ['main', 'db', 'contract', 'analysis', 'preload', 'tools/build'];

/** Where the build writes, and its stamp (written last: a build without it is incomplete). */
export const DIST = 'dist';
export const STAMP = 'dist/build-stamp.json';

// The build (tools/build/): dist/ holds what the installed app runs, built from the sources the
// tests run, and nothing in it loads a development tool at run time.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assembleGraftWasm } from '../main/engine/worker/backends/graftWasm/assemble.ts';
import { GRAFT_WASM_FILES, graftWasmBytes } from '../main/engine/worker/backends/graftWasm/module.ts';
import { BUNDLES, PRELOAD, WASM_KERNELS } from '../tools/build/entries.mjs';
import { staleReason } from '../tools/build/fresh.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// Vite is left out: `graft serve` in a clone builds the renderer with it on first use
// (rendererBuild.ts); the installed app has no renderer sources, never reaches that import,
// and the package test runs it without any development dependency installed.
const DEV_TOOLS = ['tsx', 'esbuild', 'wabt', 'typescript', 'svelte'];

describe('npm run build', () => {
  it('is current for these sources (the tests set-up rebuilt it)', () => {
    expect(staleReason(ROOT)).toBeNull();
  });

  it('assembles both kernel modules from the WAT generators: re-assembled here, byte for byte', async () => {
    expect(WASM_KERNELS.outputs.map((o) => o.fma).sort()).toEqual([false, true]);
    for (const { fma, out } of WASM_KERNELS.outputs) {
      const built = readFileSync(join(ROOT, out));
      expect(Buffer.from(await assembleGraftWasm(fma)).equals(built)).toBe(true);
      // …and these are the files the app loads.
      expect(fileURLToPath(fma ? GRAFT_WASM_FILES.fma : GRAFT_WASM_FILES.plain)).toBe(join(ROOT, out));
      expect(Buffer.from(graftWasmBytes(fma)).equals(built)).toBe(true);
    }
  });

  it('bundles every entry, importing no development tool and no TypeScript file', () => {
    const chunks = readdirSync(join(ROOT, 'dist')).filter((f) => f.startsWith('chunk-')).map((f) => `dist/${f}`);
    const files = [...BUNDLES.map((b) => `dist/${b.name}.mjs`), ...chunks, PRELOAD.out];
    for (const file of files) {
      const code = readFileSync(join(ROOT, file), 'utf8');
      const imported = [...code.matchAll(/(?:^import\s[^'"]*|\bimport\(|\brequire\()\s*["']([^"']+)["']/gm)].map((m) => m[1] ?? '');
      for (const tool of DEV_TOOLS) expect(imported.filter((id) => id === tool || id.startsWith(`${tool}/`)), `${file} imports ${tool}`).toEqual([]);
      expect(imported.filter((id) => id.endsWith('.ts')), file).toEqual([]);
      expect(code).not.toMatch(/new URL\(["']\.\.\/\.\.\//);
    }
    expect(readdirSync(join(ROOT, 'dist')).filter((f) => f.startsWith('.staging'))).toEqual([]);
  });

  it('keeps TensorFlow.js out of what `graft list` loads: the CLI reaches it only through lazy chunks', () => {
    const loaded = new Set<string>();
    const external = new Set<string>();
    // main/engine/worker/tf.mjs and tfWasm.mjs load tfjs with a require() made by createRequire
    // (not an import): count those calls too, whatever the bundler named the function.
    const required = new Set<string>();
    const visit = (file: string): void => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const code = readFileSync(join(ROOT, 'dist', file), 'utf8');
      for (const [, id = ''] of code.matchAll(/^import\s+(?:[^'"]*?from\s+)?["']([^"']+)["']/gm)) {
        if (id.startsWith('./')) visit(id.slice(2));
        else external.add(id);
      }
      for (const [, id = ''] of code.matchAll(/\b\w+\(\s*["'](@tensorflow\/[^"']+)["']\s*\)/g)) required.add(id);
    };
    visit('cli.mjs');
    expect([...external].filter((id) => id.startsWith('@tensorflow/'))).toEqual([]);
    expect([...required]).toEqual([]);
    expect(external.has('better-sqlite3')).toBe(true);
    // …while the training worker does load it that way (so the check above looks at the right thing).
    loaded.clear();
    visit('train-worker.mjs');
    expect([...required].sort()).toEqual(['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm']);
  });
});

// `npm run build`: everything the installed app runs, into dist/ (see entries.mjs). Development
// tools only (esbuild, wabt, Vite): the app itself never loads them.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLES, DIST, PRELOAD, RENDERER, STAMP, WASM_KERNELS } from './entries.mjs';
import { newestSourceMtime } from './fresh.mjs';
import { rewriteUrls } from './rewriteUrls.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Node 20.19 (package.json engines) and the Node inside Electron 39 both take ES2023. */
const TARGET = 'node20';

/**
 * Bundles, preload, kernels: built beside dist/ in a staging folder, then each file renamed into
 * place (a process starting meanwhile sees the old file or the new, never half of one), and the
 * stamp last.
 */
export async function buildMain({ log = () => {} } = {}) {
  const started = Date.now();
  const sourcesAt = newestSourceMtime(ROOT);
  const { build } = await import('esbuild');
  const dist = resolve(ROOT, DIST);
  const staging = join(dist, `.staging-${process.pid}-${Date.now()}`);
  const outputs = [PRELOAD.out, RENDERER.out, ...WASM_KERNELS.outputs.map((o) => o.out)];
  const plugin = rewriteUrls({ root: ROOT, dist, bundles: BUNDLES, outputs });
  const written = [];
  try {
    const bundled = await build({
      entryPoints: Object.fromEntries(BUNDLES.map((b) => [b.name, resolve(ROOT, b.source)])),
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      // Code the sources import lazily (TensorFlow.js behind the training and backend modules)
      // stays in chunks loaded on first use: `graft list` must not pay for it. Chunks sit beside
      // the entries, so every file in dist/ resolves the same relative URLs.
      splitting: true,
      chunkNames: 'chunk-[hash]',
      metafile: true,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: TARGET,
      // Dependencies load from node_modules as installed (native modules, tfjs' wasm files).
      packages: 'external',
      plugins: [plugin],
      // ESM has no require(); a bundled CommonJS helper that calls it gets Node's.
      banner: { js: "import { createRequire as __graftCreateRequire } from 'node:module'; const require = __graftCreateRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    written.push(...Object.keys(bundled.metafile.outputs).map((file) => basename(file)));
    await build({
      entryPoints: [resolve(ROOT, PRELOAD.source)],
      outfile: join(staging, PRELOAD.out.slice(DIST.length + 1)),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: TARGET,
      external: ['electron'],
      logLevel: 'warning',
    });
    written.push(PRELOAD.out.slice(DIST.length + 1));
    // The kernels' assembler is TypeScript: bundle it to a throwaway module and run it.
    const assembler = join(staging, 'assemble-kernels.mjs');
    await build({ entryPoints: [resolve(ROOT, WASM_KERNELS.assembler)], outfile: assembler, bundle: true, platform: 'node', format: 'esm', target: TARGET, packages: 'external', logLevel: 'warning' });
    const { assembleGraftWasm } = await import(pathToFileURL(assembler).href);
    for (const { fma, out } of WASM_KERNELS.outputs) {
      const file = join(staging, out.slice(DIST.length + 1));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, await assembleGraftWasm(fma));
      written.push(out.slice(DIST.length + 1));
    }
    for (const file of written) {
      mkdirSync(dirname(join(dist, file)), { recursive: true });
      renameSync(join(staging, file), join(dist, file));
    }
    // Chunks of earlier builds: nothing of this build imports them.
    for (const file of readdirSync(dist)) {
      if (file.startsWith('chunk-') && !written.includes(file)) rmSync(join(dist, file), { force: true });
    }
    const stampFile = resolve(ROOT, STAMP);
    writeFileSync(`${stampFile}.${process.pid}`, `${JSON.stringify({ sourcesAt, files: written }, null, 2)}\n`);
    renameSync(`${stampFile}.${process.pid}`, stampFile);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`Built ${written.length} files into ${DIST}/ in ${Date.now() - started} ms`);
  return written;
}

/** The renderer, with Vite, as `graft serve` builds it on first use. */
export async function buildRenderer() {
  const vite = await import('vite');
  const out = resolve(ROOT, RENDERER.out);
  const staging = `${out}.staging-${process.pid}`;
  await vite.build({ configFile: resolve(ROOT, RENDERER.config), logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildMain({ log: (line) => console.log(line) });
  if (!process.argv.includes('--no-renderer')) {
    await buildRenderer();
    console.log(`Built the renderer into ${RENDERER.out}/`);
  }
}

// A sandboxed preload can require only 'electron', so the preload (which imports the
// contract) is bundled into one CommonJS file before the window opens.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function buildPreload(): Promise<string> {
  const out = `${ROOT}dist/preload/preload.cjs`;
  const source = `${ROOT}preload/preload.ts`;
  if (!existsSync(source) && existsSync(out)) return out; // packaged app: prebuilt
  await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    outfile: out,
    logLevel: 'warning',
  });
  return out;
}

// Build once before any test file starts: dist/ (the bundles `graft` runs, the preload, the wasm
// kernels that in-process training loads) and the renderer, so parallel test files never race
// to build them, and a test's stderr never carries a build message.
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../tools/build/fresh.mjs';
import { ensureRendererBuilt } from '../../main/transports/http/rendererBuild.ts';

export default async function setup(): Promise<void> {
  await ensureBuilt(fileURLToPath(new URL('../../', import.meta.url)), () => {});
  await ensureRendererBuilt();
}

// Run as its own process (node --import tsx): asks the app for its environment the way the
// Settings view does, then reports whether TensorFlow.js got into this main thread. A child
// process because a test runner's own module set is not a clean main process.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../main/app.ts';

const require = createRequire(import.meta.url);

/** Two independent signs: tfjs-core's engine global, and any @tensorflow file in the CommonJS cache (the tfjs dist is CommonJS under Node). */
function tensorflowLoaded(): { engineGlobal: boolean; modules: string[] } {
  return {
    engineGlobal: (globalThis as { _tfengine?: unknown })._tfengine !== undefined,
    modules: Object.keys(require.cache).filter((file) => file.includes('@tensorflow')),
  };
}

const app = openApp(join(mkdtempSync(join(tmpdir(), 'graft-env-')), 'graft.db'));
const environment = await app.handlers.getEnvironment({});
const again = await app.handlers.getEnvironment({});
const afterGetEnvironment = tensorflowLoaded();
app.close();
// The control: loading the probe here does show up, so the check above can see what it looks for.
await import('../../main/engine/worker/backends/select.ts');
const afterLoadingTheProbe = tensorflowLoaded();
process.stdout.write(JSON.stringify({ environment, sameBackends: JSON.stringify(again.backends) === JSON.stringify(environment.backends), afterGetEnvironment, afterLoadingTheProbe }));
process.exit(0);

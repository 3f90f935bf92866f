// getEnvironment (the Settings view) reports every training backend without loading
// TensorFlow.js into the main process: the probe runs in a worker thread, once per process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EnvironmentInfo } from '../contract/api.ts';
import { detectBackendsOffThread } from '../main/engine/worker/backends/probeOffThread.ts';

const PROBE_SCRIPT = fileURLToPath(new URL('./support/environmentProbe.ts', import.meta.url));

interface Loaded {
  engineGlobal: boolean;
  modules: string[];
}

describe('getEnvironment', () => {
  it('reports the backends while the main thread never loads @tensorflow/*', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', PROBE_SCRIPT], { encoding: 'utf8', timeout: 120_000 });
    expect(child.stderr).not.toMatch(/Error/);
    expect(child.status).toBe(0);
    const report = JSON.parse(child.stdout) as { environment: EnvironmentInfo; sameBackends: boolean; afterGetEnvironment: Loaded; afterLoadingTheProbe: Loaded };
    expect(report.environment.backends.map((b) => b.name)).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    expect(report.environment.backends.find((b) => b.name === 'cpu')?.available).toBe(true);
    expect(report.environment.chosenBackend).toBe(report.environment.backends.find((b) => b.available)?.name);
    expect(report.sameBackends).toBe(true);
    expect(report.afterGetEnvironment).toEqual({ engineGlobal: false, modules: [] });
    // The control: the same check does see tfjs once it is loaded in that thread.
    expect(report.afterLoadingTheProbe.engineGlobal).toBe(true);
    expect(report.afterLoadingTheProbe.modules.some((m) => m.includes('@tensorflow/tfjs-core'))).toBe(true);
  });

  it('probes once per process', async () => {
    const first = detectBackendsOffThread();
    expect(detectBackendsOffThread()).toBe(first);
    expect((await first).length).toBe(4);
    expect(detectBackendsOffThread()).toBe(first);
  });
});

import { describe, expect, it } from 'vitest';
import { tf } from '../tf.mjs';
import { BACKEND_ORDER, detectBackends, selectBackend } from './select.ts';

// This machine cannot install tfjs-node(-gpu) (their installers download libtensorflow), so the
// native cases assert the "not installed" path; where they are installed they assert the choice.
const infos = await detectBackends();
const nativeLoaded = infos.some((b) => (b.name === 'tensorflow' || b.name === 'tensorflow-gpu') && b.available);

describe('detectBackends', () => {
  it('lists every backend best first, with a reason for each', () => {
    expect(infos.map((b) => b.name)).toEqual([...BACKEND_ORDER]);
    for (const b of infos) expect(b.reason.length).toBeGreaterThan(10);
    expect(infos.find((b) => b.name === 'wasm')).toMatchObject({ available: true, reason: expect.stringMatching(/WebAssembly backend with(out)? SIMD, threads: \d+/) });
    expect(infos.find((b) => b.name === 'cpu')?.available).toBe(true);
  });

  it.runIf(!nativeLoaded)('says in words why the native backends are missing', () => {
    expect(infos[0]).toMatchObject({ name: 'tensorflow-gpu', available: false, reason: expect.stringMatching(/tfjs-node-gpu is not installed.*CUDA/) });
    expect(infos[1]).toMatchObject({ name: 'tensorflow', available: false, reason: expect.stringMatching(/tfjs-node is not installed.*libtensorflow/) });
  });
});

describe('selectBackend', () => {
  it.runIf(!nativeLoaded)('picks wasm, says why, and adds the training kernels', async () => {
    const chosen = await selectBackend();
    expect(chosen.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(chosen.reason).toMatch(/^best available: .*tfjs-node is not installed/);
    expect(chosen.versions).toMatchObject({ 'tfjs-core': tf.version_core, 'tfjs-backend-wasm': expect.any(String) });
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it.runIf(nativeLoaded)('picks the native backend where it loaded', async () => {
    const chosen = await selectBackend();
    expect(['tensorflow-gpu', 'tensorflow']).toContain(chosen.name);
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it.runIf(!nativeLoaded)('refuses a forced backend that did not load, saying why', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(/'tensorflow' cannot be used: tfjs-node is not installed/);
    await expect(selectBackend('tfjs-node-gpu')).rejects.toThrow(/'tensorflow-gpu' cannot be used: .*CUDA/);
  });

  it('uses the cpu backend only when asked, and goes back to the best one after', async () => {
    const forced = await selectBackend('cpu');
    expect(forced).toMatchObject({ name: 'cpu', reason: expect.stringMatching(/^chosen by request/) });
    expect(tf.getBackend()).toBe('cpu');
    const best = await selectBackend();
    expect(best.name).not.toBe('cpu');
  });

  it('rejects an unknown name and lists the known ones', async () => {
    await expect(selectBackend('tpu')).rejects.toThrow(/unknown training backend 'tpu'.*tensorflow-gpu, tensorflow, wasm, cpu/);
  });
});

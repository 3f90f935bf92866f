// The demo's specs are valid, and "Run the demo" stores their experiments with queued runs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraftEvent } from '../../contract/events.ts';
import { expandRuns, parseSpec } from '../../contract/spec.ts';
import { openStore } from '../../db/open.ts';
import { tempDir } from '../../tests/support/seed.ts';
import { startDemo } from './demo.ts';
import { demoSpecs } from './demoSpecs.ts';
import { EventBus } from './eventBus.ts';

describe('demo', () => {
  it.each([true, false])('every demo spec parses (quick = %s)', (quick) => {
    const specs = demoSpecs(quick);
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) {
      const parsed = parseSpec(spec);
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    }
  });

  it('the Fashion-MNIST transfer demo: 3 arms × 3 seeds × 1 budget, plus a pretraining run per seed', () => {
    const parsed = parseSpec(demoSpecs(true)[0]);
    if (!parsed.ok) throw new Error('invalid');
    const spec = parsed.spec;
    if (spec.kind !== 'transfer') throw new Error(`expected a transfer spec, got ${spec.kind}`);
    expect(spec.arms.map((a) => a.strategy)).toEqual(['scratch', 'feature-extraction', 'fine-tune']);
    expect(spec.seeds).toEqual([1, 2, 3]);
    expect(spec.budgets).toEqual(['50/class']);
    // The transferred base is the conv blocks: a dense layer under the head learns features
    // specific to the source classes, and transfer then hurts (main/engine/README.md).
    expect(spec.model).toMatchObject({ type: 'cnn', filters: [16, 32], dense: [] });
    expect(spec.training).toMatchObject({ epochs: 6, batchSize: 32, lr: 0.003 });
    expect(parseSpec(demoSpecs(false)[0]).ok && (demoSpecs(false)[0] as { budgets: string[] }).budgets).toEqual(['10/class', '50/class', '200/class']);
    expect(expandRuns(spec)).toHaveLength(3 * 3 + 3);
  });

  it('startDemo stores the experiments as queued and announces them', async () => {
    const store = openStore(join(tempDir(), 'graft.db'));
    const events = new EventBus();
    const seen: GraftEvent[] = [];
    events.subscribe((e) => seen.push(e));
    let woken = 0;
    const ctx = { store, events, scheduler: { wake: () => void woken++, cancel: () => false }, environment: () => Promise.reject(new Error('unused')) };
    const { experimentIds } = await startDemo(ctx, true);
    expect(experimentIds).toHaveLength(demoSpecs(true).length);
    const runs = store.listRuns({ experimentId: experimentIds[0] as number });
    expect(runs.length).toBe(12);
    expect(runs.every((r) => r.status === 'queued')).toBe(true);
    expect(seen).toContainEqual({ type: 'experiment-changed', experimentId: experimentIds[0] });
    expect(woken).toBe(experimentIds.length);
    store.close();
  });
});

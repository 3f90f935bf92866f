// The shipped datasets as the Datasets view lists them, read from the real files in data/.
import { describe, expect, it } from 'vitest';
import { listDatasets } from './datasets.ts';

describe('listDatasets', () => {
  it('describes each shipped dataset with samples for images and a preview for tables', async () => {
    const datasets = await listDatasets();
    expect(datasets.map((d) => d.name)).toEqual(['fashion-mnist', 'digits', 'penguins']);
    const fashion = datasets[0];
    expect(fashion?.kind).toBe('image');
    expect(fashion?.tasks[0]?.classes).toHaveLength(10);
    expect(fashion?.samples?.map((s) => s.label)).toEqual(fashion?.tasks[0]?.classes);
    const sample = fashion?.samples?.[0];
    expect(sample?.pixels).toHaveLength(28 * 28);
    expect(Math.max(...(sample?.pixels ?? []))).toBeLessThanOrEqual(255);
    expect(Math.max(...(sample?.pixels ?? []))).toBeGreaterThan(100);
    const penguins = datasets[2];
    expect(penguins?.kind).toBe('tabular');
    expect(penguins?.preview?.columns).toContain('species');
    expect(penguins?.preview?.rows.length).toBeGreaterThan(0);
    expect(penguins?.tasks.map((t) => t.name)).toEqual(['species', 'sex', 'body_mass_g']);
    expect(penguins?.license).toMatch(/CC0/);
  });
});

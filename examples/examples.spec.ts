// Every shipped example must stay a valid spec.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandRuns, parseSpec } from '../contract/spec.ts';

const dir = new URL('./', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('examples', () => {
  it.each(files)('%s is a valid spec', (file) => {
    const parsed = parseSpec(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (parsed.ok) expect(expandRuns(parsed.spec).length).toBeGreaterThan(1);
  });
});

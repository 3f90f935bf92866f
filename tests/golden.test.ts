// A refactor changes no number: the quick demo's comparison and reports, normalised, must equal
// the files in tests/golden/quick-demo/ (see tests/support/golden.ts for what is normalised and
// how to regenerate them when a change means to move a number).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR, produceGolden } from './support/golden.ts';
import { tempDir } from './support/seed.ts';

describe('golden comparison of the quick demo', () => {
  it('gives the same compare JSON and reports as the committed golden files', () => {
    const home = tempDir('graft-golden-');
    const out = join(home, 'out');
    mkdirSync(out);
    const produced = produceGolden(home, out);
    const goldenDir = fileURLToPath(GOLDEN_DIR);
    if (process.env.GRAFT_GOLDEN_UPDATE === '1') {
      mkdirSync(goldenDir, { recursive: true });
      for (const [name, text] of produced) writeFileSync(join(goldenDir, name), text);
    }
    const committed = readdirSync(goldenDir).sort();
    expect([...produced.keys()].sort()).toEqual(committed);
    for (const name of committed) {
      // One file at a time, so a failure names the file that moved.
      expect({ name, text: produced.get(name) }).toEqual({ name, text: readFileSync(join(goldenDir, name), 'utf8') });
    }
  }, 600_000);
});

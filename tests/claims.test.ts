// No claim without its evidence (#16): in the quick demo's compare JSON and its Markdown, HTML and
// LaTeX reports (the golden files tests/golden.test.ts keeps equal to what the code produces),
// every "beats", "negative transfer" and interval printed as beyond noise is backed by a 95%
// interval that excludes 0; every verdict without a winner reads "no difference"/"no winner".
// The ★/bold marks are checked against the model by tests/best-marking.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ArmComparison, ExperimentComparison } from '../contract/compare.ts';
import { GOLDEN_DIR } from './support/golden.ts';

const dir = fileURLToPath(GOLDEN_DIR);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const DEMOS = [1, 2, 3];
const FORMATS = ['md', 'html', 'tex'];

/** A number as printed ("−10.46%", "+2.6", "0.5"). */
const parse = (text: string) => Number(text.replace('−', '-').replace('%', '').replace('+', ''));

describe('claims in the quick demo comparison and reports', () => {
  for (const demo of DEMOS) {
    const comparison = JSON.parse(read(`compare-${demo}.json`)) as ExperimentComparison;
    const reports = FORMATS.map((format) => ({ format, text: read(`report-${demo}.${format}`) }));

    it(`demo ${demo}: a verdict names a winner only with an interval excluding 0, and the reports say the same`, () => {
      for (const v of comparison.verdicts ?? []) {
        if (v.winner !== null) {
          const [lo, hi] = v.ci95;
          expect(lo !== null && hi !== null && (lo > 0 || hi < 0)).toBe(true);
          expect(v.pAdjusted).toBeLessThan(0.05);
          expect(v.sentence).toContain(`${v.winner} beats`);
        } else {
          expect(v.sentence).not.toContain(' beats ');
        }
      }
      for (const { text } of reports) {
        const beats = text.match(/beats/g)?.length ?? 0;
        expect(beats).toBe((comparison.verdicts ?? []).filter((v) => v.winner !== null).length);
      }
    });

    it(`demo ${demo}: negative transfer is flagged only where the interval lies below 0`, () => {
      const flagged = (a: ArmComparison) =>
        a.transferGain?.negative === true || a.gainVsBaseline?.negative === true || (a.negativeTransfer ?? []).length > 0;
      for (const arm of comparison.arms) {
        for (const gain of [arm.transferGain, arm.gainVsBaseline]) {
          if (gain?.negative) expect(gain.ci95[1]).toBeLessThan(0);
        }
      }
      const anyFlag = comparison.arms.some(flagged);
      for (const { text } of reports) expect(/negative transfer ▼|▼ negative transfer|\\textbf\{▼/.test(text) || text.includes('(worse:')).toBe(anyFlag);
    });

    it(`demo ${demo}: every printed interval not labelled "within noise" excludes 0`, () => {
      for (const { text } of reports) {
        for (const match of text.matchAll(/95% CI (\S+) to ([^\],;)\s]+)(, within noise)?/g)) {
          const lo = parse(match[1]!);
          const hi = parse(match[2]!);
          if (!Number.isFinite(lo) || !Number.isFinite(hi)) continue;
          const holdsZero = lo <= 0 && hi >= 0;
          // Verdict sentences say "no difference detectable" instead of "within noise".
          const line = text.slice(Math.max(0, (match.index ?? 0) - 300), match.index);
          if (holdsZero) expect(match[3] !== undefined || /no difference detectable[^\n]*$/.test(line)).toBe(true);
          else expect(match[3]).toBeUndefined();
        }
      }
    });
  }
});

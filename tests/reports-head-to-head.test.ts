// Head-to-head reports carry the verdict sentences exactly as the comparison words them, in
// every format a reader would quote from.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../db/open.ts';
import { exportReport } from '../main/services/exportReport.ts';
import { compareExperiment } from '../main/services/compare.ts';
import { seedHeadToHead } from './support/seedMultitask.ts';
import { tempDir } from './support/seed.ts';

describe('head-to-head reports', () => {
  it('include every verdict sentence in HTML, Markdown, LaTeX and PDF', async () => {
    const store = openStore(join(tempDir(), 'graft.db'));
    try {
      const { experimentId } = seedHeadToHead(store);
      const verdicts = (compareExperiment(store, experimentId).verdicts ?? []).map((v) => v.sentence);
      expect(verdicts.length).toBeGreaterThan(0);
      const text = async (format: 'html' | 'md' | 'tex') => Buffer.from((await exportReport(store, experimentId, format)).base64, 'base64').toString('utf8');
      const html = await text('html');
      const md = await text('md');
      const tex = await text('tex');
      for (const sentence of verdicts) {
        expect(html).toContain(sentence.replaceAll('&', '&amp;'));
        expect(md).toContain(sentence);
        // LaTeX escapes % and writes the minus as $-$.
        expect(tex).toContain(sentence.replaceAll('%', '\\%').replaceAll('−', '$-$'));
      }
      const pdf = Buffer.from((await exportReport(store, experimentId, 'pdf')).base64, 'base64');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      store.close();
    }
  });
});

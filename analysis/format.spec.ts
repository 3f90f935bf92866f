import { describe, expect, it } from 'vitest';
import { formatGainInterval, formatGain, formatMeanStd, formatPercentDelta, formatValue } from './format.ts';

describe('number formatting', () => {
  it('writes fraction metrics as percentages and gains on them in points, with a true minus', () => {
    expect(formatValue(0.9234, 'accuracy')).toBe('92.3%');
    expect(formatMeanStd({ mean: 0.9234, std: 0.0142, n: 3 }, 'accuracy')).toBe('92.3% ± 1.4');
    expect(formatMeanStd({ mean: 0.9234, std: 0, n: 1 }, 'accuracy')).toBe('92.3%');
    expect(formatMeanStd({ mean: 257.31, std: 19.64, n: 3 }, 'mae')).toBe('257.3 ± 19.6');
    expect(formatGain({ abs: 0.025, rel: 0.028 }, 'accuracy')).toBe('+2.5 pts (+2.8%)');
    expect(formatGain({ abs: -0.593, rel: -0.705 }, 'accuracy')).toBe('−59.3 pts (−70.5%)');
  });

  it('writes a Δ in percent signed, never "-0.00"', () => {
    expect(formatPercentDelta(0.364)).toBe('+0.36%');
    expect(formatPercentDelta(-0.77)).toBe('−0.77%');
    expect(formatPercentDelta(-0.001)).toBe('0.00%');
    expect(formatPercentDelta(0.001)).toBe('0.00%');
    expect(formatPercentDelta(null)).toBe('—');
    expect(formatPercentDelta(Number.NaN)).toBe('—');
  });

  it("writes a gain's interval in the gain's units and says when it includes 0", () => {
    expect(formatGainInterval([0.005, 0.046], 'accuracy')).toBe(' [95% CI 0.5 to 4.6]');
    expect(formatGainInterval([-0.0046, 0.0238], 'accuracy')).toBe(' [95% CI −0.5 to 2.4, within noise]');
    expect(formatGainInterval([-0.2, -0.1], 'mae')).toBe(' [95% CI −0.200 to −0.100]');
    expect(formatGainInterval([null, null], 'accuracy')).toBe('');
  });
});

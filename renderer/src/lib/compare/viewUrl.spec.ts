import { describe, expect, it } from 'vitest';
import { parseRoute } from '../routes.ts';
import { decodeView, DEFAULT_VIEW, encodeView, withView } from './viewUrl.ts';

describe('compare view in the URL', () => {
  it('round-trips grouping, smoothing, axis, log y, metric and hidden arms', () => {
    const view = { grouping: { by: 'config' as const, path: 'training.lr' }, smoothing: 0.6, axis: 'time' as const, logY: true, metric: 'target/val/loss', hidden: ['scratch', 'lp ft'] };
    expect(decodeView(encodeView(view))).toEqual(view);
    expect(encodeView(DEFAULT_VIEW)).toBe('');
  });

  it('falls back to the defaults on values it does not know', () => {
    expect(decodeView('group=nope&smooth=7&x=sideways&logy=yes')).toEqual(DEFAULT_VIEW);
  });

  it('keeps the route: an experiment stays an experiment, selected runs keep their ids', () => {
    const view = { ...DEFAULT_VIEW, hidden: ['scratch'] };
    const hash = withView('#/compare?runs=3,4', view);
    expect(hash).toBe('#/compare?hide=scratch&runs=3%2C4');
    expect(parseRoute(hash)).toEqual({ view: 'compare', target: { runIds: [3, 4] } });
    expect(parseRoute(withView('#/experiments/2/compare', view))).toEqual({ view: 'compare', target: { experimentId: 2 } });
    expect(withView('#/experiments/2/compare?hide=x', DEFAULT_VIEW)).toBe('#/experiments/2/compare');
  });
});

import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './routes.ts';

describe('routes', () => {
  it('parses every view and round-trips the paths it builds', () => {
    expect(parseRoute('')).toEqual({ view: 'experiments' });
    expect(parseRoute('#' + paths.newExperiment())).toEqual({ view: 'new', from: null });
    expect(parseRoute('#' + paths.newExperiment(4))).toEqual({ view: 'new', from: 4 });
    expect(parseRoute('#' + paths.experiment(3))).toEqual({ view: 'experiment', id: 3 });
    expect(parseRoute('#' + paths.compareExperiment(3))).toEqual({ view: 'compare', target: { experimentId: 3 } });
    expect(parseRoute('#' + paths.compareRuns([1, 5]))).toEqual({ view: 'compare', target: { runIds: [1, 5] } });
    expect(parseRoute('#' + paths.run(9))).toEqual({ view: 'run', id: 9 });
    expect(parseRoute('#/runs')).toEqual({ view: 'runs' });
    expect(parseRoute('#/datasets')).toEqual({ view: 'datasets' });
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' });
    expect(parseRoute('#/compare?runs=')).toEqual({ view: 'not-found', path: '/compare?runs=' });
  });
});

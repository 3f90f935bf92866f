// Hash routes (#/experiments/3): they work the same from `graft serve` and from file://
// in Electron, and the back button does what a user expects.
export type CompareTarget = { experimentId: number } | { runIds: number[] };

export type Route =
  | { view: 'experiments' }
  | { view: 'new'; from: number | null }
  | { view: 'experiment'; id: number }
  | { view: 'runs' }
  | { view: 'run'; id: number }
  | { view: 'compare'; target: CompareTarget }
  | { view: 'datasets' }
  | { view: 'settings' }
  | { view: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const full = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = full.split('?');
  const params = new URLSearchParams(query);
  if (path === '/' || path === '/experiments') return { view: 'experiments' };
  if (path === '/experiments/new') {
    const from = Number(params.get('from'));
    return { view: 'new', from: Number.isInteger(from) && from > 0 ? from : null };
  }
  const experiment = /^\/experiments\/(\d+)$/.exec(path);
  if (experiment?.[1]) return { view: 'experiment', id: Number(experiment[1]) };
  const experimentCompare = /^\/experiments\/(\d+)\/compare$/.exec(path);
  if (experimentCompare?.[1]) return { view: 'compare', target: { experimentId: Number(experimentCompare[1]) } };
  if (path === '/runs') return { view: 'runs' };
  const run = /^\/runs\/(\d+)$/.exec(path);
  if (run?.[1]) return { view: 'run', id: Number(run[1]) };
  if (path === '/compare') {
    const runIds = (params.get('runs') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
    if (runIds.length > 0) return { view: 'compare', target: { runIds } };
  }
  if (path === '/datasets') return { view: 'datasets' };
  if (path === '/settings') return { view: 'settings' };
  return { view: 'not-found', path: full };
}

export const paths = {
  experiments: '/experiments',
  newExperiment: (from?: number) => (from ? `/experiments/new?from=${from}` : '/experiments/new'),
  experiment: (id: number) => `/experiments/${id}`,
  compareExperiment: (id: number) => `/experiments/${id}/compare`,
  compareRuns: (ids: readonly number[]) => `/compare?runs=${ids.join(',')}`,
  runs: '/runs',
  run: (id: number) => `/runs/${id}`,
  datasets: '/datasets',
  settings: '/settings',
};


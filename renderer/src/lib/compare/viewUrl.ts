// The compare view's state in the address (#/experiments/3/compare?group=arm&smooth=0.6&…), so a
// link reopens the same view: grouping, smoothing, x-axis, log y, the metric and hidden arms.
// Unknown or malformed values fall back to the defaults instead of breaking the page.
import type { XAxis } from './curves.ts';
import type { GroupChoice } from './grouping.ts';

export interface CompareView {
  grouping: GroupChoice | null;
  smoothing: number;
  axis: XAxis;
  logY: boolean;
  /** seriesKey of the metric shown first; null = the experiment's primary. */
  metric: string | null;
  hidden: string[];
}

export const DEFAULT_VIEW: CompareView = { grouping: null, smoothing: 0, axis: 'epoch', logY: false, metric: null, hidden: [] };

const AXES: readonly XAxis[] = ['epoch', 'step', 'time'];

export function encodeView(view: CompareView): string {
  const params = new URLSearchParams();
  if (view.grouping) params.set('group', view.grouping.by === 'config' ? `config:${view.grouping.path}` : view.grouping.by);
  if (view.smoothing > 0) params.set('smooth', String(view.smoothing));
  if (view.axis !== 'epoch') params.set('x', view.axis);
  if (view.logY) params.set('logy', '1');
  if (view.metric) params.set('metric', view.metric);
  for (const arm of view.hidden) params.append('hide', arm);
  return params.toString();
}

export function decodeView(query: string): CompareView {
  const params = new URLSearchParams(query);
  const group = params.get('group');
  const grouping: GroupChoice | null =
    group === 'arm' || group === 'arm-budget' ? { by: group } : group?.startsWith('config:') && group.length > 7 ? { by: 'config', path: group.slice(7) } : null;
  const smooth = Number(params.get('smooth'));
  const axis = params.get('x') as XAxis | null;
  return {
    grouping,
    smoothing: Number.isFinite(smooth) && smooth >= 0 && smooth < 1 ? smooth : 0,
    axis: axis && AXES.includes(axis) ? axis : 'epoch',
    logY: params.get('logy') === '1',
    metric: params.get('metric') || null,
    hidden: params.getAll('hide'),
  };
}

/** The hash with its query replaced by the view's (the path kept). */
export function withView(hash: string, view: CompareView): string {
  const [path = ''] = hash.split('?');
  const base = new URLSearchParams(hash.split('?')[1] ?? '');
  const query = new URLSearchParams(encodeView(view));
  // Keep the route's own parameters (the selected runs).
  const runs = base.get('runs');
  if (runs) query.set('runs', runs);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

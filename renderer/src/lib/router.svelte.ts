// Hash routes (#/experiments/3): they work the same from `graft serve` and from file://
// in Electron, and the back button does what a user expects.
export type Route =
  | { view: 'experiments' }
  | { view: 'experiment'; id: number }
  | { view: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/experiments') return { view: 'experiments' };
  const experiment = /^\/experiments\/(\d+)$/.exec(path);
  if (experiment?.[1]) return { view: 'experiment', id: Number(experiment[1]) };
  return { view: 'not-found', path };
}

export class Router {
  route: Route = $state(parseRoute(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(window.location.hash);
    });
  }

  go(path: string): void {
    window.location.hash = path;
  }
}

export const router = new Router();

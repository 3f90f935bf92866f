// The current route as shared state: follows the address bar's hash.
import { parseRoute, type Route } from './routes.ts';

export { paths, type Route, type CompareTarget } from './routes.ts';

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

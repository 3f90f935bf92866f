// Which native backend package is installed, found by resolving it — never loading it. The
// main process decides how many training workers to start from this: loading tfjs-node there
// just to ask would put the native library in a process that must not train, and cost start-up.
import { createRequire } from 'node:module';

/** The npm package of each native backend, best first (select.ts loads them by these names). */
export const NATIVE_PACKAGE = { 'tensorflow-gpu': '@tensorflow/tfjs-node-gpu', tensorflow: '@tensorflow/tfjs-node' } as const;

export function installedNativeBackend(resolve: (id: string) => string = createRequire(import.meta.url).resolve): keyof typeof NATIVE_PACKAGE | null {
  for (const [name, pkg] of Object.entries(NATIVE_PACKAGE) as [keyof typeof NATIVE_PACKAGE, string][]) {
    try {
      resolve(pkg);
      return name;
    } catch {
      // not installed: try the next
    }
  }
  return null;
}

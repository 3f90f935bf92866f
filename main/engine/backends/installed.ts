// Which native backend package is installed, found by resolving it — never loading it. The
// main process decides how many training workers to start from this: loading tfjs-node there
// just to ask would put the native library in a process that must not train, and cost start-up.
import { createRequire } from 'node:module';

const NATIVE_PACKAGES = [
  ['tensorflow-gpu', '@tensorflow/tfjs-node-gpu'],
  ['tensorflow', '@tensorflow/tfjs-node'],
] as const;

export function installedNativeBackend(resolve: (id: string) => string = createRequire(import.meta.url).resolve): 'tensorflow-gpu' | 'tensorflow' | null {
  for (const [name, pkg] of NATIVE_PACKAGES) {
    try {
      resolve(pkg);
      return name;
    } catch {
      // not installed: try the next
    }
  }
  return null;
}

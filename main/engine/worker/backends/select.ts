// Which tfjs backend trains, best first: tfjs-node-gpu (CUDA) -> tfjs-node -> wasm -> cpu.
// The two native packages are optional installs whose installers download libtensorflow; on a
// machine where that failed they are simply absent, so they are probed with a require() of a
// variable specifier (neither tsc nor the bundler may resolve it) and never imported statically.
import { loadNativeBackend, tf } from '../tf.mjs';
import { tfWasm } from '../tfWasm.mjs';
import { NATIVE_PACKAGE } from './installed.ts';
import { registerWasmTrainingKernels } from './wasmKernels/index.ts';
import { graftWasmUsesFma } from './graftWasm/module.ts';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  available: boolean;
  /** Why it is (not) available, in words a user understands. */
  reason: string;
}

export interface SelectedBackend {
  name: BackendName;
  /** Why this backend trains the run; recorded on the run. */
  reason: string;
  versions: Record<string, string>;
}

export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** Names a user may type (`--backend tfjs-node`) for each backend. */
const ALIASES: Record<string, BackendName> = {
  'tensorflow-gpu': 'tensorflow-gpu',
  'tfjs-node-gpu': 'tensorflow-gpu',
  gpu: 'tensorflow-gpu',
  cuda: 'tensorflow-gpu',
  tensorflow: 'tensorflow',
  'tfjs-node': 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

interface Probe extends BackendInfo {
  versions: Record<string, string>;
}


const NOT_INSTALLED = {
  'tensorflow-gpu':
    'tfjs-node-gpu is not installed: its installer needs CUDA 11.2 + cuDNN 8 and a download of libtensorflow',
  tensorflow: 'tfjs-node is not installed: its installer downloads libtensorflow, which failed or was skipped',
} as const;

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.trim() ?? text;
}

function isNotInstalled(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  // Vite's module runner (tests) words it differently from Node.
  return /cannot find (package|module)|failed to load url/i.test(firstLine(error));
}

/** String entries of a package's exported `version` record, e.g. {'tfjs-node': '4.22.0'}. */
function versionsOf(module: unknown): Record<string, string> {
  const version = (module as { version?: unknown } | null)?.version;
  if (typeof version !== 'object' || version === null) return {};
  return Object.fromEntries(Object.entries(version).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

async function probeNative(name: 'tensorflow-gpu' | 'tensorflow'): Promise<Probe> {
  const specifier = NATIVE_PACKAGE[name];
  const label = specifier.replace('@tensorflow/', '');
  try {
    const module = loadNativeBackend(specifier);
    const versions = versionsOf(module);
    const what = name === 'tensorflow-gpu' ? 'native TensorFlow with CUDA' : 'native TensorFlow on the CPU';
    return { name, available: true, reason: `${what} (${label} ${versions[label] ?? ''})`.replace(' )', ')'), versions };
  } catch (error) {
    const reason = isNotInstalled(error)
      ? NOT_INSTALLED[name]
      : `${label} is installed but failed to load` +
        (name === 'tensorflow-gpu' ? ' (are the CUDA 11.2 and cuDNN 8 libraries on the library path?)' : '') +
        `: ${firstLine(error)}`;
    return { name, available: false, reason, versions: {} };
  }
}

async function probeWasm(): Promise<Probe> {
  const unavailable = (reason: string): Probe => ({ name: 'wasm', available: false, reason, versions: {} });
  if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'object') {
    return unavailable('this runtime has no WebAssembly');
  }
  // Starting the backend is the only honest test that it works; put back whatever was active.
  const engine = tf.engine();
  const previous = engine.backendName as string | null | undefined;
  let started = engine.registry['wasm'] !== undefined;
  try {
    if (!started) started = await tf.setBackend('wasm');
  } catch (error) {
    return unavailable(`the WebAssembly backend failed to start: ${firstLine(error)}`);
  } finally {
    if (previous && previous !== 'wasm' && engine.backendName !== previous) await tf.setBackend(previous);
  }
  if (!started) return unavailable('the WebAssembly backend failed to start (see the log for the error)');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = tfWasm.getThreadsCount();
  // tfjs 4.x turns wasm threads off under Node (tensorflow/tfjs#3830), so say so rather than let a
  // user wonder why one core is busy.
  const threadNote = threads <= 1 && tf.env().getBool('IS_NODE') ? ' (tfjs runs wasm single-threaded under Node)' : '';
  return {
    name: 'wasm',
    available: true,
    reason:
      `WebAssembly backend ${simd ? 'with SIMD' : 'without SIMD'}, threads: ${threads}${threadNote}; ` +
      `Graft's matrix product ${graftWasmUsesFma() ? 'with fused multiply-add (relaxed SIMD)' : 'with SIMD multiply and add (no relaxed SIMD here)'}`,
    versions: { 'tfjs-backend-wasm': tfWasm.version_wasm },
  };
}

function probeCpu(): Probe {
  return {
    name: 'cpu',
    available: true,
    reason: 'pure-JavaScript backend: always works but is many times slower, so it is used only when asked for or when nothing else loads',
    versions: {},
  };
}

let probes: Promise<Probe[]> | undefined;

function probeAll(): Promise<Probe[]> {
  probes ??= (async () => {
    const gpu = await probeNative('tensorflow-gpu');
    // Both packages register the backend 'tensorflow' with the same native kernels: load one.
    const node: Probe = gpu.available
      ? {
          name: 'tensorflow',
          available: false,
          reason: 'not loaded: tfjs-node-gpu already provides native TensorFlow, and the two cannot share one process',
          versions: {},
        }
      : await probeNative('tensorflow');
    return [gpu, node, await probeWasm(), probeCpu()];
  })();
  return probes;
}

/** What each training backend would do on this machine, best first. Probes once per process. */
export async function detectBackends(): Promise<BackendInfo[]> {
  return (await probeAll()).map(({ name, available, reason }) => ({ name, available, reason }));
}

/**
 * Makes `forced` (or else the best available backend) the active tfjs backend and says why.
 * Throws when the forced backend is unknown or did not load, with the reason it did not.
 */
export async function selectBackend(forced?: string): Promise<SelectedBackend> {
  const all = await probeAll();
  let chosen: Probe;
  let reason: string;
  if (forced !== undefined) {
    const name = ALIASES[forced.trim().toLowerCase()];
    if (name === undefined) {
      throw new Error(`unknown training backend '${forced}': choose one of ${BACKEND_ORDER.join(', ')}`);
    }
    chosen = all.find((p) => p.name === name)!;
    if (!chosen.available) throw new Error(`training backend '${name}' cannot be used: ${chosen.reason}`);
    reason = `chosen by request: ${chosen.reason}`;
  } else {
    const best = all.findIndex((p) => p.available);
    chosen = all[best]!;
    const skipped = all.slice(0, best).map((p) => p.reason);
    reason = skipped.length === 0 ? 'best available' : `best available: ${skipped.join('; ')}`;
  }
  if (chosen.name === 'wasm') await registerWasmTrainingKernels();
  const tfName = chosen.name === 'tensorflow-gpu' ? 'tensorflow' : chosen.name;
  if (!(await tf.setBackend(tfName))) throw new Error(`training backend '${chosen.name}' failed to start`);
  await tf.ready();
  const versions: Record<string, string> = { ...versionsOf(tf), ...chosen.versions, node: process.versions.node };
  return { name: chosen.name, reason, versions };
}

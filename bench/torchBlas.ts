// Which BLAS the PyTorch reference multiplies with, and whether a ratio against it means
// anything. PyTorch's CPU speed is its BLAS's: Debian's python3-torch links libblas.so.3, and
// with no OpenBLAS installed that alternative is the netlib reference BLAS, which ran the
// 64×784×256 matmul at 2 GMAC/s here instead of 41–48, making Graft look 9× faster than it is.

/** What the probe script (PROBE_SCRIPT) reports about the interpreter's torch. */
export interface TorchBlasProbe {
  /** torch.__config__.show(). */
  config: string;
  /** Lines of /proc/self/maps naming a BLAS library after a matmul (Linux; empty elsewhere). */
  mapped: string[];
  /** threadpoolctl.threadpool_info()'s internal_api names, or null without threadpoolctl. */
  threadpools: string[] | null;
}

export interface TorchBlasVerdict {
  /** The BLAS in words, e.g. "OpenBLAS (openblas-pthread)", "MKL", "netlib reference BLAS". */
  blas: string;
  /** A ratio against this reference would mislead: refuse it. */
  crippled: boolean;
  /** What to install, when crippled. */
  advice: string | null;
}

export const PROBE_SCRIPT = `
import json, torch
a = torch.rand(64, 784); b = torch.rand(784, 256); (a @ b).sum().item()
mapped = []
try:
    with open('/proc/self/maps') as f:
        mapped = sorted({line.split()[-1] for line in f if any(k in line.lower() for k in ('blas', 'mkl', 'blis', 'atlas'))})
except OSError:
    pass
try:
    import threadpoolctl
    pools = [p.get('internal_api', '') for p in threadpoolctl.threadpool_info()]
except ImportError:
    pools = None
print(json.dumps({'config': torch.__config__.show(), 'mapped': mapped, 'threadpools': pools}))
`;

const FAST: { pattern: RegExp; name: string }[] = [
  { pattern: /mkl/i, name: 'MKL' },
  { pattern: /openblas/i, name: 'OpenBLAS' },
  { pattern: /blis/i, name: 'BLIS' },
  { pattern: /accelerate|veclib/i, name: 'Apple Accelerate' },
];

const ADVICE =
  'install an optimised BLAS for it (Debian: apt-get install libopenblas0-pthread, which takes over libblas.so.3), or point GRAFT_PYTHON at a Python with the pip wheel of torch (it bundles its own)';

export function judgeTorchBlas(probe: TorchBlasProbe): TorchBlasVerdict {
  const buildBlas = /BLAS_INFO=(\w+)/.exec(probe.config)?.[1] ?? null;
  // The library actually loaded decides; the build setting says what torch was compiled for.
  for (const path of probe.mapped) {
    const fast = FAST.find((f) => f.pattern.test(path));
    if (fast) return { blas: `${fast.name} (${path})`, crippled: false, advice: null };
  }
  for (const pool of probe.threadpools ?? []) {
    const fast = FAST.find((f) => f.pattern.test(pool));
    if (fast) return { blas: fast.name, crippled: false, advice: null };
  }
  const reference = probe.mapped.find((path) => /\/blas\/libblas\.so|libblas\.so|librefblas/.test(path));
  if (reference) return { blas: `netlib reference BLAS (${reference})`, crippled: true, advice: ADVICE };
  if (buildBlas === 'mkl') return { blas: 'MKL (linked into torch)', crippled: false, advice: null };
  if (buildBlas === 'open') return { blas: 'OpenBLAS (linked into torch)', crippled: false, advice: null };
  return { blas: `unknown (torch built with BLAS_INFO=${buildBlas ?? 'none'})`, crippled: false, advice: null };
}

/** Parses the probe script's last line; null when it printed no JSON (the reason goes to the caller). */
export function parseTorchBlasProbe(stdout: string): TorchBlasProbe | null {
  try {
    const parsed = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Partial<TorchBlasProbe>;
    if (typeof parsed.config !== 'string' || !Array.isArray(parsed.mapped)) return null;
    return { config: parsed.config, mapped: parsed.mapped.map(String), threadpools: Array.isArray(parsed.threadpools) ? parsed.threadpools.map(String) : null };
  } catch {
    return null;
  }
}

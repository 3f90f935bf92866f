// Finding a Python that has PyTorch and running the reference script with it. Debian's
// python3-torch is importable only by /usr/bin/python3, while the `python3` first on PATH may be
// another interpreter (pyenv), so each candidate is asked in turn. Nothing is ever installed.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { judgeTorchBlas, parseTorchBlasProbe, PROBE_SCRIPT } from './torchBlas.ts';

const SCRIPT = fileURLToPath(new URL('./reference/torch_train.py', import.meta.url));

export interface TorchFound {
  python: string;
  torch: string;
  /** The BLAS its matmuls run on (torchBlas.ts). */
  blas: string;
}

export type TorchLookup = { ok: true; found: TorchFound } | { ok: false; missing: string };

function candidates(): string[] {
  const list = [process.env.GRAFT_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => Boolean(p));
  return [...new Set(list)];
}

let lookup: TorchLookup | undefined;

export function findTorch(): TorchLookup {
  if (lookup) return lookup;
  const tried: string[] = [];
  for (const python of candidates()) {
    const result = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
    if (result.status === 0) return (lookup = withBlas(python, result.stdout.trim()));
    tried.push(python);
  }
  return (lookup = { ok: false, missing: `PyTorch not found (tried ${tried.join(', ')}): apt-get install python3-torch` });
}

/** Asks the interpreter which BLAS torch loads; a reference BLAS is refused as a reference. */
function withBlas(python: string, torch: string): TorchLookup {
  const probe = spawnSync(python, ['-c', PROBE_SCRIPT], { encoding: 'utf8', timeout: 120_000 });
  const parsed = parseTorchBlasProbe(probe.stdout ?? '');
  if (!parsed) return { ok: true, found: { python, torch, blas: `unknown (the BLAS probe failed: ${(probe.stderr ?? '').trim().split('\n').at(-1) ?? ''})` } };
  const verdict = judgeTorchBlas(parsed);
  if (verdict.crippled) {
    return { ok: false, missing: `PyTorch ${torch} (${python}) multiplies with the ${verdict.blas}, which is many times slower than an optimised BLAS: no ratio is printed against it. To compare, ${verdict.advice ?? ''}` };
  }
  return { ok: true, found: { python, torch, blas: verdict.blas } };
}

export type TorchModel = 'cnn' | 'mlp' | 'head';

export interface TorchResult {
  samplesPerSec: number;
  cpuSamplesPerSec: number;
  threads: number;
}

/** Runs the reference script; torch and the interpreter's own thread pools all get `threads`. */
export function runReference(python: string, args: string[], threads: number, timeout: number): SpawnSyncReturns<string> {
  const env = { ...process.env, OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
  return spawnSync(python, [SCRIPT, ...args, '--threads', String(threads)], { encoding: 'utf8', timeout, env });
}

/** Samples/s of the reference model in PyTorch on the CPU, or null (with the reason) when it cannot run. */
/** `rows`: the training set the reference takes its shuffled batches from (as many as Graft's run has). */
export function torchThroughput(model: TorchModel, o: { batch: number; steps: number; threads: number; rows: number }): TorchResult | { error: string } {
  const torch = findTorch();
  if (!torch.ok) return { error: torch.missing };
  const args = ['--model', model, '--batch', String(o.batch), '--steps', String(o.steps), '--rows', String(o.rows)];
  const result = runReference(torch.found.python, args, o.threads, 600_000);
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const parsed = JSON.parse(line) as { samplesPerSec?: number; cpuSamplesPerSec?: number; threads?: number; error?: string };
    if (parsed.error) return { error: parsed.error };
    if (typeof parsed.samplesPerSec === 'number') return {
        samplesPerSec: parsed.samplesPerSec,
        cpuSamplesPerSec: parsed.cpuSamplesPerSec ?? Number.NaN,
        threads: parsed.threads ?? o.threads,
      };
  } catch {
    // fall through to the error below, with what the script printed
  }
  return { error: `the PyTorch reference failed (exit ${result.status}): ${(result.stderr || line).trim().split('\n').at(-1) ?? ''}` };
}

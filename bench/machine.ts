// What the figures were measured on: without the machine, a benchmark number means nothing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { SelectedBackend } from '../main/engine/worker/backends/select.ts';
import { findTorch } from './python.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  /** 1-minute load average when the benchmark started: above the core count, figures are noisy. */
  loadAverage: number;
  node: string;
  tfjs: string;
  betterSqlite3: string;
  torch: string | null;
  /** The BLAS the PyTorch reference multiplies with (bench/torchBlas.ts). */
  torchBlas: string | null;
  python: string | null;
  backend: string;
  backendReason: string;
  threads: number;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    // not Linux: fall back to what Node reports
  }
  return cpus()[0]?.model ?? 'unknown';
}

function packageVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function describeMachine(backend: SelectedBackend, threads: number): Machine {
  const torch = findTorch();
  return {
    cpu: cpuModel(),
    cores: availableParallelism(),
    memoryGB: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg()[0] ?? 0,
    node: process.versions.node,
    tfjs: tf.version_core,
    betterSqlite3: packageVersion('better-sqlite3'),
    torch: torch.ok ? torch.found.torch : null,
    torchBlas: torch.ok ? torch.found.blas : null,
    python: torch.ok ? torch.found.python : null,
    backend: backend.name,
    backendReason: backend.reason,
    threads,
  };
}

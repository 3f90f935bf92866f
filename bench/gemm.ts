// The ceiling under every training figure: single-thread matrix multiplication speed of Graft's
// backend against PyTorch's, in multiply-adds per CPU-second, on the shapes the reference models
// multiply. tf.matMul with the same operands each repeat, so they are warm in cache (on wasm it
// runs Graft's own product, which packs its operands on every call, as in training).
import * as tf from '@tensorflow/tfjs';
import { findTorch, runReference } from './python.ts';
import { cpuSeconds, ratio } from './stats.ts';

/** conv2 of the reference CNN as a matmul, and the MLP's first layer. */
export const GEMM_SHAPES: readonly [number, number, number][] = [
  [12544, 288, 64],
  [64, 784, 256],
];

export interface GemmFigure {
  m: number;
  k: number;
  n: number;
  graftGmacPerSec: number;
  pytorchGmacPerSec: number | null;
  ratio: number | null;
}

function graftGmac(m: number, k: number, n: number, repeats: number): number {
  const a = tf.randomUniform([m, k]);
  const b = tf.randomUniform([k, n]);
  try {
    for (let i = 0; i < 3; i++) tf.matMul(a, b).dispose();
    const before = cpuSeconds();
    for (let i = 0; i < repeats; i++) tf.matMul(a, b).dispose();
    const seconds = (cpuSeconds() - before) / repeats;
    return (m * k * n) / Math.max(seconds, 1e-12) / 1e9;
  } finally {
    tf.dispose([a, b]);
  }
}

function torchGmac(threads: number, repeats: number): Map<string, number> {
  const out = new Map<string, number>();
  const torch = findTorch();
  if (!torch.ok) return out;
  const shapes = GEMM_SHAPES.map((s) => s.join('x')).join(',');
  const result = runReference(torch.found.python, ['--model', 'gemm', '--shapes', shapes, '--steps', String(repeats)], threads, 300_000);
  try {
    const parsed = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as { gemm?: { m: number; k: number; n: number; gmacPerSec: number }[] };
    for (const g of parsed.gemm ?? []) out.set(`${g.m}x${g.k}x${g.n}`, g.gmacPerSec);
  } catch {
    // no reference figures: reported as null
  }
  return out;
}

/** `withReference: false` skips PyTorch (the smoke test checks only the plumbing). */
export function gemmFigures(threads: number, repeats: number, withReference = true): GemmFigure[] {
  const reference = withReference ? torchGmac(threads, repeats) : new Map<string, number>();
  return GEMM_SHAPES.map(([m, k, n]) => {
    const graft = graftGmac(m, k, n, repeats);
    const torch = reference.get(`${m}x${k}x${n}`) ?? null;
    return { m, k, n, graftGmacPerSec: graft, pytorchGmacPerSec: torch, ratio: ratio(graft, torch) };
  });
}

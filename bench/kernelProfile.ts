// Where a training step's time goes: every kernel of the active backend wrapped to count its
// CPU time (process.cpuUsage, so time spent waiting for a core on a shared machine is left out),
// over a few of the training loop's own steps (train/step.ts) on one batch. Nested kernel calls
// (our wasm kernels calling shipped ones) count toward the outer kernel only.
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../contract/spec.ts';
import { buildNet } from '../main/engine/worker/models/build.ts';
import { BlockOptimizers } from '../main/engine/worker/transfer/optimizers.ts';
import { trainStep } from '../main/engine/worker/transfer/step.ts';
import { BATCH } from './graftTrain.ts';
import { cpuSeconds } from './stats.ts';

export interface KernelTime {
  kernel: string;
  /** CPU milliseconds per training step. */
  ms: number;
  callsPerStep: number;
}

export interface StepProfile {
  /** CPU milliseconds of one whole step, kernels and JavaScript around them. */
  stepMs: number;
  kernelsMs: number;
  kernels: KernelTime[];
}

function cpuMs(): number {
  return cpuSeconds() * 1000;
}

/** Wraps every kernel registered for the backend; returns the undo. */
function wrapKernels(backend: string, record: (name: string, ms: number) => void): () => void {
  const undo: (() => void)[] = [];
  let depth = 0;
  for (const config of new Set(tf.getKernelsForBackend(backend))) {
    const original = config.kernelFunc;
    const wrapped: tf.KernelFunc = (args) => {
      if (depth > 0) return original(args);
      depth++;
      const start = cpuMs();
      try {
        return original(args);
      } finally {
        depth--;
        record(config.kernelName, cpuMs() - start);
      }
    };
    (config as { kernelFunc: tf.KernelFunc }).kernelFunc = wrapped;
    undo.push(() => ((config as { kernelFunc: tf.KernelFunc }).kernelFunc = original));
  }
  return () => undo.forEach((u) => u());
}

export function profileStep(model: ModelConfig, steps: number): StepProfile {
  const net = buildNet(model, [28, 28, 1], 10, 1);
  const optimizers = new BlockOptimizers(net, 'adam');
  optimizers.configure(0, net.blocks.map(() => 1e-3));
  const x = tf.randomUniform([BATCH, 28, 28, 1]);
  const y = tf.tensor1d(Array.from({ length: BATCH }, (_, i) => i % 10), 'int32');
  // As the training loop runs it: the input is data, so no gradient is computed for it.
  const mode = { training: () => true, inputIsData: true };
  const step = (): void => void trainStep({ net, optimizers }, x, y, 0, mode);
  const totals = new Map<string, { ms: number; calls: number }>();
  try {
    for (let i = 0; i < 3; i++) step(); // kernel set-up and weight packing are not the steady state
    const unwrap = wrapKernels(tf.getBackend(), (name, ms) => {
      const t = totals.get(name) ?? { ms: 0, calls: 0 };
      t.ms += ms;
      t.calls++;
      totals.set(name, t);
    });
    const start = cpuMs();
    try {
      for (let i = 0; i < steps; i++) step();
    } finally {
      unwrap();
    }
    const stepMs = (cpuMs() - start) / steps;
    const kernels = [...totals]
      .map(([kernel, t]) => ({ kernel, ms: t.ms / steps, callsPerStep: t.calls / steps }))
      .sort((a, b) => b.ms - a.ms);
    return { stepMs, kernelsMs: kernels.reduce((s, k) => s + k.ms, 0), kernels };
  } finally {
    optimizers.dispose();
    net.model.dispose();
    tf.dispose([x, y]);
  }
}

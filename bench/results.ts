// The shape of `--json FILE`: every figure with its reference and the machine it came from.
import type { RenderFigure, StartupFigure } from './browser.ts';
import type { CompareFigure } from './compare.ts';
import type { ConcurrencyPass } from './concurrency.ts';
import type { GemmFigure } from './gemm.ts';
import type { StepProfile } from './kernelProfile.ts';
import type { LoggingFigure } from './logging.ts';
import type { Machine } from './machine.ts';
import type { MethodsFigure } from './methods.ts';
import type { TrainFigure } from './training.ts';

export interface BenchResults {
  machine: Machine;
  mode: 'full' | 'quick' | 'tiny';
  startedAt: string;
  train?: TrainFigure;
  mlp?: TrainFigure;
  features?: TrainFigure;
  /** CPU time per kernel of one training step, reference CNN and MLP. */
  profile?: { cnn: StepProfile; mlp: StepProfile; gemm: GemmFigure[] };
  logging?: LoggingFigure;
  compare?: CompareFigure & { render?: RenderFigure };
  startup?: StartupFigure;
  concurrency?: ConcurrencyPass[];
  /** Issue 18: every weighting × architecture per multitask set (opt-in: `--only methods`). */
  methods?: MethodsFigure[];
}

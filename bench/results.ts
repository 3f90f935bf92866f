// The shape of `--json FILE`: every figure with its reference and the machine it came from.
import type { RenderFigure, StartupFigure } from './browser.ts';
import type { CompareFigure } from './compare.ts';
import type { ConcurrencyPass } from './concurrency.ts';
import type { LoggingFigure } from './logging.ts';
import type { Machine } from './machine.ts';
import type { TrainFigure } from './training.ts';

export interface BenchResults {
  machine: Machine;
  mode: 'full' | 'quick' | 'tiny';
  startedAt: string;
  train?: TrainFigure;
  mlp?: TrainFigure;
  features?: TrainFigure;
  logging?: LoggingFigure;
  compare?: CompareFigure & { render?: RenderFigure };
  startup?: StartupFigure;
  concurrency?: ConcurrencyPass[];
}

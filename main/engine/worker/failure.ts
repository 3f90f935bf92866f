// How a training run failed, classified where the error happens so that it crosses from the
// worker thread to the main side as data (kind, message), never as a raw string or a stack.
import { DataError } from '../../data/errors.ts';

/**
 * data: the run's data or spec is at fault (the message names where); out-of-memory: the
 * worker's heap or the wasm heap ran out; crashed: the thread died without reporting;
 * training: the training itself threw (a bug, or numbers tfjs refused); stopped: the app ended
 * the thread (shutdown, a cancel past its grace); source: the run it transfers from failed.
 */
export type RunFailureKind = 'data' | 'out-of-memory' | 'crashed' | 'training' | 'stopped' | 'source';

export interface RunFailure {
  kind: RunFailureKind;
  message: string;
}

const OUT_OF_MEMORY = /out of memory|Array buffer allocation failed|Cannot enlarge memory|memory access out of bounds/i;

/** Classifies an error thrown inside the worker while training a run. */
export function classifyRunError(error: unknown): RunFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DataError) return { kind: 'data', message };
  if (error instanceof RangeError && OUT_OF_MEMORY.test(message)) return { kind: 'out-of-memory', message };
  if (error instanceof Error && error.name === 'RuntimeError' && OUT_OF_MEMORY.test(message)) return { kind: 'out-of-memory', message };
  return { kind: 'training', message };
}

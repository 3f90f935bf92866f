// --backend and --concurrency, shared by the commands that train in this process (run, resume).
import { checkBackend } from './backendOption.ts';
import { intOption, stringOption, type OptionSpec, type OptionValues } from './command.ts';

export const TRAINING_OPTIONS: OptionSpec = { backend: { type: 'string' }, concurrency: { type: 'string' } };
export const TRAINING_USAGE = '[--backend tensorflow-gpu|tensorflow|wasm|cpu] [--concurrency N]';

/** Checked before anything is stored: a backend that did not load, or a bad count, is a usage error. */
export async function trainingOptions(values: OptionValues): Promise<{ backend: string | null; concurrency?: number }> {
  const backend = await checkBackend(stringOption(values, 'backend'));
  const concurrency = intOption(values, 'concurrency', { min: 1, max: 64 });
  return { backend, ...(concurrency ? { concurrency } : {}) };
}

// A stored run config finds its kind's trainer by its `kind`; an unknown one is refused by name.
import { describe, expect, it } from 'vitest';
import { jointTrainer } from './headToHead/runner.ts';
import { multitaskTrainer } from './multitask/runner.ts';
import { trainerFor } from './trainers.ts';
import { transferTrainer } from './transfer/runner.ts';

describe('trainerFor', () => {
  it('picks the trainer by the config kind, a config without one being a transfer run', () => {
    expect(trainerFor({ kind: 'multitask', arm: 'a' })).toBe(multitaskTrainer);
    expect(trainerFor({ kind: 'joint', arm: 'a' })).toBe(jointTrainer);
    expect(trainerFor({ arm: 'scratch', strategy: 'scratch' })).toBe(transferTrainer);
  });

  it('refuses a config no kind trains, naming its kind', () => {
    expect(() => trainerFor({ kind: 'federated' })).toThrow(/no trainer takes this run config \(kind "federated"\)/);
  });
});

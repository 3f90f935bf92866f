// The single-task baseline: one model per task, each the same trunk as the multitask arms, in
// one run. Training them together is training them apart: no weight is reached by two tasks'
// losses, and Adam's update is per weight, so each model steps exactly as it would alone.
import type { Architecture } from './types.ts';
import { buildSeparateTowers } from './separateTowers.ts';

export const singleTask: Architecture = {
  name: 'single-task',
  build: (ctx) => buildSeparateTowers(ctx).model,
};

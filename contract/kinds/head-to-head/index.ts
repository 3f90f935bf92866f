// The head-to-head kind on the pure side: transfer or multi-task, for a small target task? Its
// spec, checks and the joint runs' expansion are in contract/specHeadToHead.ts; its transfer half
// expands exactly as a transfer experiment would (pretraining runs first).
import { z } from 'zod';
import { armSchema, budgetSchema, dataRefSchema, modelSchema, SPEC_VERSION, trainingSchema } from '../../specParts.ts';
import { expandJointRuns, headToHeadArmShapeErrors, headToHeadErrors, headToHeadSpecSchema, transferPartOf, type HeadToHeadSpec, type JointRunPlan } from '../../specHeadToHead.ts';
import { multitaskSchema } from '../multitask/index.ts';
import { expandTransferRuns, type RunPlan } from '../transfer/runs.ts';
import type { SpecKind } from '../types.ts';

export const headToHeadSchema = headToHeadSpecSchema({
  version: z.literal(SPEC_VERSION),
  model: modelSchema.default({ type: 'cnn', filters: [32, 64], dense: [128], kernelSize: 3, dropout: 0, batchNorm: false }),
  training: trainingSchema.default({ epochs: 10, batchSize: 32, optimizer: 'adam', lr: 1e-3, valFraction: 0.15, testFraction: 0.15 }),
  budget: budgetSchema,
  dataRef: dataRefSchema,
  transferArm: armSchema,
  multitaskArm: multitaskSchema.shape.arms.element,
});

export const headToHeadKind = {
  kind: 'head-to-head',
  schema: headToHeadSchema,
  shapeErrors: headToHeadArmShapeErrors,
  crossFieldErrors: headToHeadErrors,
  expandRuns: (spec: HeadToHeadSpec): (RunPlan | JointRunPlan)[] => [...expandTransferRuns(transferPartOf(spec)), ...expandJointRuns(spec)],
} satisfies SpecKind<HeadToHeadSpec, RunPlan | JointRunPlan>;

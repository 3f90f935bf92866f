// The head-to-head kind in the form.
import HeadToHeadForm from '../../../components/form/HeadToHeadForm.svelte';
import { headToHeadFromSpec, headToHeadInputs, headToHeadToSpec, newHeadToHeadDraft, type HeadToHeadDraft } from '../headToHeadDraft.ts';
import type { FormKind } from './types.ts';

export const headToHeadForm: FormKind<'head-to-head', HeadToHeadDraft> = {
  kind: 'head-to-head',
  label: 'Head to head: transfer or multi-task, for a small target task?',
  fields: HeadToHeadForm,
  newDraft: newHeadToHeadDraft,
  toSpec: headToHeadToSpec,
  fromSpec: headToHeadFromSpec,
  inputs: headToHeadInputs,
};

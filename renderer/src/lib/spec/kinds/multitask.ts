// The multitask kind in the form.
import MultitaskForm from '../../../components/form/MultitaskForm.svelte';
import { multitaskFromSpec, multitaskInputs, multitaskToSpec, newMultitaskDraft, type MultitaskDraft } from '../multitaskDraft.ts';
import type { FormKind } from './types.ts';

export const multitaskForm: FormKind<'multitask', MultitaskDraft> = {
  kind: 'multitask',
  label: 'Multi-task: does one model for several tasks beat a model per task?',
  fields: MultitaskForm,
  newDraft: newMultitaskDraft,
  toSpec: multitaskToSpec,
  fromSpec: multitaskFromSpec,
  inputs: multitaskInputs,
};

// The transfer kind in the form.
import TransferForm from '../../../components/form/TransferForm.svelte';
import { fromSpec, newTransferDraft, toSpec, transferInputs, type TransferDraft } from '../transferDraft.ts';
import type { FormKind } from './types.ts';

export const transferForm: FormKind<'transfer', TransferDraft> = {
  kind: 'transfer',
  label: 'Transfer: does a source model help a target task?',
  fields: TransferForm,
  newDraft: newTransferDraft,
  toSpec,
  fromSpec,
  inputs: transferInputs,
};

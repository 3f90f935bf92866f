// The New experiment form's state: which kind of experiment, a draft per kind, and the last
// answer of validateSpec (errors mapped to inputs, the number of runs it will start).
import type { SpecCheck } from '../../../../contract/api.ts';
import { errorsByInput } from './fieldErrors.ts';
import { headToHeadFromSpec, headToHeadInputs, headToHeadToSpec, newHeadToHeadDraft, type HeadToHeadDraft } from './headToHeadDraft.ts';
import { multitaskFromSpec, multitaskInputs, multitaskToSpec, newMultitaskDraft, type MultitaskDraft } from './multitaskDraft.ts';
import { fromSpec, newTransferDraft, toSpec, transferInputs, type TransferDraft } from './transferDraft.ts';

export const FORM_KINDS = ['transfer', 'multitask', 'head-to-head'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export function isFormKind(kind: unknown): kind is FormKind {
  return typeof kind === 'string' && (FORM_KINDS as readonly string[]).includes(kind);
}

export class SpecForm {
  kind: FormKind = $state('transfer');
  transfer: TransferDraft = $state(newTransferDraft());
  multitask: MultitaskDraft = $state(newMultitaskDraft());
  headToHead: HeadToHeadDraft = $state(newHeadToHeadDraft());
  check: SpecCheck | null = $state(null);
  /** Spec JSON that was checked last, so a stale answer is never shown for a newer draft. */
  checkedFor = $state('');

  readonly draft: TransferDraft | MultitaskDraft | HeadToHeadDraft = $derived(this.kind === 'multitask' ? this.multitask : this.kind === 'head-to-head' ? this.headToHead : this.transfer);
  readonly spec = $derived(this.kind === 'multitask' ? multitaskToSpec(this.multitask) : this.kind === 'head-to-head' ? headToHeadToSpec(this.headToHead) : toSpec(this.transfer));
  readonly specJson = $derived(JSON.stringify(this.spec));
  readonly inputs = $derived(this.kind === 'multitask' ? multitaskInputs(this.multitask) : this.kind === 'head-to-head' ? headToHeadInputs(this.headToHead) : transferInputs(this.transfer));
  readonly errors = $derived(errorsByInput(this.check && this.checkedFor === this.specJson ? this.check.errors : [], this.inputs));
  readonly ready = $derived(this.check?.ok === true && this.checkedFor === this.specJson);

  get name(): string {
    return this.draft.name;
  }

  set name(value: string) {
    this.draft.name = value;
  }

  /** Fill from a stored or imported spec; returns a warning when the form cannot hold it. */
  load(spec: unknown): string | null {
    const kind = (spec as { kind?: unknown } | null)?.kind ?? 'transfer';
    if (!isFormKind(kind)) return `this form builds transfer, multitask and head-to-head experiments; the spec's kind is ${JSON.stringify(kind)}`;
    this.kind = kind;
    if (kind === 'multitask') this.multitask = multitaskFromSpec(spec);
    else if (kind === 'head-to-head') this.headToHead = headToHeadFromSpec(spec);
    else this.transfer = fromSpec(spec);
    return null;
  }
}

// The New experiment form's state: which kind of experiment, its draft, and the last answer
// of validateSpec (errors mapped to inputs, the number of runs it will start).
import type { SpecCheck } from '../../../../contract/api.ts';
import { errorsByInput } from './fieldErrors.ts';
import { fromSpec, newTransferDraft, toSpec, transferInputs, type TransferDraft } from './transferDraft.ts';

/** Kinds the form can build; 'multitask' joins when its spec lands. */
export type FormKind = 'transfer';

export class SpecForm {
  kind: FormKind = $state('transfer');
  transfer: TransferDraft = $state(newTransferDraft());
  check: SpecCheck | null = $state(null);
  /** Spec JSON that was checked last, so a stale answer is never shown for a newer draft. */
  checkedFor = $state('');

  readonly spec = $derived(toSpec(this.transfer));
  readonly specJson = $derived(JSON.stringify(this.spec));
  readonly errors = $derived(errorsByInput(this.check && this.checkedFor === this.specJson ? this.check.errors : [], transferInputs(this.transfer)));
  readonly ready = $derived(this.check?.ok === true && this.checkedFor === this.specJson);

  /** Fill from a stored or imported spec; returns a warning when the form cannot hold all of it. */
  load(spec: unknown): string | null {
    const kind = (spec as { kind?: unknown } | null)?.kind;
    if (kind !== undefined && kind !== 'transfer') return `this form builds transfer experiments; the spec's kind is ${JSON.stringify(kind)}`;
    this.transfer = fromSpec(spec);
    return null;
  }
}

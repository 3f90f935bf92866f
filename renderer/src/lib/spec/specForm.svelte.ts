// The New experiment form's state: which kind of experiment, a draft per kind, and the last
// answer of validateSpec (errors mapped to inputs, the number of runs it will start). What
// differs by kind is in kinds/<kind>.ts, looked up in kinds/registry.ts.
import type { SpecCheck } from '../../../../contract/api.ts';
import { errorsByInput } from './fieldErrors.ts';
import { FORM_KIND_LIST, formKindNamed, isFormKind, newDrafts, type FormKindName, type KindDraft, type KindDrafts } from './kinds/registry.ts';

export const FORM_KINDS = FORM_KIND_LIST.map((k) => k.kind);
export type FormKind = FormKindName;
export { isFormKind };

export class SpecForm {
  kind: FormKind = $state('transfer');
  drafts: KindDrafts = $state(newDrafts());
  check: SpecCheck | null = $state(null);
  /** Spec JSON that was checked last, so a stale answer is never shown for a newer draft. */
  checkedFor = $state('');

  readonly module = $derived(formKindNamed(this.kind));
  readonly draft: KindDraft = $derived(this.drafts[this.kind]);
  readonly spec = $derived(this.module.toSpec(this.draft));
  readonly specJson = $derived(JSON.stringify(this.spec));
  readonly inputs = $derived(this.module.inputs(this.draft));
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
    if (!isFormKind(kind)) return `this form builds ${FORM_KINDS.join(', ')} experiments; the spec's kind is ${JSON.stringify(kind)}`;
    this.kind = kind;
    this.drafts[kind] = formKindNamed(kind).fromSpec(spec);
    return null;
  }
}

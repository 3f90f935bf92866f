// The experiment kinds the form builds: one line per kind, in the kind switch's order.
import { headToHeadForm } from './headToHead.ts';
import { multitaskForm } from './multitask.ts';
import { transferForm } from './transfer.ts';
import type { FormKind } from './types.ts';

export const FORM_KIND_LIST = [transferForm, multitaskForm, headToHeadForm] as const;

export type FormKindName = (typeof FORM_KIND_LIST)[number]['kind'];
/** Any kind's draft. */
export type KindDraft = ReturnType<(typeof FORM_KIND_LIST)[number]['newDraft']>;
/** One draft per kind, so switching kinds keeps what was typed in each. */
export type KindDrafts = Record<FormKindName, KindDraft>;

export function isFormKind(kind: unknown): kind is FormKindName {
  return FORM_KIND_LIST.some((k) => k.kind === kind);
}

/**
 * The kind named `kind`, seen through the interface. Its methods and fields are only ever given
 * that kind's own draft (SpecForm keeps one draft per kind, keyed by the same name), which is
 * what makes the widening from FormKind<K, ItsDraft> to FormKind<K, KindDraft> sound.
 */
export function formKindNamed(kind: FormKindName): FormKind<FormKindName, KindDraft> {
  const found = FORM_KIND_LIST.find((k) => k.kind === kind) as FormKind<FormKindName, KindDraft> | undefined;
  if (!found) throw new Error(`no form for experiment kind "${kind}"`);
  return found;
}

export function newDrafts(): KindDrafts {
  return Object.fromEntries(FORM_KIND_LIST.map((k) => [k.kind, k.newDraft()])) as KindDrafts;
}

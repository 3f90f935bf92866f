// What an experiment kind is in the New experiment form: its choice in the kind switch, its
// draft (the form's state), how the draft becomes a spec and back, which inputs it shows (so a
// validation error lands beside its field), and the component with its fields. Each kind is one
// module here, listed once in registry.ts.
import type { Component } from 'svelte';

/** A kind's fields: the draft, bound, and the errors by input path. */
export type KindFields<Draft> = Component<{ draft: Draft; errors: Map<string, string[]> }, Record<string, never>, 'draft'>;

export interface FormKind<Kind extends string, Draft> {
  readonly kind: Kind;
  /** The kind switch's text for this kind: the question it answers. */
  readonly label: string;
  readonly fields: KindFields<Draft>;
  newDraft(): Draft;
  toSpec(draft: Draft): Record<string, unknown>;
  fromSpec(spec: unknown): Draft;
  /** Every input path the fields show. */
  inputs(draft: Draft): Set<string>;
}

// What an experiment kind is, on the pure side (shared with the browser): its spec schema, the
// rules across fields the schema cannot say, and how a spec expands into runs. Each kind is one
// folder under contract/kinds/ exporting one SpecKind, listed once in registry.ts.
//
// The other runtimes hold the rest of a kind, each in its own registry, so no runtime imports
// code it cannot run: main/engine's preflight (the main thread reads the data files), the
// training worker's run trainers, and the renderer's form. The comparison and the CLI table
// are two more members to add here (a `compare` reading the runs' series into analysis's model,
// a `table` rendering it), keyed the same way.
import type { z } from 'zod';
import type { SpecError } from '../specErrors.ts';

export interface SpecKind<Spec extends { kind: string }, Plan> {
  /** The spec's `kind`, the key in every registry. */
  readonly kind: Spec['kind'];
  /** The spec's object schema (one member of spec.ts's discriminated union). */
  readonly schema: z.ZodObject;
  /** Checks on the raw object before the schema, where the union's own message would mislead; none by default. */
  shapeErrors?(record: Record<string, unknown>): SpecError[];
  /** Rules across fields (unique arm names, what an arm needs from the rest of the spec). */
  crossFieldErrors(spec: Spec): SpecError[];
  /** The runs, each with the fully resolved config its worker trains with. */
  expandRuns(spec: Spec): Plan[];
}

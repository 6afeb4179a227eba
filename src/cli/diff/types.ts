/** The data of a diff. */
import type { FieldChange } from './fields';

/** One unsafe change of one object. */
export interface Risk {
  readonly object: string;
  /** The field path, when the risk is about one field. */
  readonly field?: string;
  readonly message: string;
}

/** One object of an output folder, with the chart folder that holds it. */
export interface Manifest {
  readonly chart: string;
  readonly object: Record<string, unknown>;
}

/** An object that changed, and how. */
export interface ChangedObject {
  readonly object: string;
  /** The kind, e.g. `Secret`: values of a Secret's data are never shown. */
  readonly kind: string;
  readonly changes: readonly FieldChange[];
}

/** What `diffManifests` finds. */
export interface Diff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ChangedObject[];
  readonly unchanged: number;
  /** Changes `kubectl apply` cannot make: immutable fields. */
  readonly immutable: readonly Risk[];
  /** Changes that can lose data. */
  readonly dataLoss: readonly Risk[];
}

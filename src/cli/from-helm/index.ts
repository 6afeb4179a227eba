/**
 * The Helm values converter: values of the argo-helm `argo-workflows` chart → argo-stack options.
 * Placeholder with the final signature; the converter itself lands separately.
 */

/** A chart value that has no argo-stack option, with the reason. */
export interface NotCarried {
  /** The value's path in the values file, e.g. `server.podAnnotations`. */
  readonly value: string;
  readonly reason: string;
}

/** What the conversion gives: the options as plain data, and what was not carried over. */
export interface FromHelmResult {
  readonly options: Record<string, unknown>;
  readonly notCarried: NotCarried[];
}

/** Converts a chart values file's text; `file` names it in messages. Throws the project's ValidationError. */
export function fromHelm(valuesText: string, options: { namespace?: string; file: string }): FromHelmResult {
  void valuesText;
  void options;
  return { options: {}, notCarried: [] };
}

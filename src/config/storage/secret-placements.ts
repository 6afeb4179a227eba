/**
 * The Secrets argo-stack makes, each with the namespaces it must exist in, checked as a whole: a
 * valid spec and source, at least one namespace, no namespace twice, and no two entries making the
 * same Secret in one namespace. The plan's placements come from `resolveStorage`; this also checks
 * a list given directly to the `ManagedSecrets` construct.
 */
import { validateSecretSpec } from '../credentials';
import type { SecretSpec } from '../credentials';
import { conflict, invalid } from '../errors';
import { DEFAULT_JOBS_IMAGE, validateImageReference } from '../images';
import { validateDnsLabel } from '../names';

/** One Secret and the namespaces that need it. */
export interface ManagedSecret {
  /** The Secret: name, keys, source of the values. */
  readonly spec: SecretSpec;
  /** Namespaces that need it. The first is the primary one: generated values are created there first, then copied. */
  readonly namespaces: string[];
  /**
   * The user's option path of `spec.source`, for error messages.
   * @default - `secrets[<index>].spec.source`
   */
  readonly option?: string;
}

function checkNamespaces(i: number, s: ManagedSecret, owner: Map<string, number>): void {
  const namespaces: unknown = s.namespaces;
  if (!Array.isArray(namespaces) || namespaces.length === 0) {
    throw invalid(`secrets[${i}].namespaces`, namespaces, 'it must list at least one namespace; the first is the primary one', `list the namespaces that need Secret "${s.spec.name}"`);
  }
  const seen = new Set<string>();
  namespaces.forEach((ns, j) => {
    validateDnsLabel(`secrets[${i}].namespaces[${j}]`, ns);
    if (seen.has(ns)) throw invalid(`secrets[${i}].namespaces`, namespaces, `it lists "${ns}" twice; each namespace may appear once`, `remove the second "${ns}"`);
    seen.add(ns);
    const where = `${ns}/${s.spec.name}`;
    const first = owner.get(where);
    if (first !== undefined) {
      throw conflict(`secrets[${first}] and secrets[${i}] both make Secret "${s.spec.name}" in namespace "${ns}"`, 'give the Secrets different names, or merge the two entries into one');
    }
    owner.set(where, i);
  });
}

/** Checks every entry: its spec and source, its namespaces, and that no two entries make the same Secret. */
export function checkManagedSecrets(secrets: unknown): ManagedSecret[] {
  if (!Array.isArray(secrets)) throw invalid('secrets', secrets, 'it must be a list of { spec, namespaces }', 'give a list (empty when no Secret is needed)');
  const owner = new Map<string, number>();
  secrets.forEach((s: ManagedSecret, i) => {
    validateSecretSpec(s?.option ?? `secrets[${i}].spec.source`, s?.spec);
    checkNamespaces(i, s, owner);
  });
  return secrets;
}

/** The image of the generator Job: the one given (pinned), else `fallback`. */
export function checkJobsImage(image: unknown, fallback: string = DEFAULT_JOBS_IMAGE): string {
  return image === undefined ? fallback : validateImageReference('image', image, DEFAULT_JOBS_IMAGE);
}

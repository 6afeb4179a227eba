/**
 * How workflow-controller and argo-server stay available: the PodDisruptionBudget of each, and the
 * Deployment strategy. Shared by `controller.ts` and `server.ts`; pure.
 */
import { Checker, optionKeys } from './check';
import { conflict } from './errors';

/** The PodDisruptionBudget of a Deployment with more than one replica. */
export interface PodDisruptionBudgetOptions {
  /**
   * `minAvailable`: how many pods a voluntary eviction (a node drain) must leave running. It must be
   * less than `replicas`, or no node running a replica could ever be drained.
   * @default - no minAvailable: `maxUnavailable: 1` (all replicas but one stay up)
   */
  readonly minAvailable?: number;
}

/** The PodDisruptionBudget's rule: one of the two fields. */
export type ResolvedDisruptionBudget = { readonly minAvailable: number } | { readonly maxUnavailable: number };

/** How a Deployment replaces its pods: `Recreate` stops the old pod before the new one starts. */
export type DeploymentStrategy = 'RollingUpdate' | 'Recreate';

const PDB_KEYS = optionKeys<PodDisruptionBudgetOptions>()(['minAvailable']);

/**
 * `<path>.podDisruptionBudget` against `<path>.replicas`: none with one replica (it could only block
 * drains), else `minAvailable` when given (less than replicas), else `maxUnavailable: 1`.
 */
export function resolveDisruptionBudget(c: Checker, value: unknown, replicas: number, replicasField = 'replicas', made = replicas > 1): ResolvedDisruptionBudget | undefined {
  const p = c.child('podDisruptionBudget');
  const o: PodDisruptionBudgetOptions = value === undefined ? {} : p.object(value, '{ minAvailable: 1 }');
  p.known(o as Record<string, unknown>, PDB_KEYS);
  const minAvailable = p.int('minAvailable', o.minAvailable, 1, 'use a whole number less than replicas, e.g. 1, or remove it for maxUnavailable: 1', 100);
  const r = c.at(replicasField);
  if (minAvailable !== undefined && minAvailable >= replicas) {
    throw conflict(`${p.at('minAvailable')} ${minAvailable} is not less than ${r} ${replicas}: the PodDisruptionBudget would refuse every eviction, so no node running one of its pods could be drained`,
      replicas > 1 ? `set ${p.at('minAvailable')} to ${replicas - 1} or less, or raise ${r} above ${minAvailable}` : `raise ${r} above ${minAvailable}, or remove ${p.path} (one replica gets no PodDisruptionBudget)`);
  }
  if (!made) return undefined;
  return minAvailable !== undefined ? { minAvailable } : { maxUnavailable: 1 };
}

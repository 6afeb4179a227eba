/**
 * The Kubernetes types argo-stack takes in its pod options (resources, tolerations, affinity,
 * topology spread constraints, pod metadata), checked at run time field by field with the same
 * shape machinery as Argo's config, and Kubernetes quantities by their grammar.
 */
import type { IIoK8sApiCoreV1Affinity as Affinity } from 'kubernetes-models/v1/Affinity';
import type { IIoK8sApiCoreV1ResourceRequirements as ResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { IIoK8sApiCoreV1Toleration as Toleration } from 'kubernetes-models/v1/Toleration';
import type { IIoK8sApiCoreV1TopologySpreadConstraint as TopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';
import { AFFINITY, TOLERATION, TOPOLOGY_SPREAD_CONSTRAINT } from './controller-config/_definition-kubernetes';
import { k8s, k8sObj, listOf, mapOf, str } from './controller-config/_shape';
import { checkShape, ShapeDialect } from './controller-config/schema';
import { invalid } from './errors';

export type { Affinity, ResourceRequirements, Toleration, TopologySpreadConstraint };
export { AFFINITY, TOLERATION, TOPOLOGY_SPREAD_CONSTRAINT };

/** Unknown fields of a Kubernetes type in the options: Kubernetes would drop them, so they are typos. */
const KUBERNETES_DIALECT: ShapeDialect = {
  unknownKey: (child, allowed, near) => `${child} is not a field of this Kubernetes type; allowed here: ${allowed.join(', ')}. Fix: ${near ? `rename it to "${near}"` : `remove ${child}`}`,
  requiredBy: 'Kubernetes',
};

const RESOURCES = k8sObj<ResourceRequirements>({ limits: mapOf(k8s<string>()), requests: mapOf(k8s<string>()), claims: listOf(k8sObj<{ name: string; request?: string }>({ name: str, request: str }, ['name'])) });

/** A Kubernetes quantity: a decimal number with an optional binary or decimal suffix or exponent. */
export const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
/** A resource name: cpu, memory, ephemeral-storage, hugepages-<size>, or an extended `<domain>/<name>`. */
const RESOURCE_NAME = /^(cpu|memory|ephemeral-storage|hugepages-[0-9A-Za-z.]+|[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;

/** Checks a ResourceRequirements value: known fields, resource names and quantities. */
export function checkResources(path: string, value: unknown): void {
  checkShape(path, value, RESOURCES, KUBERNETES_DIALECT);
  for (const part of ['requests', 'limits'] as const) {
    const map = (value as ResourceRequirements)[part] ?? {};
    for (const [name, q] of Object.entries(map)) {
      const at = `${path}.${part}["${name}"]`;
      if (!RESOURCE_NAME.test(name)) {
        throw invalid(`${path}.${part} key`, name, 'a resource is cpu, memory, ephemeral-storage, hugepages-<size> or an extended "<domain>/<name>"', 'use "cpu" or "memory"');
      }
      if (typeof q !== 'string' && !(typeof q === 'number' && Number.isFinite(q) && q >= 0)) {
        throw invalid(at, q, 'it must be a Kubernetes quantity such as "500m", "2" or "1Gi"', `use e.g. ${name === 'cpu' ? '"500m"' : '"512Mi"'}`);
      }
      if (typeof q === 'string' && !QUANTITY.test(q)) {
        throw invalid(at, q, 'it must be a Kubernetes quantity such as "500m", "2" or "1Gi"', `use e.g. ${name === 'cpu' ? '"500m"' : '"512Mi"'}`);
      }
    }
  }
  checkRequestsWithinLimits(path, value as ResourceRequirements);
}

const SUFFIX: Readonly<Record<string, number>> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The value of a Kubernetes quantity in base units (cores, bytes), for comparisons. */
export function quantityValue(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^[+]?((?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(q);
  if (!m) return NaN;
  const suffix = m[2] ?? '';
  return /^[eE]/.test(suffix) ? Number(`${m[1]}${suffix}`) : Number(m[1]) * SUFFIX[suffix];
}

/** A request above its limit: Kubernetes refuses the pod template. */
function checkRequestsWithinLimits(path: string, r: ResourceRequirements): void {
  for (const [name, request] of Object.entries(r.requests ?? {})) {
    const limit = r.limits?.[name];
    if (limit === undefined || quantityValue(request) <= quantityValue(limit)) continue;
    throw invalid(`${path}.requests["${name}"]`, request, `it must not exceed its limit ${JSON.stringify(limit)} (Kubernetes refuses the pod)`, `lower the request, or raise ${path}.limits["${name}"]`);
  }
}

/** Checks a value of one of the Kubernetes types above, naming unknown fields as Kubernetes typos. */
export function checkKubernetes(path: string, value: unknown, shape: typeof AFFINITY | typeof TOLERATION | typeof TOPOLOGY_SPREAD_CONSTRAINT): void {
  checkShape(path, value, shape, KUBERNETES_DIALECT);
}

/** Checks a list of one of the Kubernetes types above. */
export function checkKubernetesList(path: string, value: unknown, item: typeof TOLERATION | typeof TOPOLOGY_SPREAD_CONSTRAINT, what: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw invalid(path, value, `it must be a list of ${what}`, 'give a list');
  value.forEach((v, i) => checkShape(`${path}[${i}]`, v, item, KUBERNETES_DIALECT));
}


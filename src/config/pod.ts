/**
 * What every pod argo-stack runs shares: resources, node selector and tolerations. One resolver,
 * `resolvePod`, checks them the same way for the controller, argo-server, the database and MinIO.
 */
import type { IIoK8sApiCoreV1ResourceRequirements as ResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { IIoK8sApiCoreV1Toleration as Toleration } from 'kubernetes-models/v1/Toleration';
import { Checker, isPlainObject } from './check';
import { invalid } from './errors';

export type { ResourceRequirements, Toleration };

/** Settings every pod argo-stack runs shares. */
export interface PodOptions {
  /**
   * CPU and memory requests and limits of the main container.
   * @default - a small, documented size per component (see the README)
   */
  readonly resources?: ResourceRequirements;
  /**
   * Node selector for the pod.
   * @default { "kubernetes.io/os": "linux" }
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Tolerations for the pod.
   * @default - none
   */
  readonly tolerations?: Toleration[];
}

/** The scheduling and sizing of one pod, every default filled in. */
export interface ResolvedPod {
  readonly resources: ResourceRequirements;
  readonly nodeSelector: Record<string, string>;
  readonly tolerations?: Toleration[];
}

/** The node selector of every pod unless set: Argo's images are Linux images. */
export const DEFAULT_NODE_SELECTOR: Readonly<Record<string, string>> = { 'kubernetes.io/os': 'linux' };

/** Requests and limits used when none are given. */
export const DEFAULT_RESOURCES = {
  controller: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
  server: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
  crdInstaller: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
  executor: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '512Mi' } },
} as const satisfies Record<string, ResourceRequirements>;

/** The UID of every Argo image (USER 8737). */
export const ARGO_UID = 8737;

/** The option names of `PodOptions`, for the unknown-key check of options that extend it. */
export const POD_OPTION_KEYS: readonly string[] = ['resources', 'nodeSelector', 'tolerations'];

/**
 * Checks the pod options at `c`'s path (`<path>.resources`, `<path>.nodeSelector`,
 * `<path>.tolerations`) and fills in the defaults. Resources must set requests.cpu,
 * requests.memory and limits.memory.
 */
export function resolvePod(c: Checker, o: PodOptions | undefined, defaultResources: ResourceRequirements): ResolvedPod {
  const resources = o?.resources === undefined ? defaultResources : o.resources;
  const r: Partial<ResourceRequirements> = isPlainObject(resources) ? resources : {};
  if (!r.requests?.cpu || !r.requests?.memory || !r.limits?.memory) {
    throw invalid(c.at('resources'), resources, 'it must set requests.cpu, requests.memory and limits.memory', `add them, e.g. ${JSON.stringify(defaultResources)}`);
  }
  if (o?.nodeSelector !== undefined) c.labels('nodeSelector', o.nodeSelector, '{ "kubernetes.io/os": "linux" }');
  const nodeSelector = o?.nodeSelector !== undefined ? o.nodeSelector : DEFAULT_NODE_SELECTOR;
  if (o?.tolerations !== undefined && !Array.isArray(o.tolerations)) {
    throw invalid(c.at('tolerations'), o.tolerations, 'it must be a list of tolerations', 'give a list');
  }
  return {
    resources,
    nodeSelector: { ...nodeSelector },
    ...(o?.tolerations !== undefined ? { tolerations: o.tolerations } : {}),
  };
}

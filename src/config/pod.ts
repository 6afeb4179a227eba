/**
 * What every pod argo-stack runs shares: resources, node selector and tolerations. One resolver,
 * `resolvePod`, checks them the same way for the controller, argo-server, the database and MinIO.
 */
import { toPlainData } from './plain-data';
import { Checker, isPlainObject } from './check';
import { invalid } from './errors';
import {
  AFFINITY, Affinity, checkKubernetes, checkKubernetesList, checkResources, ResourceRequirements, Toleration, TOLERATION, TOPOLOGY_SPREAD_CONSTRAINT,
  TopologySpreadConstraint,
} from './kubernetes';

export type { Affinity, ResourceRequirements, Toleration, TopologySpreadConstraint };

/** Labels and annotations added to a pod. */
export interface PodMetadataOptions {
  /**
   * Labels of the pod (not of the workload). `app` and the `app.kubernetes.io/component` and
   * `part-of` labels are argo-stack's own: its Services and policies select the pods with them.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations of the pod.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

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
  /**
   * Affinity and anti-affinity of the pod (e.g. spread replicas across nodes).
   * @default - none
   */
  readonly affinity?: Affinity;
  /**
   * How replicas spread across zones or nodes.
   * @default - none
   */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
  /**
   * Labels and annotations of the pod.
   * @default - none
   */
  readonly podMetadata?: PodMetadataOptions;
  /**
   * Names of `kubernetes.io/dockerconfigjson` Secrets in the pod's namespace to pull its images
   * with, added to the install-wide `imagePullSecrets`.
   * @default - the install-wide `imagePullSecrets`
   */
  readonly imagePullSecrets?: string[];
}

/** The scheduling and sizing of one pod, every default filled in. */
export interface ResolvedPod {
  readonly resources: ResourceRequirements;
  readonly nodeSelector: Record<string, string>;
  readonly tolerations?: Toleration[];
  readonly affinity?: Affinity;
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
  /** Labels and annotations the user adds to the pod. */
  readonly podLabels: Record<string, string>;
  readonly podAnnotations: Record<string, string>;
  /** Pull Secrets of the pod, install-wide ones first, without duplicates. */
  readonly imagePullSecrets: string[];
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
export const POD_OPTION_KEYS: readonly string[] = ['resources', 'nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'podMetadata', 'imagePullSecrets'];

/** Pod labels argo-stack sets itself; the user's podMetadata may not change them. */
const OWN_POD_LABELS = ['app', 'app.kubernetes.io/component', 'app.kubernetes.io/part-of'];

/** `podMetadata`: labels (not argo-stack's own) and annotations. */
function resolvePodMetadata(c: Checker, value: unknown): { podLabels: Record<string, string>; podAnnotations: Record<string, string> } {
  if (value === undefined) return { podLabels: {}, podAnnotations: {} };
  const m = c.child('podMetadata');
  const o = m.object(value, '{ labels: { team: "data" }, annotations: { "example.com/owner": "data-team" } }');
  m.known(o, ['labels', 'annotations']);
  const labels = m.labels('labels', o.labels) ?? {};
  for (const key of OWN_POD_LABELS) {
    if (key in labels) {
      throw invalid(`${m.at('labels')}["${key}"]`, labels[key], `argo-stack sets "${key}" itself: its Services and policies select the pods with it`, `remove it, or use another label key`);
    }
  }
  return { podLabels: { ...labels }, podAnnotations: m.annotations('annotations', o.annotations) };
}

/** `imagePullSecrets`: Secret names, added after the install-wide ones. */
export function resolvePullSecrets(c: Checker, value: unknown, installWide: readonly string[] = []): string[] {
  if (value === undefined) return [...installWide];
  if (!Array.isArray(value)) throw invalid(c.at('imagePullSecrets'), value, 'it must be a list of Secret names', 'give a list, e.g. ["registry-credentials"]');
  value.forEach((name, i) => c.dnsSubdomain(`imagePullSecrets[${i}]`, name));
  return [...new Set([...installWide, ...(value as string[])])];
}

/**
 * Checks the pod options at `c`'s path (`<path>.resources`, `<path>.nodeSelector`, ...) and fills
 * in the defaults. Resources must set requests.cpu, requests.memory and limits.memory, as
 * Kubernetes quantities.
 */
export function resolvePod(c: Checker, o: PodOptions | undefined, defaultResources: ResourceRequirements, installPullSecrets: readonly string[] = []): ResolvedPod {
  const resources = o?.resources === undefined ? defaultResources : o.resources;
  const r: Partial<ResourceRequirements> = isPlainObject(resources) ? resources : {};
  if (!r.requests?.cpu || !r.requests?.memory || !r.limits?.memory) {
    throw invalid(c.at('resources'), resources, 'it must set requests.cpu, requests.memory and limits.memory', `add them, e.g. ${JSON.stringify(defaultResources)}`);
  }
  checkResources(c.at('resources'), resources);
  if (o?.nodeSelector !== undefined) c.labels('nodeSelector', o.nodeSelector, '{ "kubernetes.io/os": "linux" }');
  const nodeSelector = o?.nodeSelector !== undefined ? o.nodeSelector : DEFAULT_NODE_SELECTOR;
  checkKubernetesList(c.at('tolerations'), o?.tolerations, TOLERATION, 'tolerations');
  checkKubernetes(c.at('affinity'), o?.affinity, AFFINITY);
  checkKubernetesList(c.at('topologySpreadConstraints'), o?.topologySpreadConstraints, TOPOLOGY_SPREAD_CONSTRAINT, 'topology spread constraints');
  // Copies with ordinary prototypes: the objects go into manifests as they are.
  return {
    resources: toPlainData(resources),
    nodeSelector: { ...nodeSelector },
    ...(o?.tolerations !== undefined ? { tolerations: toPlainData(o.tolerations) } : {}),
    ...(o?.affinity !== undefined ? { affinity: toPlainData(o.affinity) } : {}),
    ...(o?.topologySpreadConstraints !== undefined ? { topologySpreadConstraints: toPlainData(o.topologySpreadConstraints) } : {}),
    ...resolvePodMetadata(c, o?.podMetadata),
    imagePullSecrets: resolvePullSecrets(c, o?.imagePullSecrets, installPullSecrets),
  };
}

/** Shared helpers for the construct tests. */
import { createHash } from 'node:crypto';
import { Testing } from 'cdk8s';
import { ArgoWorkflows } from '../src/k8s/argo-workflows';
import type { ArgoWorkflowsProps } from '../src/config/options';
import { waitScript } from '../src/k8s/scripts/wait-script';

/** A synthesized Kubernetes object, as plain JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

/** Builds `new ArgoWorkflows(Testing.chart(), 'argo', props)` and returns the synthesized objects. */
export function synthObjects(props: ArgoWorkflowsProps = {}): K8sObject[] {
  const chart = Testing.chart();
  new ArgoWorkflows(chart, 'argo', props);
  return Testing.synth(chart) as K8sObject[];
}

/** The one object of that kind, name and (when given) namespace. Throws when there is none or more than one. */
export function find(objs: K8sObject[], kind: string, name: string, namespace?: string): K8sObject {
  const hits = objs.filter((o) => o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace));
  const what = `${kind} ${namespace !== undefined ? `${namespace}/` : ''}${name}`;
  if (hits.length === 0) {
    throw new Error(`${what} not found; objects: ${objs.map(key).join(', ')}`);
  }
  if (hits.length > 1) throw new Error(`${what} found ${hits.length} times`);
  return hits[0];
}

/** Every object of one kind. */
export function ofKind(objs: K8sObject[], kind: string): K8sObject[] {
  return objs.filter((o) => o.kind === kind);
}

/** `Kind namespace/name` (or `Kind name` when cluster-scoped), for inventories and messages. */
export function key(o: K8sObject): string {
  return `${o.kind} ${o.metadata?.namespace !== undefined ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
}

/** The single container of a Deployment or Job. */
export function container(o: K8sObject): any {
  const containers = o.spec.template.spec.containers;
  if (containers.length !== 1) throw new Error(`${key(o)} has ${containers.length} containers`);
  return containers[0];
}

/** The labels argo-stack puts on every object of a component (version v4.1.2). */
export function stdLabels(component: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...extra,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'argo-stack',
    'app.kubernetes.io/part-of': 'argo-workflows',
    'app.kubernetes.io/version': 'v4.1.2',
  };
}

/** The container security context every argo-stack container gets (Pod Security "restricted"), written out. */
export const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** JSON with object keys sorted at every depth (written here independently of src/). */
export function sortedJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x === null || typeof x !== 'object') return x;
    return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])]));
  };
  return JSON.stringify(sort(v));
}

/** `<base>-<first 8 hex digits of the sha256 of the Job's rendered pod template>`. */
export function hashedJobName(base: string, job: K8sObject): string {
  return `${base}-${createHash('sha256').update(sortedJson(job.spec.template)).digest('hex').slice(0, 8)}`;
}

/** The one Job named `<base>-<8 hex digits>` (in `namespace`, when given). Throws when there is none or more than one. */
export function findJob(objs: K8sObject[], base: string, namespace?: string): K8sObject {
  const name = new RegExp(`^${base}-[0-9a-f]{8}$`);
  const hits = objs.filter((o) => o.kind === 'Job' && name.test(o.metadata.name) && (namespace === undefined || o.metadata.namespace === namespace));
  if (hits.length !== 1) throw new Error(`Job ${namespace !== undefined ? `${namespace}/` : ''}${base}-<hash> found ${hits.length} times; objects: ${objs.map(key).join(', ')}`);
  return hits[0];
}

/**
 * The `wait-for-dependencies` init container of the controller or argo-server, every field: the
 * jobs image, the script for exactly these Secrets and databases, small resources, restricted.
 */
export function waitInitContainer(o: { namespace?: string; secrets?: string[]; databases?: { host: string; port: number }[]; image?: string } = {}) {
  const startup = {
    image: o.image ?? 'docker.io/curlimages/curl:8.11.1', namespace: o.namespace ?? 'argo', groupVersion: 'argoproj.io/v1alpha1',
    apiResources: ['clusterworkflowtemplates', 'cronworkflows', 'workflowartifactgctasks', 'workfloweventbindings', 'workflows', 'workflowtaskresults', 'workflowtasksets', 'workflowtemplates'],
    secrets: o.secrets ?? [], databases: o.databases ?? [],
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
  };
  return {
    name: 'wait-for-dependencies',
    image: startup.image,
    command: ['sh', '-c', waitScript(startup)],
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
    securityContext: RESTRICTED_CONTAINER,
  };
}

/**
 * The pod values the chart has for both the controller and argo-server: replicas, resources,
 * scheduling, pod metadata, the PodDisruptionBudget, logging, service account and the pass-through
 * values argo-stack does not take.
 */
import { isPlainObject } from '../../config/check';
import type { Conversion } from './context';
import { workloadIdentityOf } from './identity';
import { ChartMapping, notCarried, same } from './row';

/** The chart's section (`controller` or `server`) and argo-stack's option of the same component. */
export type Component = 'controller' | 'server';

const SECURE_DEFAULT = 'already a secure default: argo-stack runs every pod Pod Security "restricted" (non-root, read-only root filesystem, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp)';
const NO_PASS_THROUGH = 'argo-stack has no pass-through for extra containers, volumes or Deployment annotations: add them with a patch of the output (kustomize) if you still need them';

function resources(cx: Conversion, from: string, option: string): void {
  const r = cx.map(from);
  if (r === undefined) return;
  const req = isPlainObject(r.requests) ? r.requests : {};
  const lim = isPlainObject(r.limits) ? r.limits : {};
  if (req.cpu === undefined || req.memory === undefined || lim.memory === undefined) {
    cx.skip(from, 'argo-stack needs requests.cpu, requests.memory and limits.memory together; its documented default size applies until you give all three');
    return;
  }
  cx.set(option, r, from);
}

function podMetadata(cx: Conversion, c: Component): void {
  const labels = cx.map(`${c}.podLabels`);
  const annotations = cx.map(`${c}.podAnnotations`);
  if (labels !== undefined) cx.set(`${c}.podMetadata.labels`, labels, `${c}.podLabels`);
  if (annotations !== undefined) cx.set(`${c}.podMetadata.annotations`, annotations, `${c}.podAnnotations`);
}

function pdb(cx: Conversion, c: Component): void {
  const enabled = cx.bool(`${c}.pdb.enabled`);
  const min = cx.get(`${c}.pdb.minAvailable`);
  const max = cx.get(`${c}.pdb.maxUnavailable`);
  if (enabled === undefined && min === undefined && max === undefined) return;
  if (enabled !== true) {
    if (min !== undefined || max !== undefined) cx.skip(`${c}.pdb`, 'the chart renders no PodDisruptionBudget while pdb.enabled is false');
    return;
  }
  if (typeof min === 'number') cx.set(`${c}.podDisruptionBudget.minAvailable`, min, `${c}.pdb.minAvailable`);
  else if (min !== undefined) cx.skip(`${c}.pdb.minAvailable`, 'argo-stack takes a whole number of pods, not a percentage');
  if (max !== undefined && max !== 1) cx.skip(`${c}.pdb.maxUnavailable`, 'argo-stack\'s PodDisruptionBudget is maxUnavailable: 1 unless minAvailable is given');
  cx.skip(`${c}.pdb.enabled`, `already the default: argo-stack makes a PodDisruptionBudget whenever ${c}.replicas is more than 1 (and none for one replica, which it could only block drains of)`);
}

function logging(cx: Conversion, c: Component): void {
  const level = cx.str(`${c}.logging.level`);
  const format = cx.str(`${c}.logging.format`);
  if (level !== undefined) cx.set(`${c}.logLevel`, level, `${c}.logging.level`);
  if (format !== undefined) cx.set(`${c}.logFormat`, format, `${c}.logging.format`);
  if (cx.get(`${c}.logging.globallevel`) !== undefined) cx.skip(`${c}.logging.globallevel`, 'argo-stack leaves the glog level at 0 (Kubernetes client logs); pass --gloglevel in extraArgs if you need it');
}

function serverAccount(cx: Conversion): void {
  const { identity, annotations } = workloadIdentityOf(cx.map('server.serviceAccount.annotations'));
  if (identity !== undefined) cx.set('workloadIdentity.server', identity, 'server.serviceAccount.annotations');
  if (annotations !== undefined) cx.set('server.serviceAccountAnnotations', annotations, 'server.serviceAccount.annotations');
}

/** The rows of one component's pod values. */
export function podRows(c: Component): ChartMapping[] {
  return [
    same(`${c}.replicas`, `${c}.replicas`),
    {
      chart: `${c}.pdb.{enabled,minAvailable,maxUnavailable}`,
      option: `\`${c}.podDisruptionBudget.minAvailable\`; a PodDisruptionBudget is made whenever \`${c}.replicas\` is more than 1`,
      convert: (cx) => pdb(cx, c),
    },
    { chart: `${c}.resources`, option: `\`${c}.resources\` (requests.cpu, requests.memory and limits.memory together)`, convert: (cx) => resources(cx, `${c}.resources`, `${c}.resources`) },
    same(`${c}.nodeSelector`, `${c}.nodeSelector`),
    same(`${c}.tolerations`, `${c}.tolerations`),
    same(`${c}.affinity`, `${c}.affinity`),
    same(`${c}.topologySpreadConstraints`, `${c}.topologySpreadConstraints`),
    { chart: `${c}.{podLabels,podAnnotations}`, option: `\`${c}.podMetadata.labels\`, \`${c}.podMetadata.annotations\``, convert: (cx) => podMetadata(cx, c) },
    same(`${c}.priorityClassName`, `${c}.priorityClassName`),
    { chart: `${c}.logging.{level,format,globallevel}`, option: `\`${c}.logLevel\`, \`${c}.logFormat\``, convert: (cx) => logging(cx, c) },
    c === 'server'
      ? { chart: 'server.serviceAccount.annotations', option: 'IRSA, GKE and Azure annotations → `workloadIdentity.server`; others → `server.serviceAccountAnnotations`', convert: serverAccount }
      : same('controller.serviceAccount.annotations', 'controller.serviceAccountAnnotations'),
    notCarried(`${c}.serviceAccount.{create,name,labels}`, 'argo-stack always creates the service account, with the upstream name (`argo` for the controller, `argo-server` for the server)'),
    notCarried(`${c}.rbac.create`, 'argo-stack always creates the RBAC a binary needs, and no more'),
    notCarried(`${c}.{securityContext,podSecurityContext}`, SECURE_DEFAULT),
    notCarried(`${c}.{volumes,volumeMounts,extraContainers,extraInitContainers,deploymentAnnotations}`, NO_PASS_THROUGH),
  ];
}

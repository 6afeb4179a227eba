import type { IIoK8sApiCoreV1PodSecurityContext as PodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IIoK8sApiCoreV1SecurityContext as SecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IIoK8sApiCoreV1PodSpec as PodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IIoK8sApiCoreV1PersistentVolumeClaim as PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IIoK8sApiCoreV1ContainerPort as ContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { Endpoint } from '../config/endpoints';
import { ARGO_UID, ResolvedPod } from '../config/pod';

/** Pod-level security context that satisfies Pod Security "restricted". */
export function restrictedPodSecurityContext(uid: number = ARGO_UID): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level security context that satisfies Pod Security "restricted". */
export function restrictedContainerSecurityContext(readOnlyRootFilesystem = true): SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Scheduling and image pull fields shared by every pod. */
export function scheduling(pod: ResolvedPod): Pick<PodSpec, 'nodeSelector' | 'tolerations' | 'affinity' | 'topologySpreadConstraints' | 'imagePullSecrets'> {
  return {
    nodeSelector: pod.nodeSelector,
    ...(pod.tolerations ? { tolerations: pod.tolerations } : {}),
    ...(pod.affinity ? { affinity: pod.affinity } : {}),
    ...(pod.topologySpreadConstraints ? { topologySpreadConstraints: pod.topologySpreadConstraints } : {}),
    ...pullSecrets(pod.imagePullSecrets),
  };
}

/** The metadata of a Job's pod: the user's pod labels and annotations, then the Job's own labels. */
export function jobPodMetadata(pod: ResolvedPod, labels: Record<string, string>): { labels: Record<string, string>; annotations?: Record<string, string> } {
  return { labels: { ...pod.podLabels, ...labels }, ...(Object.keys(pod.podAnnotations).length ? { annotations: { ...pod.podAnnotations } } : {}) };
}

/** `imagePullSecrets` of a pod spec, or nothing. */
function pullSecrets(names: readonly string[]): Pick<PodSpec, 'imagePullSecrets'> {
  return names.length ? { imagePullSecrets: names.map((name) => ({ name })) } : {};
}

/**
 * The `data` volume claim template of a one-replica StatefulSet. Claim templates are immutable after
 * creation, so they carry only labels that never change (the selector: no version, no user labels).
 */
export function dataVolumeClaim(selector: Record<string, string>, storage: string, storageClassName?: string): Omit<PersistentVolumeClaim, 'apiVersion' | 'kind'> {
  return {
    metadata: { name: 'data', labels: { ...selector } },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage } },
      ...(storageClassName !== undefined ? { storageClassName } : {}),
    },
  };
}

/** The container ports of a component, from its endpoint. */
export function containerPorts(endpoint: Endpoint): ContainerPort[] {
  return endpoint.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol }));
}

/** The labels of a component's pod template: the user's pod labels, then its selector and the component. */
export function podLabels(selector: Readonly<Record<string, string>>, component: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...extra, ...selector, 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': 'argo-workflows' };
}

import type { IIoK8sApiCoreV1PodSecurityContext as PodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IIoK8sApiCoreV1SecurityContext as SecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IIoK8sApiCoreV1PodSpec as PodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IIoK8sApiCoreV1PersistentVolumeClaim as PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { ARGO_UID, ResolvedPod } from '../config/resolve';

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

/** Scheduling fields shared by every pod. */
export function scheduling(pod: ResolvedPod): Pick<PodSpec, 'nodeSelector' | 'tolerations'> {
  return {
    nodeSelector: pod.nodeSelector,
    ...(pod.tolerations ? { tolerations: pod.tolerations } : {}),
  };
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

/** Where the controller and argo-server find the database CA bundle. */
export const DATABASE_CA_DIR = '/etc/argo-stack/database-ca';

/**
 * The database CA bundle for a container that connects to the database: a ConfigMap volume, its
 * mount, and `PGSSLROOTCERT` pointing at it (read by Go's PostgreSQL drivers). Empty without one.
 */
export function databaseCa(ca: { configMapName: string; key: string } | undefined): {
  volumes: NonNullable<PodSpec['volumes']>; volumeMounts: { name: string; mountPath: string; readOnly: boolean }[]; env: { name: string; value: string }[];
} {
  if (!ca) return { volumes: [], volumeMounts: [], env: [] };
  return {
    volumes: [{ name: 'database-ca', configMap: { name: ca.configMapName, items: [{ key: ca.key, path: 'ca.crt' }] } }],
    volumeMounts: [{ name: 'database-ca', mountPath: DATABASE_CA_DIR, readOnly: true }],
    env: [{ name: 'PGSSLROOTCERT', value: `${DATABASE_CA_DIR}/ca.crt` }],
  };
}

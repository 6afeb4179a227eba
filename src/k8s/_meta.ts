import { ApiObject, ApiObjectProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { IIoK8sApimachineryPkgApisMetaV1ObjectMeta as ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import { Component } from '../config/endpoints';
import type { ResolvedInstall } from '../config/install';
import type { ResolvedJobs } from '../config/jobs';

export { Component };

/**
 * What every construct needs of the install besides its own section of the plan: the namespace,
 * the labels and version on every object, the images, and the scope for RBAC.
 */
export type K8sContext = Pick<ResolvedInstall, 'namespace' | 'labels' | 'version' | 'images' | 'scope' | 'managedNamespace' | 'imagePullSecrets'> & {
  /** The pods of the one-shot Jobs. */
  readonly jobs: ResolvedJobs;
};

/**
 * Argo CD sync waves: what must exist before the rest is applied. Namespaces first, then the
 * NetworkPolicies, then the CRD installer and its RBAC, then the Secrets and their generator; everything else is wave 0.
 */
export enum SyncWave {
  NAMESPACES = '-20',
  /** Before any pod of the install starts, so none runs unconfined. */
  NETWORK_POLICIES = '-15',
  CRDS = '-10',
  CREDENTIALS = '-5',
}

/**
 * The ordering hints of an object, written in one place: its Argo CD sync wave and, for a one-shot
 * Job, the Sync hook annotations.
 */
export function orderingHints(wave: SyncWave | undefined, o: { hook?: boolean } = {}): Record<string, string> {
  return {
    ...(wave !== undefined ? { 'argocd.argoproj.io/sync-wave': wave } : {}),
    ...(o.hook ? ARGOCD_SYNC_HOOK_ANNOTATIONS : {}),
  };
}

/**
 * One-shot Jobs are Argo CD Sync hooks: Argo CD deletes the previous run before creating the next
 * (a Job's pod template cannot be changed in place), and does not recreate them after their TTL.
 */
export const ARGOCD_SYNC_HOOK_ANNOTATIONS: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/hook': 'Sync',
  'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
};

/** A Kubernetes manifest as plain JSON (typed with kubernetes-models interfaces at each call site). */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: ObjectMeta;
}

/** Adds one manifest (with a name) to the tree as a cdk8s ApiObject. */
export function manifest<T extends Manifest>(scope: Construct, id: string, m: T & { metadata: { name: string } }): ApiObject {
  return new ApiObject(scope, id, m as unknown as ApiObjectProps);
}

/** The standard labels of one object: the install's labels, then argo-stack's own. */
export function labelsFor(ctx: Pick<K8sContext, 'labels' | 'version'>, component: Component | string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...ctx.labels,
    ...extra,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'argo-stack',
    'app.kubernetes.io/part-of': 'argo-workflows',
    'app.kubernetes.io/version': ctx.version,
  };
}

/** Metadata for a namespaced object. */
export function meta(ctx: Pick<K8sContext, 'labels' | 'version'>, component: Component | string, name: string, namespace?: string, extra: Partial<ObjectMeta> = {}): ObjectMeta & { name: string } {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...extra,
    labels: { ...labelsFor(ctx, component), ...(extra.labels ?? {}) },
  };
}

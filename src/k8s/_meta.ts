import { ApiObject, ApiObjectProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { IIoK8sApimachineryPkgApisMetaV1ObjectMeta as ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { ResolvedArgoWorkflows } from '../config/resolve';

/** The `app.kubernetes.io/component` values; the synth writer groups output files by them. */
export enum Component {
  NAMESPACES = 'namespaces',
  CRDS = 'crds',
  CONTROLLER = 'workflow-controller',
  SERVER = 'argo-server',
  WORKFLOW_NAMESPACE = 'workflow-namespace',
  CREDENTIALS = 'credentials',
  POSTGRES = 'postgres',
  MYSQL = 'mysql',
  MINIO = 'minio',
  ARTIFACT_REPOSITORIES = 'artifact-repositories',
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

/** The standard labels of one object: the plan's labels, then argo-stack's own. */
export function labelsFor(plan: ResolvedArgoWorkflows, component: Component | string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...plan.labels,
    ...extra,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'argo-stack',
    'app.kubernetes.io/part-of': 'argo-workflows',
    'app.kubernetes.io/version': plan.version,
  };
}

/** Metadata for a namespaced object. */
export function meta(plan: ResolvedArgoWorkflows, component: Component | string, name: string, namespace?: string, extra: Partial<ObjectMeta> = {}): ObjectMeta & { name: string } {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...extra,
    labels: { ...labelsFor(plan, component), ...(extra.labels ?? {}) },
  };
}

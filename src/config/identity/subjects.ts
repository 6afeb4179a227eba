/**
 * The ServiceAccounts that touch the artifact bucket, as the cloud side needs them: one exact
 * subject (`system:serviceaccount:<namespace>:<name>`) per account for a trust policy, a federated
 * credential or an RRSA condition, with the bucket access each needs. Derived from the same plan
 * entries that render the ServiceAccounts, so the two cannot drift.
 */
import type { ResolvedWorkflowNamespace } from '../workflow-namespaces';
import type { WorkloadIdentity } from './workload-identity';

/** Which ServiceAccount of argo-stack a subject is. */
export type SubjectComponent = 'workflow' | 'server' | 'artifact-gc';

/** What an account does with the bucket's objects. */
export type BucketAccess = 'read' | 'write' | 'delete';

/** One ServiceAccount that touches the bucket. */
export interface ServiceAccountSubject {
  readonly namespace: string;
  readonly name: string;
  readonly component: SubjectComponent;
  /** Workflow pods read and write; argo-server reads (artifact and log downloads); GC reads (lists) and deletes. */
  readonly access: readonly BucketAccess[];
  /** The cloud identity the account takes, when one is set. */
  readonly workloadIdentity?: WorkloadIdentity;
}

/** `system:serviceaccount:<namespace>:<name>`, the token subject a cloud trust policy matches exactly. */
export function subjectOf(s: Pick<ServiceAccountSubject, 'namespace' | 'name'>): string {
  return `system:serviceaccount:${s.namespace}:${s.name}`;
}

/** The subjects of an install: argo-server (when it runs), then each workflow namespace's workflow and GC accounts. */
export function serviceAccountSubjects(
  server: { readonly namespace: string; readonly name: string; readonly workloadIdentity?: WorkloadIdentity } | undefined,
  namespaces: readonly ResolvedWorkflowNamespace[],
): ServiceAccountSubject[] {
  const id = (w: WorkloadIdentity | undefined) => (w ? { workloadIdentity: w } : {});
  return [
    // argo-server reads artifacts and archived logs, and writes input artifacts uploaded in the UI
    // (server/apiserver/argoserver.go registers /upload-artifacts/; UploadInputArtifact saves the stream).
    ...(server ? [{ namespace: server.namespace, name: server.name, component: 'server' as const, access: ['read' as const, 'write' as const], ...id(server.workloadIdentity) }] : []),
    ...namespaces.flatMap((n): ServiceAccountSubject[] => [
      { namespace: n.name, name: n.serviceAccountName, component: 'workflow', access: ['read', 'write'], ...id(n.workloadIdentity) },
      ...(n.artifactGCServiceAccount
        ? [{ namespace: n.name, name: n.artifactGCServiceAccount.name, component: 'artifact-gc' as const, access: ['read' as const, 'delete' as const], ...id(n.artifactGCWorkloadIdentity) }]
        : []),
    ]),
  ];
}

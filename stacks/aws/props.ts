/**
 * The argo-stack options of the AWS stack, as pure data: the install and workflow namespaces,
 * in-cluster Postgres whose password Pulumi generates (`Credentials.existing()`: no credentials Job),
 * the bucket as the `artifact-repositories` entry of every workflow namespace, and each service
 * account's identity from the AWS component's plan.
 */
import { Credentials } from '../../src/config/credentials';
import { subjectOf, type ServiceAccountSubject } from '../../src/config/identity/subjects';
import type { WorkloadIdentity } from '../../src/config/identity/workload-identity';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import type { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import type { SubjectIdentity } from '../../src/cloud/aws/identity';
import { ACCESS_KEY_SECRET } from '../../src/cloud/aws/names';
import type { StackConfig } from './config';

/** The Secret of the in-cluster Postgres (`username`/`password`), filled from Pulumi's random password. */
export const POSTGRES_SECRET = 'argo-postgres-config';
export const POSTGRES_USER = 'argo';

/** The options of the install; without `repository` and `identities`, the shape whose subjects the AWS side trusts. */
export function stackProps(config: StackConfig, repository?: ArtifactRepository, identities: readonly SubjectIdentity[] = []): ArgoWorkflowsProps {
  const byKey = new Map(identities.map((i) => [subjectOf(i.subject), i.workloadIdentity]));
  const id = (namespace: string, name: string): WorkloadIdentity | undefined => byKey.get(subjectOf({ namespace, name }));
  const only = <K extends string>(k: K, w: WorkloadIdentity | undefined) => (w === undefined ? {} : { [k]: w } as Record<K, WorkloadIdentity>);
  // The plan names the accounts; the first resolve gives their names, so none is typed here.
  const names = resolveArgoWorkflows(baseProps(config)).serviceAccountSubjects;
  const nameOf = (ns: string, component: ServiceAccountSubject['component']) => names.find((s) => s.namespace === ns && s.component === component)?.name ?? '';
  const server = names.find((s) => s.component === 'server');
  return {
    ...baseProps(config),
    ...(server ? { workloadIdentity: only('server', id(server.namespace, server.name)) } : {}),
    workflowNamespaces: config.workflowNamespaces.map((name) => ({
      name, artifactGC: config.artifactGC,
      ...only('workloadIdentity', id(name, nameOf(name, 'workflow'))),
      ...(config.artifactGC ? only('artifactGCWorkloadIdentity', id(name, nameOf(name, 'artifact-gc'))) : {}),
    })),
    ...(repository ? { artifactRepositories: { repositories: { s3: repository } } } : {}),
    // With access keys the repository reads the IAM user's key from a Secret Pulumi fills from secret outputs.
    ...(repository?.spec.s3?.accessKeySecret ? {
      secrets: [{ name: ACCESS_KEY_SECRET.name, keys: [ACCESS_KEY_SECRET.accessKey, ACCESS_KEY_SECRET.secretKey], credentials: Credentials.existing(), description: 'the access key of the artifact bucket\'s IAM user' }],
    } : {}),
  };
}

function baseProps(config: StackConfig): ArgoWorkflowsProps {
  return {
    namespace: config.namespace,
    workflowNamespaces: config.workflowNamespaces.map((name) => ({ name, artifactGC: config.artifactGC })),
    persistence: { postgres: { inCluster: {}, secretName: POSTGRES_SECRET, credentials: Credentials.existing() } },
  };
}

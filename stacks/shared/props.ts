/**
 * The argo-stack options every cloud's stack deploys, as pure data: the install and workflow
 * namespaces, an in-cluster Postgres whose password Pulumi generates (`Credentials.existing()`: no
 * credentials Job), the bucket (or container) as the `artifact-repositories` entry of every
 * workflow namespace, a fallback key's Secret declared as one Pulumi fills, and each service
 * account's identity from the cloud component's plan.
 */
import { Credentials } from '../../src/config/credentials';
import { subjectOf, type ServiceAccountSubject } from '../../src/config/identity/subjects';
import type { WorkloadIdentity } from '../../src/config/identity/workload-identity';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { resolveArgoWorkflows } from '../../src/config/resolve';
import type { ArtifactRepository } from '../../src/config/storage/artifact-repository';

/** The Secret of the in-cluster Postgres (`username`/`password`), filled from Pulumi's random password. */
export const POSTGRES_SECRET = 'argo-postgres-config';
export const POSTGRES_USER = 'argo';

/** What every stack's configuration has. */
export interface InstallConfig {
  readonly namespace: string;
  readonly workflowNamespaces: readonly string[];
  readonly artifactGC: boolean;
}

/** A service account and the cloud identity the component gives it. */
export interface StackIdentity {
  readonly subject: Pick<ServiceAccountSubject, 'namespace' | 'name'>;
  readonly workloadIdentity?: WorkloadIdentity;
}

/** The bucket (or container) of a stack: its key in `artifact-repositories`, and the Secret of a fallback key. */
export interface StackRepository {
  readonly key: string;
  readonly repository: ArtifactRepository;
  /** The Secret the repository reads a fallback key from, which Pulumi fills. @default - none (the pods' identity) */
  readonly keySecret?: { readonly name: string; readonly keys: string[]; readonly description: string };
}

/** The options of the install; without `repository` and `identities`, the shape whose subjects the cloud side trusts. */
export function installProps(config: InstallConfig, repository?: StackRepository, identities: readonly StackIdentity[] = []): ArgoWorkflowsProps {
  const byKey = new Map(identities.map((i) => [subjectOf(i.subject), i.workloadIdentity]));
  const id = (namespace: string, name: string): WorkloadIdentity | undefined => byKey.get(subjectOf({ namespace, name }));
  const only = <K extends string>(k: K, w: WorkloadIdentity | undefined) => (w === undefined ? {} : { [k]: w } as Record<K, WorkloadIdentity>);
  // The plan names the accounts; the first resolve gives their names, so none is typed here.
  const names = resolveArgoWorkflows(baseProps(config)).serviceAccountSubjects;
  const nameOf = (ns: string, component: ServiceAccountSubject['component']) => names.find((s) => s.namespace === ns && s.component === component)?.name ?? '';
  const server = names.find((s) => s.component === 'server');
  const keySecret = repository?.keySecret;
  return {
    ...baseProps(config),
    ...(server ? { workloadIdentity: only('server', id(server.namespace, server.name)) } : {}),
    workflowNamespaces: config.workflowNamespaces.map((name) => ({
      name, artifactGC: config.artifactGC,
      ...only('workloadIdentity', id(name, nameOf(name, 'workflow'))),
      ...(config.artifactGC ? only('artifactGCWorkloadIdentity', id(name, nameOf(name, 'artifact-gc'))) : {}),
    })),
    ...(repository ? { artifactRepositories: { repositories: { [repository.key]: repository.repository } } } : {}),
    ...(keySecret ? { secrets: [{ name: keySecret.name, keys: [...keySecret.keys], credentials: Credentials.existing(), description: keySecret.description }] } : {}),
  };
}

function baseProps(config: InstallConfig): ArgoWorkflowsProps {
  return {
    namespace: config.namespace,
    workflowNamespaces: config.workflowNamespaces.map((name) => ({ name, artifactGC: config.artifactGC })),
    persistence: { postgres: { inCluster: {}, secretName: POSTGRES_SECRET, credentials: Credentials.existing() } },
  };
}

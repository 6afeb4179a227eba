/**
 * The argo-stack options of the Azure stack (`installProps` of `../shared/props`): the container as
 * the `azure` entry of every workflow namespace's `artifact-repositories`, each service account's
 * identity from the Azure component's plan, and with the fallback, the storage account key's
 * Secret, declared as one Pulumi fills.
 */
import type { ArgoWorkflowsProps } from '../../src/config/options';
import type { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import type { SubjectIdentity } from '../../src/cloud/azure/identity';
import { ACCOUNT_KEY_SECRET } from '../../src/cloud/azure/names';
import { installProps } from '../shared/props';
import type { StackConfig } from './config';

export { POSTGRES_SECRET, POSTGRES_USER } from '../shared/props';

/** The options of the install; without `repository` and `identities`, the shape whose subjects the Azure side trusts. */
export function stackProps(config: StackConfig, repository?: ArtifactRepository, identities: readonly SubjectIdentity[] = []): ArgoWorkflowsProps {
  const keySecret = repository && repository.spec.azure?.accountKeySecret ? { name: ACCOUNT_KEY_SECRET.name, keys: [ACCOUNT_KEY_SECRET.key], description: 'Azure storage account key' } : undefined;
  return installProps(config, repository && { key: 'azure', repository, ...(keySecret ? { keySecret } : {}) }, identities);
}

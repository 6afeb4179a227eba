/**
 * The argo-stack options of the GCP stack (`installProps` of `../shared/props`): the bucket as the
 * `gcs` entry of every workflow namespace's `artifact-repositories`, each service account's
 * identity from the GCP component's plan, and with the fallback, the HMAC key's Secret, declared as
 * one Pulumi fills.
 */
import type { ArgoWorkflowsProps } from '../../src/config/options';
import type { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import type { SubjectIdentity } from '../../src/cloud/gcp/identity';
import { HMAC_SECRET } from '../../src/cloud/gcp/names';
import { installProps } from '../shared/props';
import type { StackConfig } from './config';

export { POSTGRES_SECRET, POSTGRES_USER } from '../shared/props';

/** The key of the bucket in the `artifact-repositories` ConfigMaps. */
export const REPOSITORY_KEY = 'gcs';

/** The options of the install; without `repository` and `identities`, the shape whose subjects the GCP side trusts. */
export function stackProps(config: StackConfig, repository?: ArtifactRepository, identities: readonly SubjectIdentity[] = []): ArgoWorkflowsProps {
  const keySecret = repository && repository.spec.s3?.accessKeySecret ? { name: HMAC_SECRET.name, keys: [HMAC_SECRET.accessKey, HMAC_SECRET.secretKey], description: 'the HMAC key of the artifact bucket' } : undefined;
  return installProps(config, repository && { key: REPOSITORY_KEY, repository, ...(keySecret ? { keySecret } : {}) }, identities);
}

/**
 * The argo-stack options of the AWS stack (`installProps` of `../shared/props`): the bucket as the
 * `s3` entry of every workflow namespace's `artifact-repositories`, each service account's identity
 * from the AWS component's plan, and with the fallback, the IAM user's access key's Secret,
 * declared as one Pulumi fills.
 */
import type { ArgoWorkflowsProps } from '../../src/config/options';
import type { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import type { SubjectIdentity } from '../../src/cloud/aws/identity';
import { ACCESS_KEY_SECRET } from '../../src/cloud/aws/names';
import { installProps } from '../shared/props';
import type { StackConfig } from './config';

export { POSTGRES_SECRET, POSTGRES_USER } from '../shared/props';

/** The options of the install; without `repository` and `identities`, the shape whose subjects the AWS side trusts. */
export function stackProps(config: StackConfig, repository?: ArtifactRepository, identities: readonly SubjectIdentity[] = []): ArgoWorkflowsProps {
  const keySecret = repository && repository.spec.s3?.accessKeySecret ? { name: ACCESS_KEY_SECRET.name, keys: [ACCESS_KEY_SECRET.accessKey, ACCESS_KEY_SECRET.secretKey], description: 'the access key of the artifact bucket\'s IAM user' } : undefined;
  return installProps(config, repository && { key: 's3', repository, ...(keySecret ? { keySecret } : {}) }, identities);
}

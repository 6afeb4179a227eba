/**
 * The argo-stack options of the Alibaba Cloud stack (`installProps` of `../shared/props`): the
 * bucket as the `oss` entry of every workflow namespace's `artifact-repositories`, each service
 * account's identity from the Alibaba Cloud component's plan, and with the fallback, the RAM user's
 * AccessKey's Secret, declared as one Pulumi fills.
 */
import type { ArgoWorkflowsProps } from '../../src/config/options';
import type { ArtifactRepository } from '../../src/config/storage/artifact-repository';
import type { SubjectIdentity } from '../../src/cloud/alicloud/identity';
import { ACCESS_KEY_SECRET } from '../../src/cloud/alicloud/names';
import { installProps } from '../shared/props';
import type { StackConfig } from './config';

export { POSTGRES_SECRET, POSTGRES_USER } from '../shared/props';

/** The options of the install; without `repository` and `identities`, the shape whose subjects the Alibaba Cloud side trusts. */
export function stackProps(config: StackConfig, repository?: ArtifactRepository, identities: readonly SubjectIdentity[] = []): ArgoWorkflowsProps {
  const keySecret = repository && repository.spec.oss?.accessKeySecret ? { name: ACCESS_KEY_SECRET.name, keys: [ACCESS_KEY_SECRET.accessKey, ACCESS_KEY_SECRET.secretKey], description: 'OSS AccessKey of the RAM user' } : undefined;
  return installProps(config, repository && { key: 'oss', repository, ...(keySecret ? { keySecret } : {}) }, identities);
}

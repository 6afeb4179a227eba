/**
 * The Kubernetes side of the stack (`deployInstall` of `../shared/kubernetes`): the install through
 * the bridge, the Postgres password and, with the fallback, the RAM user's AccessKey as Secrets
 * Pulumi fills.
 */
import type { AlicloudArtifactStorage } from '../../src/cloud/alicloud/component';
import { ACCESS_KEY_SECRET } from '../../src/cloud/alicloud/names';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { deployInstall, type Release } from '../shared/kubernetes';
import type { StackConfig } from './config';

export type { Release } from '../shared/kubernetes';

/** Deploys the install of `props` and the Secrets Pulumi fills. */
export function deployKubernetes(config: StackConfig, props: ArgoWorkflowsProps, storage: AlicloudArtifactStorage): Release {
  return deployInstall(config, props, {
    storage,
    ...(storage.accessKeyId !== undefined && storage.accessKeySecret !== undefined ? { keySecret: { name: ACCESS_KEY_SECRET.name, resourcePrefix: 'oss-keys', keys: { [ACCESS_KEY_SECRET.accessKey]: storage.accessKeyId, [ACCESS_KEY_SECRET.secretKey]: storage.accessKeySecret } } } : {}),
  });
}

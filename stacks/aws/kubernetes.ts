/**
 * The Kubernetes side of the stack (`deployInstall` of `../shared/kubernetes`): the install through
 * the bridge, the Postgres password and, with the fallback, the IAM user's access key as Secrets
 * Pulumi fills.
 */
import type { ArgoWorkflowsStorage } from '../../src/cloud/aws/component';
import { ACCESS_KEY_SECRET } from '../../src/cloud/aws/names';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { deployInstall, type Release } from '../shared/kubernetes';
import type { StackConfig } from './config';

export type { Release } from '../shared/kubernetes';

/** Deploys the install of `props` and the Secrets Pulumi fills. */
export function deployKubernetes(config: StackConfig, props: ArgoWorkflowsProps, storage: ArgoWorkflowsStorage): Release {
  return deployInstall(config, props, {
    storage,
    ...(storage.accessKeyId !== undefined && storage.secretAccessKey !== undefined ? { keySecret: { name: ACCESS_KEY_SECRET.name, resourcePrefix: 's3-keys', keys: { [ACCESS_KEY_SECRET.accessKey]: storage.accessKeyId, [ACCESS_KEY_SECRET.secretKey]: storage.secretAccessKey } } } : {}),
  });
}

/**
 * The Kubernetes side of the stack (`deployInstall` of `../shared/kubernetes`): the install through
 * the bridge, the Postgres password and, with the fallback, the HMAC key as Secrets Pulumi fills.
 */
import type { ArgoWorkflowsStorage } from '../../src/cloud/gcp/component';
import { HMAC_SECRET } from '../../src/cloud/gcp/names';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { deployInstall, type Release } from '../shared/kubernetes';
import type { StackConfig } from './config';

export type { Release } from '../shared/kubernetes';

/** Deploys the install of `props` and the Secrets Pulumi fills. */
export function deployKubernetes(config: StackConfig, props: ArgoWorkflowsProps, storage: ArgoWorkflowsStorage): Release {
  return deployInstall(config, props, {
    storage,
    ...(storage.hmacAccessId !== undefined && storage.hmacSecret !== undefined ? { keySecret: { name: HMAC_SECRET.name, resourcePrefix: 'hmac', keys: { [HMAC_SECRET.accessKey]: storage.hmacAccessId, [HMAC_SECRET.secretKey]: storage.hmacSecret } } } : {}),
  });
}

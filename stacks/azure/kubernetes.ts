/**
 * The Kubernetes side of the stack (`deployInstall` of `../shared/kubernetes`): the install through
 * the bridge, the Postgres password, the client id patches and, with the fallback, the storage
 * account key as Secrets Pulumi fills.
 */
import type { ArgoWorkflowsStorage } from '../../src/cloud/azure/component';
import { ACCOUNT_KEY_SECRET } from '../../src/cloud/azure/names';
import type { ArgoWorkflowsProps } from '../../src/config/options';
import { deployInstall, type Release } from '../shared/kubernetes';
import type { StackConfig } from './config';

export type { Release } from '../shared/kubernetes';

/** Deploys the install of `props` and the Secrets Pulumi fills. */
export function deployKubernetes(config: StackConfig, props: ArgoWorkflowsProps, storage: ArgoWorkflowsStorage): Release {
  return deployInstall(config, props, {
    storage,
    serviceAccountPatches: storage.serviceAccountPatches,
    ...(storage.accountKey !== undefined ? { keySecret: { name: ACCOUNT_KEY_SECRET.name, resourcePrefix: 'azure-key', keys: { [ACCOUNT_KEY_SECRET.key]: storage.accountKey } } } : {}),
  });
}

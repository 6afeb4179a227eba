/**
 * The stack's configuration: the keys of `argo-stack-azure` (and `azure-native:location`), read as
 * the strings Pulumi stores and checked with the project's messages before any resource exists.
 */
import { conflict, invalid } from '../../src/config/errors';
import { validateDnsLabel } from '../../src/config/names';
import { AzureIdentity } from '../../src/cloud/azure/identity';
import {
  validateContainerName, validateLocation, validateResourceGroupName, validateStorageAccountName,
} from '../../src/cloud/azure/validate';
import { configReader } from '../shared/config';

/** The project name, the namespace of its config keys. */
export const PROJECT = 'argo-stack-azure';

/** Every key of the stack (without the `argo-stack-azure:` namespace), in the order of the README's table. */
export const CONFIG_KEYS = [
  'resourceGroupName', 'storageAccountName', 'containerName', 'oidcIssuerUrl', 'identity', 'namespace', 'workflowNamespaces', 'artifactGC',
  'artifactRetentionDays', 'kubeconfig',
] as const;

export type ConfigKey = typeof CONFIG_KEYS[number];

const IDENTITIES = ['workload-identity', 'account-key'] as const;

/** The container when `containerName` is not set. */
export const DEFAULT_CONTAINER = 'artifacts';

export interface StackConfig {
  readonly location: string;
  readonly resourceGroupName: string;
  readonly storageAccountName: string;
  readonly containerName: string;
  readonly identity: AzureIdentity;
  readonly namespace: string;
  readonly workflowNamespaces: readonly string[];
  readonly artifactGC: boolean;
  readonly artifactRetentionDays?: number;
  readonly kubeconfig?: string;
}

const key = (k: string) => `${PROJECT}:${k}`;

function identityOf(kind: string | undefined, get: (k: ConfigKey) => string | undefined): AzureIdentity {
  switch (kind ?? 'workload-identity') {
    case 'workload-identity': return AzureIdentity.workloadIdentity({ oidcIssuerUrl: get('oidcIssuerUrl') }, key);
    case 'account-key': return AzureIdentity.accountKey();
    default: throw invalid(key('identity'), kind, `it must be one of ${IDENTITIES.map((i) => JSON.stringify(i)).join(', ')}`, 'use "workload-identity" (the default) or "account-key"');
  }
}

function required(get: (k: ConfigKey) => string | undefined, k: ConfigKey, why: string, example: string): string {
  const v = get(k);
  if (v === undefined) throw conflict(`${key(k)} is not set: ${why}`, `pulumi config set ${key(k)} ${example}`);
  return v;
}

/**
 * Checks the stack's configuration: `all` maps full keys (`argo-stack-azure:storageAccountName`,
 * `azure-native:location`) to the strings Pulumi stores.
 */
export function parseStackConfig(all: Readonly<Record<string, string>>): StackConfig {
  const c = configReader(PROJECT, CONFIG_KEYS, all);
  const get = c.get;
  const location = all['azure-native:location'];
  if (location === undefined) throw conflict('azure-native:location is not set: the storage account and the identities need a location', 'pulumi config set azure-native:location westeurope');
  const resourceGroupName = validateResourceGroupName(key('resourceGroupName'), required(get, 'resourceGroupName', 'the storage account and the identities go in that resource group', 'argo-rg'));
  const storageAccountName = validateStorageAccountName(key('storageAccountName'), required(get, 'storageAccountName', 'the stack creates a storage account of that name', 'myargoartifacts'));
  const containerName = validateContainerName(key('containerName'), get('containerName') ?? DEFAULT_CONTAINER);
  const identity = identityOf(get('identity'), get);
  const namespace = validateDnsLabel(key('namespace'), get('namespace') ?? 'argo');
  const workflowNamespaces = c.namespaces('workflowNamespaces', ['argo']);
  const retention = c.days('artifactRetentionDays');
  return {
    location: validateLocation('azure-native:location', location), resourceGroupName, storageAccountName, containerName, identity, namespace, workflowNamespaces,
    artifactGC: c.bool('artifactGC', false),
    ...(retention === undefined ? {} : { artifactRetentionDays: retention }),
    ...(get('kubeconfig') === undefined ? {} : { kubeconfig: get('kubeconfig') }),
  };
}

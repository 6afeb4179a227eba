/**
 * The stack's configuration: the keys of `argo-stack-azure` (and `azure-native:location`), read as
 * the strings Pulumi stores and checked with the project's messages before any resource exists.
 */
import { nearMiss } from '../../src/config/check';
import { conflict, invalid } from '../../src/config/errors';
import { validateDnsLabel } from '../../src/config/names';
import { AzureIdentity } from '../../src/cloud/azure/identity';
import {
  validateContainerName, validateDays, validateLocation, validateNamespaces, validateResourceGroupName, validateStorageAccountName,
} from '../../src/cloud/azure/validate';

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

function parseList(option: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw invalid(option, raw, 'it must be a JSON list of namespace names', `set it with: pulumi config set --path '${option}[0]' argo`);
  }
}

function parseBool(option: string, raw: string): boolean {
  if (raw !== 'true' && raw !== 'false') throw invalid(option, raw, 'it must be true or false', `pulumi config set ${option} true`);
  return raw === 'true';
}

function rejectUnknown(all: Readonly<Record<string, string>>): void {
  for (const k of Object.keys(all).filter((k) => k.startsWith(`${PROJECT}:`))) {
    const name = k.slice(PROJECT.length + 1);
    if ((CONFIG_KEYS as readonly string[]).includes(name)) continue;
    const close = nearMiss(name, CONFIG_KEYS);
    throw conflict(`${k} is not a key of this stack; the keys are ${CONFIG_KEYS.map(key).join(', ')}`, close ? `rename it to ${key(close)}` : `remove it: pulumi config rm ${k}`);
  }
}

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
  rejectUnknown(all);
  const get = (k: ConfigKey): string | undefined => all[key(k)];
  const location = all['azure-native:location'];
  if (location === undefined) throw conflict('azure-native:location is not set: the storage account and the identities need a location', 'pulumi config set azure-native:location westeurope');
  const resourceGroupName = validateResourceGroupName(key('resourceGroupName'), required(get, 'resourceGroupName', 'the storage account and the identities go in that resource group', 'argo-rg'));
  const storageAccountName = validateStorageAccountName(key('storageAccountName'), required(get, 'storageAccountName', 'the stack creates a storage account of that name', 'myargoartifacts'));
  const containerName = validateContainerName(key('containerName'), get('containerName') ?? DEFAULT_CONTAINER);
  const identity = identityOf(get('identity'), get);
  const namespace = validateDnsLabel(key('namespace'), get('namespace') ?? 'argo');
  const ns = get('workflowNamespaces');
  const workflowNamespaces = ns === undefined ? ['argo'] : validateNamespaces(key('workflowNamespaces'), parseList(key('workflowNamespaces'), ns));
  const gc = get('artifactGC');
  const days = get('artifactRetentionDays');
  return {
    location: validateLocation('azure-native:location', location), resourceGroupName, storageAccountName, containerName, identity, namespace, workflowNamespaces,
    artifactGC: gc === undefined ? false : parseBool(key('artifactGC'), gc),
    ...(days === undefined ? {} : { artifactRetentionDays: validateDays(key('artifactRetentionDays'), /^-?\d+$/.test(days.trim()) ? Number(days) : days) }),
    ...(get('kubeconfig') === undefined ? {} : { kubeconfig: get('kubeconfig') }),
  };
}

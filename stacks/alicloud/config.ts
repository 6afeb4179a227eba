/**
 * The stack's configuration: the keys of `argo-stack-alicloud` (and `alicloud:region`), read as the
 * strings Pulumi stores and checked with the project's messages before any resource exists.
 */
import { conflict, invalid } from '../../src/config/errors';
import { validateDnsLabel } from '../../src/config/names';
import { AlicloudIdentity } from '../../src/cloud/alicloud/identity';
import { validateBucketName, validateRegion } from '../../src/cloud/alicloud/validate';
import { configReader } from '../shared/config';

/** The project name, the namespace of its config keys. */
export const PROJECT = 'argo-stack-alicloud';

/** Every key of the stack (without the `argo-stack-alicloud:` namespace), in the order of the README's table. */
export const CONFIG_KEYS = [
  'bucketName', 'clusterId', 'oidcIssuerUrl', 'oidcProviderArn', 'identity', 'namespace', 'workflowNamespaces', 'artifactGC', 'artifactRetentionDays', 'kubeconfig',
] as const;

export type ConfigKey = typeof CONFIG_KEYS[number];

const IDENTITIES = ['rrsa', 'access-keys'] as const;

export interface StackConfig {
  readonly region: string;
  readonly bucketName: string;
  readonly identity: AlicloudIdentity;
  readonly namespace: string;
  readonly workflowNamespaces: readonly string[];
  readonly artifactGC: boolean;
  readonly artifactRetentionDays?: number;
  readonly kubeconfig?: string;
}

const key = (k: string) => `${PROJECT}:${k}`;

function identityOf(kind: string | undefined, get: (k: ConfigKey) => string | undefined): AlicloudIdentity {
  switch (kind ?? 'rrsa') {
    case 'rrsa': return AlicloudIdentity.rrsa({ clusterId: get('clusterId'), oidcIssuerUrl: get('oidcIssuerUrl'), oidcProviderArn: get('oidcProviderArn') }, key);
    case 'access-keys': return AlicloudIdentity.accessKeys();
    default: throw invalid(key('identity'), kind, `it must be one of ${IDENTITIES.map((i) => JSON.stringify(i)).join(', ')}`, 'use "rrsa" (the default) or "access-keys"');
  }
}

/**
 * Checks the stack's configuration: `all` maps full keys (`argo-stack-alicloud:bucketName`,
 * `alicloud:region`) to the strings Pulumi stores.
 */
export function parseStackConfig(all: Readonly<Record<string, string>>): StackConfig {
  const c = configReader(PROJECT, CONFIG_KEYS, all);
  const get = c.get;
  const region = all['alicloud:region'];
  if (region === undefined) throw conflict('alicloud:region is not set: the bucket and Argo\'s endpoint need the region', 'pulumi config set alicloud:region cn-hangzhou');
  validateRegion('alicloud:region', region);
  if (get('bucketName') === undefined) throw conflict(`${key('bucketName')} is not set: the stack creates a bucket of that name`, `pulumi config set ${key('bucketName')} my-argo-artifacts`);
  const bucketName = validateBucketName(key('bucketName'), get('bucketName'));
  const identity = identityOf(get('identity'), get);
  const namespace = validateDnsLabel(key('namespace'), get('namespace') ?? 'argo');
  const workflowNamespaces = c.namespaces('workflowNamespaces', ['argo']);
  const retention = c.days('artifactRetentionDays');
  return {
    region, bucketName, identity, namespace, workflowNamespaces,
    artifactGC: c.bool('artifactGC', false),
    ...(retention === undefined ? {} : { artifactRetentionDays: retention }),
    ...(get('kubeconfig') === undefined ? {} : { kubeconfig: get('kubeconfig') }),
  };
}

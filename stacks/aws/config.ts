/**
 * The stack's configuration: the keys of `argo-stack-aws` (and `aws:region`), read as the strings
 * Pulumi stores and checked with the project's messages before any resource exists.
 */
import { conflict, invalid } from '../../src/config/errors';
import { validateDnsLabel } from '../../src/config/names';
import { AwsIdentity } from '../../src/cloud/aws/identity';
import { validateBucketName, validateKmsKeyArn } from '../../src/cloud/aws/validate';
import { configReader } from '../shared/config';

/** The project name, the namespace of its config keys. */
export const PROJECT = 'argo-stack-aws';

/** Every key of the stack (without the `argo-stack-aws:` namespace), in the order of the README's table. */
export const CONFIG_KEYS = [
  'bucketName', 'identity', 'oidcIssuerUrl', 'oidcProviderArn', 'clusterName', 'namespace', 'workflowNamespaces', 'artifactGC', 'kmsKeyArn',
  'artifactRetentionDays', 'kubeconfig',
] as const;

export type ConfigKey = typeof CONFIG_KEYS[number];

const IDENTITIES = ['irsa', 'pod-identity', 'access-keys'] as const;

export interface StackConfig {
  readonly region: string;
  readonly bucketName: string;
  readonly identity: AwsIdentity;
  readonly namespace: string;
  readonly workflowNamespaces: readonly string[];
  readonly artifactGC: boolean;
  readonly kmsKeyArn?: string;
  readonly artifactRetentionDays?: number;
  readonly kubeconfig?: string;
}

const key = (k: string) => `${PROJECT}:${k}`;

function identityOf(kind: string | undefined, get: (k: ConfigKey) => string | undefined): AwsIdentity {
  const names = (f: string) => key(f);
  switch (kind ?? 'irsa') {
    case 'irsa': return AwsIdentity.irsa({ oidcIssuerUrl: get('oidcIssuerUrl'), oidcProviderArn: get('oidcProviderArn'), clusterName: get('clusterName') }, names);
    case 'pod-identity': return AwsIdentity.podIdentity({ clusterName: get('clusterName') }, names);
    case 'access-keys': return AwsIdentity.accessKeys();
    default: throw invalid(key('identity'), kind, `it must be one of ${IDENTITIES.map((i) => JSON.stringify(i)).join(', ')}`, 'use "irsa" (the default), "pod-identity" or "access-keys"');
  }
}

/**
 * Checks the stack's configuration: `all` maps full keys (`argo-stack-aws:bucketName`,
 * `aws:region`) to the strings Pulumi stores.
 */
export function parseStackConfig(all: Readonly<Record<string, string>>): StackConfig {
  const c = configReader(PROJECT, CONFIG_KEYS, all);
  const get = c.get;
  const region = all['aws:region'];
  if (region === undefined) throw conflict('aws:region is not set: the bucket and Argo need the region', 'pulumi config set aws:region eu-west-1');
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw invalid('aws:region', region, 'it must be an AWS region name', 'use a region like "eu-west-1"');
  if (get('bucketName') === undefined) throw conflict(`${key('bucketName')} is not set: the stack creates a bucket of that name`, `pulumi config set ${key('bucketName')} my-argo-artifacts`);
  const bucketName = validateBucketName(key('bucketName'), get('bucketName'));
  const identity = identityOf(get('identity'), get);
  const namespace = validateDnsLabel(key('namespace'), get('namespace') ?? 'argo');
  const workflowNamespaces = c.namespaces('workflowNamespaces', ['argo']);
  const kms = get('kmsKeyArn');
  const retention = c.days('artifactRetentionDays');
  return {
    region, bucketName, identity, namespace, workflowNamespaces,
    artifactGC: c.bool('artifactGC', false),
    ...(kms === undefined ? {} : { kmsKeyArn: validateKmsKeyArn(key('kmsKeyArn'), kms) }),
    ...(retention === undefined ? {} : { artifactRetentionDays: retention }),
    ...(get('kubeconfig') === undefined ? {} : { kubeconfig: get('kubeconfig') }),
  };
}

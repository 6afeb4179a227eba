/**
 * The stack's configuration: the keys of `argo-stack-gcp` (and `gcp:project`), read as the strings
 * Pulumi stores and checked with the project's messages before any resource exists.
 */
import { conflict, invalid } from '../../src/config/errors';
import { validateDnsLabel } from '../../src/config/names';
import { GcpIdentity } from '../../src/cloud/gcp/identity';
import { validateBucketName, validateKmsKeyName, validateLocation, validateProjectId } from '../../src/cloud/gcp/validate';
import { configReader } from '../shared/config';

/** The project name, the namespace of its config keys. */
export const PROJECT = 'argo-stack-gcp';

/** Every key of the stack (without the `argo-stack-gcp:` namespace), in the order of the README's table. */
export const CONFIG_KEYS = [
  'bucketName', 'location', 'identity', 'namespace', 'workflowNamespaces', 'artifactGC', 'kmsKeyName', 'artifactRetentionDays', 'kubeconfig',
] as const;

export type ConfigKey = typeof CONFIG_KEYS[number];

const IDENTITIES = ['workload-identity', 'hmac'] as const;

export interface StackConfig {
  readonly project: string;
  readonly bucketName: string;
  readonly location: string;
  readonly identity: GcpIdentity;
  readonly namespace: string;
  readonly workflowNamespaces: readonly string[];
  readonly artifactGC: boolean;
  readonly kmsKeyName?: string;
  readonly artifactRetentionDays?: number;
  readonly kubeconfig?: string;
}

export const key = (k: string): string => `${PROJECT}:${k}`;

function identityOf(kind: string | undefined): GcpIdentity {
  switch (kind ?? 'workload-identity') {
    case 'workload-identity': return GcpIdentity.workloadIdentity();
    case 'hmac': return GcpIdentity.hmac();
    default: throw invalid(key('identity'), kind, `it must be one of ${IDENTITIES.map((i) => JSON.stringify(i)).join(', ')}`, 'use "workload-identity" (the default) or "hmac"');
  }
}

/**
 * Checks the stack's configuration: `all` maps full keys (`argo-stack-gcp:bucketName`,
 * `gcp:project`) to the strings Pulumi stores.
 */
export function parseStackConfig(all: Readonly<Record<string, string>>): StackConfig {
  const c = configReader(PROJECT, CONFIG_KEYS, all);
  const get = c.get;
  const rawProject = all['gcp:project'];
  if (rawProject === undefined) throw conflict('gcp:project is not set: the bucket, the service accounts and the workload pool belong to a project', 'pulumi config set gcp:project my-project');
  const project = validateProjectId('gcp:project', rawProject);
  if (get('bucketName') === undefined) throw conflict(`${key('bucketName')} is not set: the stack creates a bucket of that name`, `pulumi config set ${key('bucketName')} my-argo-artifacts`);
  const bucketName = validateBucketName(key('bucketName'), get('bucketName'));
  const location = validateLocation(key('location'), get('location') ?? 'US');
  const identity = identityOf(get('identity'));
  const namespace = validateDnsLabel(key('namespace'), get('namespace') ?? 'argo');
  const workflowNamespaces = c.namespaces('workflowNamespaces', ['argo']);
  const kms = get('kmsKeyName');
  const retention = c.days('artifactRetentionDays');
  return {
    project, bucketName, location, identity, namespace, workflowNamespaces,
    artifactGC: c.bool('artifactGC', false),
    ...(kms === undefined ? {} : { kmsKeyName: validateKmsKeyName(key('kmsKeyName'), kms, location, key('location')) }),
    ...(retention === undefined ? {} : { artifactRetentionDays: retention }),
    ...(get('kubeconfig') === undefined ? {} : { kubeconfig: get('kubeconfig') }),
  };
}

/**
 * The stack's configuration: the keys of `argo-stack-gcp` (and `gcp:project`), read as the strings
 * Pulumi stores and checked with the project's messages before any resource exists.
 */
import { nearMiss } from '../../src/config/check';
import { conflict, invalid } from '../../src/config/errors';
import { validateDnsLabel } from '../../src/config/names';
import { GcpIdentity } from '../../src/cloud/gcp/identity';
import { validateBucketName, validateDays, validateKmsKeyName, validateLocation, validateNamespaces, validateProjectId } from '../../src/cloud/gcp/validate';

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

/** A value Pulumi stores as a string: a JSON list, or one name. */
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

function parseDays(option: string, raw: string): number {
  return validateDays(option, /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw);
}

/** Rejects keys of the project the stack does not know (typos), with a "did you mean". */
function rejectUnknown(all: Readonly<Record<string, string>>): void {
  for (const k of Object.keys(all).filter((k) => k.startsWith(`${PROJECT}:`))) {
    const name = k.slice(PROJECT.length + 1);
    if ((CONFIG_KEYS as readonly string[]).includes(name)) continue;
    const close = nearMiss(name, CONFIG_KEYS);
    throw conflict(`${k} is not a key of this stack; the keys are ${CONFIG_KEYS.map(key).join(', ')}`, close ? `rename it to ${key(close)}` : `remove it: pulumi config rm ${k}`);
  }
}

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
  rejectUnknown(all);
  const get = (k: ConfigKey): string | undefined => all[key(k)];
  const rawProject = all['gcp:project'];
  if (rawProject === undefined) throw conflict('gcp:project is not set: the bucket, the service accounts and the workload pool belong to a project', 'pulumi config set gcp:project my-project');
  const project = validateProjectId('gcp:project', rawProject);
  if (get('bucketName') === undefined) throw conflict(`${key('bucketName')} is not set: the stack creates a bucket of that name`, `pulumi config set ${key('bucketName')} my-argo-artifacts`);
  const bucketName = validateBucketName(key('bucketName'), get('bucketName'));
  const location = validateLocation(key('location'), get('location') ?? 'US');
  const identity = identityOf(get('identity'));
  const namespace = validateDnsLabel(key('namespace'), get('namespace') ?? 'argo');
  const ns = get('workflowNamespaces');
  const workflowNamespaces = ns === undefined ? ['argo'] : validateNamespaces(key('workflowNamespaces'), parseList(key('workflowNamespaces'), ns));
  const gc = get('artifactGC');
  const kms = get('kmsKeyName');
  const days = get('artifactRetentionDays');
  return {
    project, bucketName, location, identity, namespace, workflowNamespaces,
    artifactGC: gc === undefined ? false : parseBool(key('artifactGC'), gc),
    ...(kms === undefined ? {} : { kmsKeyName: validateKmsKeyName(key('kmsKeyName'), kms, location, key('location')) }),
    ...(days === undefined ? {} : { artifactRetentionDays: parseDays(key('artifactRetentionDays'), days) }),
    ...(get('kubeconfig') === undefined ? {} : { kubeconfig: get('kubeconfig') }),
  };
}

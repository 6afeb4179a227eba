/**
 * The stack's configuration: the keys of `argo-stack-alicloud` (and `alicloud:region`), read as the
 * strings Pulumi stores and checked with the project's messages before any resource exists.
 */
import { nearMiss } from '../../src/config/check';
import { conflict, invalid } from '../../src/config/errors';
import { validateDnsLabel } from '../../src/config/names';
import { AlicloudIdentity } from '../../src/cloud/alicloud/identity';
import { validateBucketName, validateDays, validateNamespaces, validateRegion } from '../../src/cloud/alicloud/validate';

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

/** A value Pulumi stores as a string: a JSON list. */
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
  rejectUnknown(all);
  const get = (k: ConfigKey): string | undefined => all[key(k)];
  const region = all['alicloud:region'];
  if (region === undefined) throw conflict('alicloud:region is not set: the bucket and Argo\'s endpoint need the region', 'pulumi config set alicloud:region cn-hangzhou');
  validateRegion('alicloud:region', region);
  if (get('bucketName') === undefined) throw conflict(`${key('bucketName')} is not set: the stack creates a bucket of that name`, `pulumi config set ${key('bucketName')} my-argo-artifacts`);
  const bucketName = validateBucketName(key('bucketName'), get('bucketName'));
  const identity = identityOf(get('identity'), get);
  const namespace = validateDnsLabel(key('namespace'), get('namespace') ?? 'argo');
  const ns = get('workflowNamespaces');
  const workflowNamespaces = ns === undefined ? ['argo'] : validateNamespaces(key('workflowNamespaces'), parseList(key('workflowNamespaces'), ns));
  const gc = get('artifactGC');
  const days = get('artifactRetentionDays');
  return {
    region, bucketName, identity, namespace, workflowNamespaces,
    artifactGC: gc === undefined ? false : parseBool(key('artifactGC'), gc),
    ...(days === undefined ? {} : { artifactRetentionDays: parseDays(key('artifactRetentionDays'), days) }),
    ...(get('kubeconfig') === undefined ? {} : { kubeconfig: get('kubeconfig') }),
  };
}

/**
 * RAM and OSS policy documents (`Version: "1"`) as pure functions of plain values: the permission
 * policy of a role (or of the RAM user), the RRSA trust policy, and the bucket's HTTPS-only policy.
 * Exact actions, no "*" action, object verbs on `bucket/*` and listing on the bucket only, delete
 * only for artifact GC.
 */
import { conflict } from '../../config/errors';
import type { BucketAccess } from '../../config/identity/subjects';
import { ossBucketResource, ossObjectsResource, RRSA_AUDIENCE } from './names';

export interface RamStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: readonly string[] | Readonly<Record<string, readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource?: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface RamPolicyDocument {
  readonly Version: '1';
  readonly Statement: readonly RamStatement[];
}

const VERSION = '1' as const;

/**
 * The permission policy for the given access (what Argo v4.1.2's OSS driver calls):
 * `oss:GetObject` to read, `oss:PutObject` and `oss:AbortMultipartUpload` to write (large artifacts
 * go up in parts), `oss:DeleteObject` only for artifact GC, all on `bucket/*`; `oss:ListObjects`
 * on the bucket, since the driver lists a key before it loads or deletes it.
 */
export function permissionPolicy(bucket: string, access: readonly BucketAccess[]): RamPolicyDocument {
  const has = (a: BucketAccess) => access.includes(a);
  const actions = [
    ...(has('write') ? ['oss:PutObject'] : []),
    ...(has('read') || has('write') ? ['oss:GetObject'] : []),
    ...(has('write') ? ['oss:AbortMultipartUpload'] : []),
    ...(has('delete') ? ['oss:DeleteObject'] : []),
  ];
  return {
    Version: VERSION,
    Statement: [
      ...(actions.length > 0 ? [{ Effect: 'Allow' as const, Action: actions, Resource: [ossObjectsResource(bucket)] }] : []),
      { Effect: 'Allow', Action: ['oss:ListObjects'], Resource: [ossBucketResource(bucket)] },
    ],
  };
}

/** Denies every request to the bucket and its objects that does not come over HTTPS (also the owner's: the principal is "*" with a condition). */
export function httpsOnlyBucketPolicy(bucket: string): RamPolicyDocument {
  return {
    Version: VERSION,
    Statement: [{
      Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Resource: [ossBucketResource(bucket), ossObjectsResource(bucket)],
      Condition: { Bool: { 'acs:SecureTransport': ['false'] } },
    }],
  };
}

/**
 * RRSA trust (as ack-ram-tool writes it, without the account-root statement the console adds):
 * `sts:AssumeRole` federated from the cluster's RAM OIDC provider, `StringEquals` on `oidc:iss`, on
 * `oidc:aud = sts.aliyuncs.com` and on the exact `oidc:sub` of each subject (never `StringLike`).
 */
export function rrsaTrustPolicy(providerArn: string, issuerUrl: string, subjects: readonly string[]): RamPolicyDocument {
  if (subjects.length === 0 || subjects.some((s) => /[*?]/.test(s))) {
    throw conflict(`an RRSA trust policy needs at least one exact subject, without "*" or "?"; got ${JSON.stringify(subjects)}`, 'pass the exact subjects of plan.serviceAccountSubjects');
  }
  return {
    Version: VERSION,
    Statement: [{
      Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Federated: [providerArn] },
      Condition: { StringEquals: { 'oidc:iss': issuerUrl, 'oidc:aud': RRSA_AUDIENCE, 'oidc:sub': [...subjects] } },
    }],
  };
}

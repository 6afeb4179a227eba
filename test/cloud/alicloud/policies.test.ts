import * as fc from 'fast-check';
import {
  AlicloudIdentity, AlicloudIdentityKind, httpsOnlyBucketPolicy, lifecycleRules, ossEndpoint, permissionPolicy, planAlicloudStorage, planRoles, ramName,
  rrsaTrustPolicy, subjectIdentities,
} from '../../../src/cloud/alicloud';
import type { ServiceAccountSubject } from '../../../src';

const B = 'my-argo-artifacts';
const PROVIDER = 'acs:ram::1234567890123456:oidc-provider/ack-rrsa-c0123456789abcdef0123456789abcdef';
const ISSUER = 'https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c0123456789abcdef0123456789abcdef';
const subjects = (gc: boolean): ServiceAccountSubject[] => [
  { namespace: 'argo', name: 'argo-server', component: 'server', access: ['read', 'write'] },
  ...['team-a', 'team-b'].flatMap((ns): ServiceAccountSubject[] => [
    { namespace: ns, name: 'argo-workflow', component: 'workflow', access: ['read', 'write'] },
    ...(gc ? [{ namespace: ns, name: 'argo-artifact-gc', component: 'artifact-gc' as const, access: ['read' as const, 'delete' as const] }] : []),
  ]),
];

describe('RAM permission policies (exact)', () => {
  test('writers: Put, Get and AbortMultipartUpload on bucket/*, ListObjects on the bucket, no delete', () => {
    expect(permissionPolicy(B, ['read', 'write'])).toEqual({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['oss:PutObject', 'oss:GetObject', 'oss:AbortMultipartUpload'], Resource: [`acs:oss:*:*:${B}/*`] },
        { Effect: 'Allow', Action: ['oss:ListObjects'], Resource: [`acs:oss:*:*:${B}`] },
      ],
    });
  });

  test('artifact GC: Get and DeleteObject on bucket/*, ListObjects on the bucket', () => {
    expect(permissionPolicy(B, ['read', 'delete'])).toEqual({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['oss:GetObject', 'oss:DeleteObject'], Resource: [`acs:oss:*:*:${B}/*`] },
        { Effect: 'Allow', Action: ['oss:ListObjects'], Resource: [`acs:oss:*:*:${B}`] },
      ],
    });
  });

  test('oss:DeleteObject appears in a role only with GC, never a wildcard action or a bucket-wide object grant elsewhere', () => {
    for (const gc of [false, true]) {
      const docs = planRoles(subjects(gc), 'argo').map((r) => [r.key, JSON.stringify(permissionPolicy(B, r.access))] as const);
      expect(docs.filter(([, d]) => d.includes('oss:DeleteObject')).map(([k]) => k)).toEqual(gc ? ['artifact-gc'] : []);
      for (const [, d] of docs) expect(d).not.toMatch(/"oss:\*"|"\*"/);
    }
  });

  test('HTTPS-only bucket policy: deny oss:* without SecureTransport on the bucket and its objects', () => {
    expect(httpsOnlyBucketPolicy(B)).toEqual({
      Version: '1',
      Statement: [{
        Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Resource: [`acs:oss:*:*:${B}`, `acs:oss:*:*:${B}/*`],
        Condition: { Bool: { 'acs:SecureTransport': ['false'] } },
      }],
    });
  });
});

describe('RRSA trust policy (exact)', () => {
  test('sts:AssumeRole from the provider, StringEquals on iss, aud and the exact subjects', () => {
    expect(rrsaTrustPolicy(PROVIDER, ISSUER, ['system:serviceaccount:team-a:argo-workflow', 'system:serviceaccount:team-b:argo-workflow'])).toEqual({
      Version: '1',
      Statement: [{
        Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Federated: [PROVIDER] },
        Condition: { StringEquals: {
          'oidc:iss': ISSUER, 'oidc:aud': 'sts.aliyuncs.com',
          'oidc:sub': ['system:serviceaccount:team-a:argo-workflow', 'system:serviceaccount:team-b:argo-workflow'],
        } },
      }],
    });
  });

  test('refuses no subject or a wildcard subject', () => {
    expect(() => rrsaTrustPolicy(PROVIDER, ISSUER, [])).toThrow('an RRSA trust policy needs at least one exact subject');
    expect(() => rrsaTrustPolicy(PROVIDER, ISSUER, ['system:serviceaccount:*:argo-workflow'])).toThrow('an RRSA trust policy needs at least one exact subject');
  });

  test('property: every subject of a role appears exactly, and no StringLike', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(label, label), { minLength: 1, maxLength: 6, selector: ([n, s]) => `${n}/${s}` }), (pairs) => {
      const ss: ServiceAccountSubject[] = pairs.map(([namespace, name]) => ({ namespace, name, component: 'workflow', access: ['read', 'write'] }));
      const [role] = planRoles(ss, 'argo');
      const doc = rrsaTrustPolicy(PROVIDER, ISSUER, role.subjects.map((s) => `system:serviceaccount:${s.namespace}:${s.name}`));
      expect(doc.Statement[0].Condition!.StringEquals['oidc:sub']).toEqual(pairs.map(([n, s]) => `system:serviceaccount:${n}:${s}`));
      expect(JSON.stringify(doc)).not.toContain('StringLike');
    }));
  });
});

describe('roles and names', () => {
  test('one role per component, named from the prefix; RRSA identities are prompt (role names)', () => {
    const roles = planRoles(subjects(true), 'argo');
    expect(roles.map((r) => [r.key, r.name, r.access, r.subjects.map((s) => `${s.namespace}/${s.name}`)])).toEqual([
      ['server', 'argo-server', ['read', 'write'], ['argo/argo-server']],
      ['workflow', 'argo-workflow', ['read', 'write'], ['team-a/argo-workflow', 'team-b/argo-workflow']],
      ['artifact-gc', 'argo-artifact-gc', ['read', 'delete'], ['team-a/argo-artifact-gc', 'team-b/argo-artifact-gc']],
    ]);
    const ids = subjectIdentities(AlicloudIdentity.rrsa({ clusterId: 'c0123456789abcdef0123456789abcdef' }), roles);
    expect(ids.map((i) => i.workloadIdentity?.describe())).toEqual([
      'WorkloadIdentity.alibabaRrsa("argo-server")', 'WorkloadIdentity.alibabaRrsa("argo-workflow")', 'WorkloadIdentity.alibabaRrsa("argo-workflow")',
      'WorkloadIdentity.alibabaRrsa("argo-artifact-gc")', 'WorkloadIdentity.alibabaRrsa("argo-artifact-gc")',
    ]);
    expect(subjectIdentities(AlicloudIdentity.accessKeys(), roles).every((i) => i.workloadIdentity === undefined)).toBe(true);
  });

  test('long RAM names stay within 64 characters, deterministic and distinct', () => {
    const prefix = 'a'.repeat(60);
    const a = ramName(prefix, 'workflow');
    const b = ramName(prefix, 'artifact-gc');
    expect(a).toHaveLength(64);
    expect(a).toMatch(/^a+-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(ramName(prefix, 'workflow')).toBe(a);
    expect(ramName('argo', 'server')).toBe('argo-server');
  });

  test('endpoints are https, internal when asked', () => {
    expect(ossEndpoint('cn-hangzhou')).toBe('https://oss-cn-hangzhou.aliyuncs.com');
    expect(ossEndpoint('cn-hangzhou', true)).toBe('https://oss-cn-hangzhou-internal.aliyuncs.com');
  });

  test('lifecycle: artifact expiry, noncurrent versions, uploads/ after 7 days, multipart aborted', () => {
    expect(lifecycleRules({ artifactRetentionDays: 30, noncurrentVersionExpirationDays: 5 })).toEqual([
      { id: 'expire-artifacts', enabled: true, prefix: '', expirations: [{ days: 30 }] },
      { id: 'expire-noncurrent-versions', enabled: true, prefix: '', noncurrentVersionExpirations: [{ days: 5 }], expirations: [{ expiredObjectDeleteMarker: true }] },
      { id: 'expire-uploads', enabled: true, prefix: 'uploads/', expirations: [{ days: 7 }] },
      { id: 'abort-incomplete-multipart-uploads', enabled: true, prefix: '', abortMultipartUploads: [{ days: 7 }] },
    ]);
    expect(lifecycleRules({}).map((r) => r.id)).toEqual(['expire-uploads', 'abort-incomplete-multipart-uploads']);
  });
});

describe('component arguments (exact messages)', () => {
  const ok = { bucketName: B, region: 'cn-hangzhou', identity: AlicloudIdentity.accessKeys(), subjects: [] };
  test.each<[string, Record<string, unknown>, string]>([
    ['unknown key', { bucketNme: 'x' }, 'args.bucketNme is not an option argo-stack knows; allowed here: bucketName, region, identity, subjects, internalEndpoint, keyFormat, artifactRetentionDays, noncurrentVersionExpirationDays, namePrefix, protect, retainOnDelete, tags. Fix: rename it to "bucketName"'],
    ['bucket with upper case', { bucketName: 'My_Bucket' }, 'args.bucketName "My_Bucket" is invalid: an OSS bucket name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "my-bucket"'],
    ['bucket with a dot', { bucketName: 'my.bucket' }, 'args.bucketName "my.bucket" is invalid: an OSS bucket name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "my-bucket"'],
    ['bucket too short', { bucketName: 'ab' }, 'args.bucketName "ab" is invalid: an OSS bucket name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit.'],
    ['bucket ending with -', { bucketName: 'argo-' }, 'args.bucketName "argo-" is invalid: an OSS bucket name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit.'],
    ['region', { region: 'Hangzhou' }, 'args.region "Hangzhou" is invalid: it must be an Alibaba Cloud region id like "cn-hangzhou" or "eu-central-1". Fix: use the region id of the cluster, e.g. "cn-hangzhou"'],
    ['not an identity', { identity: 'rrsa' }, 'args.identity "rrsa" is invalid: it must be an AlicloudIdentity made by one of its factories. Fix: use AlicloudIdentity.rrsa({ clusterId }) or AlicloudIdentity.accessKeys()'],
    ['retention 0', { artifactRetentionDays: 0 }, 'args.artifactRetentionDays 0 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts'],
    ['retention fraction', { artifactRetentionDays: 1.5 }, 'args.artifactRetentionDays 1.5 is invalid: it must be a whole number of days from 1 to 36500.'],
    ['name prefix', { namePrefix: 'argo_x' }, 'args.namePrefix "argo_x" is invalid: it must be 1-63 letters, digits and "-", starting with a letter or digit (RAM role and policy names). Fix: use a short prefix like "argo"'],
    ['tags', { tags: { 'acs:x': 'y' } }, 'args.tags {"acs:x":"y"} is invalid'],
    ['internalEndpoint', { internalEndpoint: 'yes' }, 'args.internalEndpoint "yes" is invalid'],
    ['wildcard subject', { subjects: [{ namespace: 'team-*', name: 'argo-workflow', component: 'workflow', access: ['read'] }] },
      'args.subjects[0].namespace "team-*" is invalid: a wildcard in a trust subject lets any matching service account assume the role. Fix: name one service account exactly'],
  ])('%s', (_n, over, message) => {
    expect(() => planAlicloudStorage({ ...ok, ...over } as never)).toThrow(message);
  });

  test('the repository: oss, https endpoint, useSDKCreds with RRSA, the AccessKey Secret otherwise', () => {
    const rrsa = planAlicloudStorage({ ...ok, identity: AlicloudIdentity.rrsa({ clusterId: 'c0123456789abcdef0123456789abcdef' }), internalEndpoint: true });
    expect(rrsa.artifactRepository.spec.oss).toEqual({
      endpoint: 'https://oss-cn-hangzhou-internal.aliyuncs.com', bucket: B, useSDKCreds: true, keyFormat: '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}',
    });
    expect(rrsa.identity.kind).toBe(AlicloudIdentityKind.RRSA);
    expect(planAlicloudStorage(ok).artifactRepository.spec.oss).toEqual({
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', bucket: B, keyFormat: '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}',
      accessKeySecret: { name: 'argo-artifacts-oss', key: 'accessKey' }, secretKeySecret: { name: 'argo-artifacts-oss', key: 'secretKey' },
    });
  });
});

describe('AlicloudIdentity.rrsa (exact messages)', () => {
  const C = 'c0123456789abcdef0123456789abcdef';
  test.each<[string, Record<string, string>, string]>([
    ['no cluster id and no provider', { oidcIssuerUrl: ISSUER }, 'RRSA needs the cluster\'s RAM OIDC provider, but neither rrsa.clusterId nor rrsa.oidcProviderArn is set. Fix: set rrsa.clusterId to look the provider and issuer up, or set rrsa.oidcProviderArn and rrsa.oidcIssuerUrl'],
    ['provider without issuer', { oidcProviderArn: PROVIDER }, 'RRSA needs the cluster\'s OIDC issuer for the oidc:iss condition, but rrsa.oidcProviderArn is set without rrsa.oidcIssuerUrl or rrsa.clusterId. Fix: set rrsa.oidcIssuerUrl, or set rrsa.clusterId to look it up'],
    ['issuer not a URL', { clusterId: C, oidcIssuerUrl: 'oidc-ack-cn-hangzhou' }, 'rrsa.oidcIssuerUrl "oidc-ack-cn-hangzhou" is invalid: it must be an https:// URL with a host and an optional path, without a trailing "/", query or fragment.'],
    ['issuer over http', { clusterId: C, oidcIssuerUrl: 'http://oidc.example.com/x' }, 'rrsa.oidcIssuerUrl "http://oidc.example.com/x" is invalid: it must be an https:// URL'],
    ['bad cluster id', { clusterId: 'my-cluster' }, 'rrsa.clusterId "my-cluster" is invalid: it must be an ACK cluster id: "c" followed by 10-40 lower-case letters and digits.'],
    ['provider ARN of another kind', { clusterId: C, oidcProviderArn: 'acs:ram::123:role/argo' }, 'rrsa.oidcProviderArn "acs:ram::123:role/argo" is invalid: it must be a RAM OIDC provider ARN "acs:ram::<account id>:oidc-provider/<provider name>".'],
    ['provider of another cluster', { clusterId: 'cfffffffffffffffffffffffffffffff0', oidcProviderArn: PROVIDER },
      `rrsa.oidcProviderArn names the provider "ack-rrsa-${C}" but rrsa.clusterId is "cfffffffffffffffffffffffffffffff0": the trust policy would name another cluster's tokens.`],
  ])('%s', (_n, options, message) => {
    expect(() => AlicloudIdentity.rrsa(options)).toThrow(message);
  });

  test('accepted shapes', () => {
    expect(AlicloudIdentity.rrsa({ clusterId: C })).toMatchObject({ kind: 'rrsa', clusterId: C });
    expect(AlicloudIdentity.rrsa({ oidcProviderArn: PROVIDER, oidcIssuerUrl: ISSUER })).toMatchObject({ oidcProviderArn: PROVIDER, oidcIssuerUrl: ISSUER });
  });
});

import * as pulumi from '@pulumi/pulumi';
import type { ServiceAccountSubject } from '../../../src';

const created: pulumi.runtime.MockResourceArgs[] = [];
const ACCOUNT = '1234567890123456';
const CLUSTER = 'c0123456789abcdef0123456789abcdef';
const PROVIDER = `acs:ram::${ACCOUNT}:oidc-provider/ack-rrsa-${CLUSTER}`;
const ISSUER = `https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/${CLUSTER}`;
beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (a) => {
      created.push(a);
      const state: Record<string, unknown> = { ...a.inputs };
      if (a.type === 'alicloud:ram/role:Role') state.arn = `acs:ram::${ACCOUNT}:role/${a.inputs.roleName}`;
      if (a.type === 'alicloud:ram/accessKey:AccessKey') state.secret = 'mock-secret';
      return { id: `${a.name}-id`, state };
    },
    call: (a) => {
      if (a.token === 'alicloud:cs/getManagedKubernetesClusters:getManagedKubernetesClusters') {
        return { ids: [CLUSTER], clusters: [{ id: CLUSTER, rrsaConfig: { enabled: true, ramOidcProviderArn: PROVIDER, ramOidcProviderName: `ack-rrsa-${CLUSTER}`, rrsaOidcIssuerUrl: ISSUER } }] };
      }
      return a.inputs;
    },
  }, 'argo-stack-alicloud', 'test', false);
});

const SUBJECTS: ServiceAccountSubject[] = [
  { namespace: 'argo', name: 'argo-server', component: 'server', access: ['read', 'write'] },
  { namespace: 'team-a', name: 'argo-workflow', component: 'workflow', access: ['read', 'write'] },
  { namespace: 'team-a', name: 'argo-artifact-gc', component: 'artifact-gc', access: ['read', 'delete'] },
];
const settle = <T>(o: pulumi.Output<T>) => new Promise<T>((r) => o.apply(r));

async function build(name: string, identity: unknown, extra: Record<string, unknown> = {}) {
  const { AlicloudArtifactStorage } = await import('../../../src/cloud/alicloud');
  const before = created.length;
  const c = new AlicloudArtifactStorage(name, { bucketName: `${name}-artifacts`, region: 'cn-hangzhou', identity: identity as never, subjects: SUBJECTS, ...extra });
  await settle(c.roleArns);
  await settle(c.bucketName);
  await new Promise((r) => setTimeout(r, 50));
  const mine = created.slice(before);
  return { c, mine, of: (type: string) => mine.filter((r) => r.type === type) };
}

function commonBucketChecks(of: (t: string) => pulumi.runtime.MockResourceArgs[], bucket: string) {
  const [b] = of('alicloud:oss/bucket:Bucket');
  expect(b.inputs).toMatchObject({ bucket, forceDestroy: false, storageClass: 'Standard', serverSideEncryptionRule: { sseAlgorithm: 'AES256' } });
  expect(b.inputs.acl).toBeUndefined();
  expect(of('alicloud:oss/bucketAcl:BucketAcl').map((r) => r.inputs)).toEqual([{ bucket, acl: 'private' }]);
  expect(of('alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock').map((r) => r.inputs)).toEqual([{ bucket, blockPublicAccess: true }]);
  const policy = JSON.parse(of('alicloud:oss/bucketPolicy:BucketPolicy')[0].inputs.policy);
  expect(policy.Statement).toEqual([{
    Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Resource: [`acs:oss:*:*:${bucket}`, `acs:oss:*:*:${bucket}/*`], Condition: { Bool: { 'acs:SecureTransport': ['false'] } },
  }]);
}

describe('AlicloudArtifactStorage under mocks', () => {
  test('RRSA from the cluster id: private, encrypted, HTTPS-only bucket; roles trusted by exact sub, iss and aud; delete only for GC', async () => {
    const { AlicloudIdentity } = await import('../../../src/cloud/alicloud');
    const { c, of } = await build('rrsa', AlicloudIdentity.rrsa({ clusterId: CLUSTER }), { artifactRetentionDays: 30 });
    commonBucketChecks(of, 'rrsa-artifacts');
    const [bucket] = of('alicloud:oss/bucket:Bucket');
    expect(bucket.inputs.versioning).toBeUndefined();
    expect(bucket.inputs.lifecycleRules.map((r: { id: string }) => r.id)).toEqual(['expire-artifacts', 'expire-uploads', 'abort-incomplete-multipart-uploads']);
    const roles = of('alicloud:ram/role:Role');
    expect(roles.map((r) => r.inputs.roleName)).toEqual(['rrsa-artifacts-server', 'rrsa-artifacts-workflow', 'rrsa-artifacts-artifact-gc']);
    const subs = roles.map((r) => {
      const doc = JSON.parse(r.inputs.assumeRolePolicyDocument);
      expect(r.inputs.assumeRolePolicyDocument).not.toContain('StringLike');
      expect(doc.Statement).toHaveLength(1);
      expect(doc.Statement[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Federated: [PROVIDER] } });
      expect(doc.Statement[0].Condition.StringEquals).toMatchObject({ 'oidc:iss': ISSUER, 'oidc:aud': 'sts.aliyuncs.com' });
      return doc.Statement[0].Condition.StringEquals['oidc:sub'];
    });
    expect(subs).toEqual([['system:serviceaccount:argo:argo-server'], ['system:serviceaccount:team-a:argo-workflow'], ['system:serviceaccount:team-a:argo-artifact-gc']]);
    const policies = of('alicloud:ram/policy:Policy');
    expect(policies.map((p) => p.inputs.policyName)).toEqual(['rrsa-artifacts-server', 'rrsa-artifacts-workflow', 'rrsa-artifacts-artifact-gc']);
    expect(policies.filter((p) => p.inputs.policyDocument.includes('oss:DeleteObject')).map((p) => p.inputs.policyName)).toEqual(['rrsa-artifacts-artifact-gc']);
    for (const p of policies) expect(JSON.parse(p.inputs.policyDocument).Statement.flatMap((s: { Resource: string[] }) => s.Resource)).toEqual(expect.arrayContaining(['acs:oss:*:*:rrsa-artifacts']));
    expect(of('alicloud:ram/rolePolicyAttachment:RolePolicyAttachment').map((a) => a.inputs)).toEqual(['server', 'workflow', 'artifact-gc'].map((k) => ({
      roleName: `rrsa-artifacts-${k}`, policyName: `rrsa-artifacts-${k}`, policyType: 'Custom',
    })));
    expect(of('alicloud:ram/user:User')).toEqual([]);
    expect(c.identities.map((i) => i.workloadIdentity?.describe())).toEqual([
      'WorkloadIdentity.alibabaRrsa("rrsa-artifacts-server")', 'WorkloadIdentity.alibabaRrsa("rrsa-artifacts-workflow")', 'WorkloadIdentity.alibabaRrsa("rrsa-artifacts-artifact-gc")',
    ]);
    expect(await settle(c.roleArns)).toEqual({
      server: `acs:ram::${ACCOUNT}:role/rrsa-artifacts-server`, workflow: `acs:ram::${ACCOUNT}:role/rrsa-artifacts-workflow`, 'artifact-gc': `acs:ram::${ACCOUNT}:role/rrsa-artifacts-artifact-gc`,
    });
    expect(c.artifactRepository.spec.oss).toMatchObject({ bucket: 'rrsa-artifacts', endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', useSDKCreds: true });
  });

  test('RRSA with a given provider and issuer: no look-up; versioning with noncurrent expiry', async () => {
    const { AlicloudIdentity } = await import('../../../src/cloud/alicloud');
    const other = 'acs:ram::1234567890123456:oidc-provider/my-provider';
    const { of } = await build('given', AlicloudIdentity.rrsa({ oidcProviderArn: other, oidcIssuerUrl: 'https://issuer.example.com/x' }), { noncurrentVersionExpirationDays: 3 });
    const [bucket] = of('alicloud:oss/bucket:Bucket');
    expect(bucket.inputs.versioning).toEqual({ status: 'Enabled' });
    expect(bucket.inputs.lifecycleRules.map((r: { id: string }) => r.id)).toContain('expire-noncurrent-versions');
    for (const r of of('alicloud:ram/role:Role')) {
      const doc = JSON.parse(r.inputs.assumeRolePolicyDocument);
      expect(doc.Statement[0].Principal).toEqual({ Federated: [other] });
      expect(doc.Statement[0].Condition.StringEquals['oidc:iss']).toBe('https://issuer.example.com/x');
    }
  });

  test('access keys: a RAM user with the merged policy, its AccessKey as secret outputs, no role', async () => {
    const { AlicloudIdentity } = await import('../../../src/cloud/alicloud');
    const { c, of } = await build('keys', AlicloudIdentity.accessKeys());
    commonBucketChecks(of, 'keys-artifacts');
    expect(of('alicloud:ram/role:Role')).toEqual([]);
    expect(of('alicloud:ram/user:User').map((u) => u.inputs.name)).toEqual(['keys-artifacts-user']);
    const [policy] = of('alicloud:ram/policy:Policy');
    expect(JSON.parse(policy.inputs.policyDocument).Statement[0].Action).toEqual(['oss:PutObject', 'oss:GetObject', 'oss:AbortMultipartUpload', 'oss:DeleteObject']);
    expect(of('alicloud:ram/userPolicyAttachment:UserPolicyAttachment').map((a) => a.inputs)).toEqual([{ userName: 'keys-artifacts-user', policyName: 'keys-artifacts-user', policyType: 'Custom' }]);
    expect(await pulumi.isSecret(c.accessKeySecret!)).toBe(true);
    expect(await pulumi.isSecret(c.accessKeyId!)).toBe(true);
    expect(c.identities.every((i) => i.workloadIdentity === undefined)).toBe(true);
  });

  test('bad arguments throw before any resource is registered', async () => {
    const { AlicloudArtifactStorage, AlicloudIdentity } = await import('../../../src/cloud/alicloud');
    const before = created.length;
    expect(() => new AlicloudArtifactStorage('bad', { bucketName: 'Bad_Bucket', region: 'cn-hangzhou', identity: AlicloudIdentity.accessKeys(), subjects: SUBJECTS })).toThrow('args.bucketName "Bad_Bucket" is invalid');
    await new Promise((r) => setTimeout(r, 20));
    expect(created.length).toBe(before);
  });
});

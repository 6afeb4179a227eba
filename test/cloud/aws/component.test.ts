import * as pulumi from '@pulumi/pulumi';
import type { ServiceAccountSubject } from '../../../src';

const created: pulumi.runtime.MockResourceArgs[] = [];
const ACCOUNT = '111122223333';
const ISSUER = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';
beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (a) => {
      created.push(a);
      const state: Record<string, unknown> = { ...a.inputs };
      if (a.type === 'aws:s3/bucket:Bucket') state.arn = `arn:aws:s3:::${a.inputs.bucket}`;
      if (a.type === 'aws:iam/role:Role') state.arn = `arn:aws:iam::${ACCOUNT}:role/${a.inputs.name}`;
      if (a.type === 'aws:iam/accessKey:AccessKey') state.secret = 'mock-secret';
      return { id: `${a.name}-id`, state };
    },
    call: (a) => {
      if (a.token === 'aws:index/getCallerIdentity:getCallerIdentity') return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/x`, userId: 'x', id: ACCOUNT };
      if (a.token === 'aws:index/getPartition:getPartition') return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
      if (a.token === 'aws:eks/getCluster:getCluster') return { identities: [{ oidcs: [{ issuer: `https://${ISSUER}` }] }] };
      return a.inputs;
    },
  }, 'argo-stack-aws', 'test', false);
});

const SUBJECTS: ServiceAccountSubject[] = [
  { namespace: 'argo', name: 'argo-server', component: 'server', access: ['read', 'write'] },
  { namespace: 'team-a', name: 'argo-workflow', component: 'workflow', access: ['read', 'write'] },
  { namespace: 'team-a', name: 'argo-artifact-gc', component: 'artifact-gc', access: ['read', 'delete'] },
];
const settle = <T>(o: pulumi.Output<T>) => new Promise<T>((r) => o.apply(r));

async function build(name: string, identity: unknown, extra: Record<string, unknown> = {}) {
  const { ArgoWorkflowsStorage } = await import('../../../src/cloud/aws');
  const before = created.length;
  const c = new ArgoWorkflowsStorage(name, { bucketName: `${name}-artifacts`, region: 'eu-west-1', identity: identity as never, subjects: SUBJECTS, ...extra });
  await settle(c.identities);
  await settle(c.roleArns);
  await new Promise((r) => setTimeout(r, 50));
  const mine = created.slice(before);
  return { c, mine, of: (type: string) => mine.filter((r) => r.type === type) };
}

function commonBucketChecks(of: (t: string) => pulumi.runtime.MockResourceArgs[], bucket: string) {
  expect(of('aws:s3/bucket:Bucket').map((r) => r.inputs)).toEqual([{ bucket, forceDestroy: false, region: 'eu-west-1', tags: {} }]);
  expect(of('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock')[0].inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  expect(of('aws:s3/bucketOwnershipControls:BucketOwnershipControls')[0].inputs.rule).toEqual({ objectOwnership: 'BucketOwnerEnforced' });
  const policy = JSON.parse(of('aws:s3/bucketPolicy:BucketPolicy')[0].inputs.policy);
  expect(policy.Statement[0]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] });
  expect(of('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration')).toHaveLength(1);
}

describe('ArgoWorkflowsStorage under mocks', () => {
  test('IRSA: bucket private, encrypted, TLS-only; roles trusted by exact sub and aud; delete only for GC', async () => {
    const { AwsIdentity } = await import('../../../src/cloud/aws');
    const { c, of } = await build('irsa', AwsIdentity.irsa({ clusterName: 'prod' }), { artifactRetentionDays: 30 });
    commonBucketChecks(of, 'irsa-artifacts');
    expect(of('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration')[0].inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }]);
    expect(of('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration')[0].inputs.rules.map((r: { id: string }) => r.id)).toEqual(['expire-artifacts', 'expire-uploads', 'abort-incomplete-multipart-uploads']);
    const roles = of('aws:iam/role:Role');
    expect(roles.map((r) => r.inputs.name)).toEqual(['irsa-artifacts-server', 'irsa-artifacts-workflow-team-a', 'irsa-artifacts-artifact-gc-team-a']);
    for (const r of roles) {
      const trust = JSON.stringify(r.inputs.assumeRolePolicy);
      expect(trust).not.toContain('StringLike');
      const doc = JSON.parse(r.inputs.assumeRolePolicy);
      expect(doc.Statement[0].Principal).toEqual({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}` });
      expect(doc.Statement[0].Condition.StringEquals[`${ISSUER}:aud`]).toBe('sts.amazonaws.com');
      expect(doc.Statement[0].Condition.StringEquals[`${ISSUER}:sub`].join()).not.toMatch(/[*?]/);
    }
    const policies = of('aws:iam/rolePolicy:RolePolicy').map((p) => p.inputs.policy as string);
    expect(policies.filter((p) => p.includes('s3:DeleteObject'))).toHaveLength(1);
    expect(policies.join()).not.toMatch(/"\*"/);
    expect((await settle(c.identities)).map((i) => i.workloadIdentity?.describe())).toEqual([
      `WorkloadIdentity.awsIrsa("arn:aws:iam::${ACCOUNT}:role/irsa-artifacts-server")`,
      `WorkloadIdentity.awsIrsa("arn:aws:iam::${ACCOUNT}:role/irsa-artifacts-workflow-team-a")`,
      `WorkloadIdentity.awsIrsa("arn:aws:iam::${ACCOUNT}:role/irsa-artifacts-artifact-gc-team-a")`,
    ]);
    expect(c.artifactRepository.spec.s3).toMatchObject({ bucket: 'irsa-artifacts', region: 'eu-west-1', useSDKCreds: true, endpoint: 's3.eu-west-1.amazonaws.com' });
  });

  test('Pod Identity: pods.eks.amazonaws.com trust, one association per service account, KMS with a bucket key, versioning', async () => {
    const { AwsIdentity } = await import('../../../src/cloud/aws');
    const kms = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { of } = await build('podid', AwsIdentity.podIdentity({ clusterName: 'prod' }), { kmsKeyArn: kms, noncurrentVersionExpirationDays: 7 });
    commonBucketChecks(of, 'podid-artifacts');
    expect(of('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration')[0].inputs.rules)
      .toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: kms }, bucketKeyEnabled: true }]);
    expect(of('aws:s3/bucketVersioning:BucketVersioning')[0].inputs.versioningConfiguration).toEqual({ status: 'Enabled' });
    for (const r of of('aws:iam/role:Role')) expect(JSON.parse(r.inputs.assumeRolePolicy).Statement[0]).toMatchObject({ Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] });
    expect(of('aws:eks/podIdentityAssociation:PodIdentityAssociation').map((a) => [a.inputs.clusterName, a.inputs.namespace, a.inputs.serviceAccount, a.inputs.roleArn])).toEqual([
      ['prod', 'argo', 'argo-server', `arn:aws:iam::${ACCOUNT}:role/podid-artifacts-server`],
      ['prod', 'team-a', 'argo-workflow', `arn:aws:iam::${ACCOUNT}:role/podid-artifacts-workflow-team-a`],
      ['prod', 'team-a', 'argo-artifact-gc', `arn:aws:iam::${ACCOUNT}:role/podid-artifacts-artifact-gc-team-a`],
    ]);
  });

  test('access keys: one user with the merged policy, no roles, the secret kept secret, the repository reading the Secret', async () => {
    const { AwsIdentity } = await import('../../../src/cloud/aws');
    const { c, of } = await build('keys', AwsIdentity.accessKeys());
    expect(of('aws:iam/role:Role')).toEqual([]);
    expect(of('aws:iam/user:User').map((u) => u.inputs.name)).toEqual(['keys-artifacts-artifacts']);
    expect(of('aws:iam/userPolicy:UserPolicy')[0].inputs.policy).toContain('s3:DeleteObject');
    expect(await pulumi.isSecret(c.secretAccessKey!)).toBe(true);
    expect(c.artifactRepository.spec.s3).toMatchObject({ accessKeySecret: { name: 'argo-artifacts-s3', key: 'accessKey' }, secretKeySecret: { name: 'argo-artifacts-s3', key: 'secretKey' } });
  });
});

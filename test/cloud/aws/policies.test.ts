import { runSimulation } from '@cloud-copilot/iam-simulate';
import { irsaTrustPolicy, permissionPolicy, planRoles, podIdentityTrustPolicy, tlsOnlyBucketPolicy, type PolicyDocument } from '../../../src/cloud/aws';
import type { ServiceAccountSubject } from '../../../src';

const ACCOUNT = '111122223333';
const B = 'my-argo-artifacts';
const subjects = (gc: boolean): ServiceAccountSubject[] => [
  { namespace: 'argo', name: 'argo-server', component: 'server', access: ['read', 'write'] },
  ...['team-a', 'team-b'].flatMap((ns): ServiceAccountSubject[] => [
    { namespace: ns, name: 'argo-workflow', component: 'workflow', access: ['read', 'write'] },
    ...(gc ? [{ namespace: ns, name: 'argo-artifact-gc', component: 'artifact-gc' as const, access: ['read' as const, 'delete' as const] }] : []),
  ]),
];
const roles = (gc: boolean, keyFormat?: string) => planRoles(subjects(gc), keyFormat ?? '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}', 'argo');
const policyOf = (key: string, gc = true, extra: { region?: string; kmsKeyArn?: string; keyFormat?: string } = { region: 'eu-west-1' }) =>
  permissionPolicy({ partition: 'aws', bucket: B, grants: roles(gc, extra.keyFormat).find((r) => r.key === key)!.grants, ...extra });

describe('permission policies (exact)', () => {
  test('namespaced key format: each workflow role reaches its own prefix and its uploads', () => {
    expect(policyOf('workflow-team-a')).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'GetArtifacts', Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${B}/team-a/*`, `arn:aws:s3:::${B}/uploads/team-a/*`] },
        { Sid: 'PutArtifacts', Effect: 'Allow', Action: 's3:PutObject', Resource: [`arn:aws:s3:::${B}/team-a/*`] },
        { Sid: 'ListArtifacts', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${B}`, Condition: { StringLike: { 's3:prefix': ['team-a/*', 'uploads/team-a/*'] } } },
      ],
    });
  });

  test('argo-server reads every namespace and writes only the UI uploads', () => {
    expect(policyOf('server').Statement).toEqual([
      { Sid: 'GetArtifacts', Effect: 'Allow', Action: 's3:GetObject', Resource: ['team-a/*', 'team-b/*', 'uploads/team-a/*', 'uploads/team-b/*'].map((p) => `arn:aws:s3:::${B}/${p}`) },
      { Sid: 'PutArtifacts', Effect: 'Allow', Action: 's3:PutObject', Resource: [`arn:aws:s3:::${B}/uploads/team-a/*`, `arn:aws:s3:::${B}/uploads/team-b/*`] },
      { Sid: 'ListArtifacts', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${B}`, Condition: { StringLike: { 's3:prefix': ['team-a/*', 'team-b/*', 'uploads/team-a/*', 'uploads/team-b/*'] } } },
    ]);
  });

  test('artifact GC lists and deletes; without GC no role may delete', () => {
    expect(policyOf('artifact-gc-team-b').Statement).toEqual([
      { Sid: 'DeleteArtifacts', Effect: 'Allow', Action: 's3:DeleteObject', Resource: [`arn:aws:s3:::${B}/team-b/*`] },
      { Sid: 'ListArtifacts', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${B}`, Condition: { StringLike: { 's3:prefix': ['team-b/*'] } } },
    ]);
    expect(roles(false).map((r) => r.key)).toEqual(['server', 'workflow-team-a', 'workflow-team-b']);
    expect(JSON.stringify(roles(false).map((r) => permissionPolicy({ partition: 'aws', bucket: B, grants: r.grants })))).not.toContain('Delete');
  });

  test('a key format without the namespace: one role per access level on bucket/*; GetBucketLocation only without a region; KMS only with a key', () => {
    const kms = 'arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(roles(true, '{{workflow.name}}/{{pod.name}}').map((r) => r.key)).toEqual(['server', 'workflow', 'artifact-gc']);
    const grants = roles(true, '{{workflow.name}}/{{pod.name}}')[1].grants;
    expect(permissionPolicy({ partition: 'aws-cn', bucket: B, grants, kmsKeyArn: kms })).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'GetArtifacts', Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws-cn:s3:::${B}/*`] },
        { Sid: 'PutArtifacts', Effect: 'Allow', Action: 's3:PutObject', Resource: [`arn:aws-cn:s3:::${B}/*`] },
        { Sid: 'ListArtifacts', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws-cn:s3:::${B}` },
        { Sid: 'BucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: `arn:aws-cn:s3:::${B}` },
        { Sid: 'ArtifactKey', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: kms },
      ],
    });
    // GC neither reads nor writes: no key use.
    expect(JSON.stringify(permissionPolicy({ partition: 'aws', bucket: B, grants: roles(true, '{{workflow.name}}')[2].grants, kmsKeyArn: kms, region: 'x' }))).not.toContain('kms:');
  });

  test('no "*" action or resource, no s3:* in any permission policy', () => {
    for (const gc of [true, false]) {
      for (const r of roles(gc)) {
        const doc = permissionPolicy({ partition: 'aws', bucket: B, grants: r.grants });
        for (const s of doc.Statement) {
          expect([s.Action].flat()).not.toContain('*');
          expect([s.Action].flat().some((a) => a.endsWith(':*'))).toBe(false);
          expect([s.Resource].flat()).not.toContain('*');
          expect([s.Resource].flat().every((x) => x!.startsWith(`arn:aws:s3:::${B}`))).toBe(true);
        }
      }
    }
  });
});

describe('trust and bucket policies (exact)', () => {
  test('IRSA: exact sub per subject and aud, StringEquals only', () => {
    expect(irsaTrustPolicy(`arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC`, 'oidc.eks.eu-west-1.amazonaws.com/id/ABC', ['system:serviceaccount:team-a:argo-workflow'])).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'ServiceAccounts', Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': ['system:serviceaccount:team-a:argo-workflow'], 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' } },
      }],
    });
  });

  test('Pod Identity: pods.eks.amazonaws.com, AssumeRole and TagSession, pinned by session tags', () => {
    expect(podIdentityTrustPolicy('prod', [{ namespace: 'team-a', name: 'argo-workflow' }])).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'PodIdentity', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { StringEquals: { 'aws:RequestTag/eks-cluster-name': 'prod', 'aws:RequestTag/kubernetes-namespace': ['team-a'], 'aws:RequestTag/kubernetes-service-account': ['argo-workflow'] } },
      }],
    });
  });

  test('TLS only, on the bucket and its objects', () => {
    expect(tlsOnlyBucketPolicy('aws-us-gov', B)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws-us-gov:s3:::${B}`, `arn:aws-us-gov:s3:::${B}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
  });
});

describe('evaluated with @cloud-copilot/iam-simulate', () => {
  async function decide(policy: PolicyDocument, action: string, resource: string, context: Record<string, string | string[]> = {}, resourcePolicy: PolicyDocument = tlsOnlyBucketPolicy('aws', B)): Promise<string> {
    const r = await runSimulation({
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:role/argo-x`, action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: { 'aws:SecureTransport': 'true', ...context },
      },
      identityPolicies: [{ name: 'argo', policy: policy as unknown as Record<string, unknown> }],
      resourcePolicy: action.startsWith('s3:') ? resourcePolicy as unknown as Record<string, unknown> : undefined,
      serviceControlPolicies: [], resourceControlPolicies: [],
    } as never, {});
    if (r.resultType === 'error') throw new Error(JSON.stringify(r.errors));
    return (r as unknown as { overallResult: string }).overallResult;
  }
  const obj = (key: string, bucket = B) => `arn:aws:s3:::${bucket}/${key}`;
  const bucket = `arn:aws:s3:::${B}`;

  test('every call Argo makes is allowed for the right role on the right keys', async () => {
    const wf = policyOf('workflow-team-a');
    expect(await decide(wf, 's3:PutObject', obj('team-a/wf-1/pod-1/out.tgz'))).toBe('Allowed');
    expect(await decide(wf, 's3:GetObject', obj('team-a/wf-1/pod-1/out.tgz'))).toBe('Allowed');
    expect(await decide(wf, 's3:GetObject', obj('uploads/team-a/0f0e/input.zip'))).toBe('Allowed');
    expect(await decide(wf, 's3:ListBucket', bucket, { 's3:prefix': 'team-a/wf-1/pod-1/out.tgz' })).toBe('Allowed');
    const server = policyOf('server');
    expect(await decide(server, 's3:GetObject', obj('team-b/wf-2/pod-2/main.log'))).toBe('Allowed');
    expect(await decide(server, 's3:PutObject', obj('uploads/team-b/1234/file.zip'))).toBe('Allowed');
    const gc = policyOf('artifact-gc-team-a');
    expect(await decide(gc, 's3:DeleteObject', obj('team-a/wf-1/pod-1/out.tgz'))).toBe('Allowed');
    expect(await decide(gc, 's3:ListBucket', bucket, { 's3:prefix': 'team-a/wf-1/pod-1/' })).toBe('Allowed');
  });

  test('other buckets, other tenants, delete without GC, IAM actions and plain HTTP are denied', async () => {
    const wf = policyOf('workflow-team-a');
    expect(await decide(wf, 's3:GetObject', obj('team-a/wf-1/out.tgz', 'someone-elses-bucket'))).toBe('ImplicitlyDenied');
    expect(await decide(wf, 's3:GetObject', obj('team-b/wf-2/pod-2/out.tgz'))).toBe('ImplicitlyDenied');
    expect(await decide(wf, 's3:PutObject', obj('team-b/wf-2/pod-2/out.tgz'))).toBe('ImplicitlyDenied');
    expect(await decide(wf, 's3:ListBucket', bucket, { 's3:prefix': 'team-b/' })).toBe('ImplicitlyDenied');
    expect(await decide(wf, 's3:PutObject', obj('uploads/team-a/x/y.zip'))).toBe('ImplicitlyDenied');
    expect(await decide(wf, 's3:DeleteObject', obj('team-a/wf-1/pod-1/out.tgz'))).toBe('ImplicitlyDenied');
    expect(await decide(policyOf('server'), 's3:PutObject', obj('team-a/wf-1/pod-1/out.tgz'))).toBe('ImplicitlyDenied');
    expect(await decide(policyOf('server'), 's3:DeleteObject', obj('uploads/team-a/x/y.zip'))).toBe('ImplicitlyDenied');
    expect(await decide(policyOf('artifact-gc-team-a'), 's3:DeleteObject', obj('team-b/wf/pod/out.tgz'))).toBe('ImplicitlyDenied');
    expect(await decide(policyOf('artifact-gc-team-a'), 's3:GetObject', obj('team-a/wf/pod/out.tgz'))).toBe('ImplicitlyDenied');
    expect(await decide(wf, 's3:DeleteBucket', bucket)).toBe('ImplicitlyDenied');
    expect(await decide(wf, 'iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/admin`)).toBe('ImplicitlyDenied');
    expect(await decide(wf, 'iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/admin`)).toBe('ImplicitlyDenied');
    expect(await decide(wf, 's3:PutObject', obj('team-a/wf-1/pod-1/out.tgz'), { 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
  });
});

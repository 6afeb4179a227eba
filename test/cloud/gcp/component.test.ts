/**
 * `ArgoWorkflowsStorage` of `argo-stack/gcp` under `setMocks`: the exact inputs of every registered
 * resource for each identity mode. Bucket private and never force-destroyed; storage roles on the
 * bucket only; `workloadIdentityUser` on each Google service account for exactly its subjects; the
 * HMAC key's values are secrets.
 */
import * as pulumi from '@pulumi/pulumi';
import type { ServiceAccountSubject } from '../../../src';

const created: pulumi.runtime.MockResourceArgs[] = [];
const PROJECT = 'my-project';
beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (a) => {
      created.push(a);
      const state: Record<string, unknown> = { ...a.inputs };
      if (a.type === 'gcp:serviceaccount/account:Account') {
        state.email = `${a.inputs.accountId}@${a.inputs.project}.iam.gserviceaccount.com`;
        state.name = `projects/${a.inputs.project}/serviceAccounts/${state.email}`;
      }
      if (a.type === 'gcp:storage/bucket:Bucket') state.url = `gs://${a.inputs.name}`;
      if (a.type === 'gcp:storage/hmacKey:HmacKey') Object.assign(state, { accessId: 'GOOG1EMOCKACCESSID', secret: 'mock-secret' });
      return { id: `${a.name}-id`, state };
    },
    call: (a) => (a.token === 'gcp:storage/getProjectServiceAccount:getProjectServiceAccount'
      ? { emailAddress: 'service-123@gs-project-accounts.iam.gserviceaccount.com', id: 'x', project: PROJECT } : a.inputs),
  }, 'argo-stack-gcp', 'test', false);
});

const SUBJECTS: ServiceAccountSubject[] = [
  { namespace: 'argo', name: 'argo-server', component: 'server', access: ['read', 'write'] },
  { namespace: 'team-a', name: 'argo-workflow', component: 'workflow', access: ['read', 'write'] },
  { namespace: 'team-a', name: 'argo-artifact-gc', component: 'artifact-gc', access: ['read', 'delete'] },
];
const settle = <T>(o: pulumi.Output<T>) => new Promise<T>((r) => o.apply(r));

async function build(name: string, hmac: boolean, extra: Record<string, unknown> = {}) {
  const { ArgoWorkflowsStorage, GcpIdentity } = await import('../../../src/cloud/gcp');
  const before = created.length;
  const c = new ArgoWorkflowsStorage(name, {
    project: PROJECT, bucketName: `${name}-artifacts`, identity: hmac ? GcpIdentity.hmac() : GcpIdentity.workloadIdentity(), subjects: SUBJECTS, namePrefix: name, ...extra,
  });
  await settle(c.serviceAccountEmails);
  await settle(c.bucketName);
  await new Promise((r) => setTimeout(r, 50));
  const mine = created.slice(before);
  return { c, of: (type: string) => mine.filter((r) => r.type === type), types: [...new Set(mine.map((r) => r.type))].sort() };
}

describe('ArgoWorkflowsStorage (GCP) under mocks', () => {
  test('Workload Identity: private bucket, bucket-scoped roles, workloadIdentityUser for exactly the subjects', async () => {
    const { c, of, types } = await build('argo-wi', false, { artifactRetentionDays: 30 });
    expect(types).toEqual(['argo-stack:gcp:ArgoWorkflowsStorage', 'gcp:serviceaccount/account:Account', 'gcp:serviceaccount/iAMMember:IAMMember', 'gcp:storage/bucket:Bucket', 'gcp:storage/bucketIAMMember:BucketIAMMember']);
    expect(of('gcp:storage/bucket:Bucket').map((r) => r.inputs)).toEqual([{
      name: 'argo-wi-artifacts', project: PROJECT, location: 'US', uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced', forceDestroy: false, labels: {},
      lifecycleRules: [
        { action: { type: 'Delete' }, condition: { age: 30 } },
        { action: { type: 'Delete' }, condition: { age: 7, matchesPrefixes: ['uploads/'] } },
        { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } },
      ],
    }]);
    expect(of('gcp:serviceaccount/account:Account').map((r) => [r.inputs.accountId, r.inputs.project])).toEqual([['argo-wi-writer', PROJECT], ['argo-wi-reader', PROJECT]]);
    const writer = 'argo-wi-writer@my-project.iam.gserviceaccount.com';
    const reader = 'argo-wi-reader@my-project.iam.gserviceaccount.com';
    expect(of('gcp:storage/bucketIAMMember:BucketIAMMember').map((r) => r.inputs)).toEqual([
      { bucket: 'argo-wi-artifacts', role: 'roles/storage.objectUser', member: `serviceAccount:${writer}` },
      { bucket: 'argo-wi-artifacts', role: 'roles/storage.objectViewer', member: `serviceAccount:${reader}` },
      {
        bucket: 'argo-wi-artifacts', role: 'roles/storage.objectUser', member: `serviceAccount:${reader}`,
        condition: { title: 'only uploads/', expression: 'resource.name.startsWith("projects/_/buckets/argo-wi-artifacts/objects/uploads/")' },
      },
    ]);
    expect(of('gcp:serviceaccount/iAMMember:IAMMember').map((r) => r.inputs)).toEqual([
      { serviceAccountId: `projects/${PROJECT}/serviceAccounts/${writer}`, role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:my-project.svc.id.goog[team-a/argo-workflow]' },
      { serviceAccountId: `projects/${PROJECT}/serviceAccounts/${writer}`, role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:my-project.svc.id.goog[team-a/argo-artifact-gc]' },
      { serviceAccountId: `projects/${PROJECT}/serviceAccounts/${reader}`, role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:my-project.svc.id.goog[argo/argo-server]' },
    ]);
    // Nothing is granted on the project.
    expect(created.some((r) => /projectIamMember|projectIamBinding|projectIamPolicy/i.test(r.type))).toBe(false);
    expect(await settle(c.serviceAccountEmails)).toEqual({ writer, reader });
    expect(c.identities.map((i) => [i.subject.name, i.workloadIdentity?.describe()])).toEqual([
      ['argo-workflow', `WorkloadIdentity.gke("${writer}")`], ['argo-artifact-gc', `WorkloadIdentity.gke("${writer}")`], ['argo-server', `WorkloadIdentity.gke("${reader}")`],
    ]);
    expect(c.artifactRepository.spec.gcs).toEqual({ bucket: 'argo-wi-artifacts', keyFormat: '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}' });
  });

  test('CMEK: the bucket uses the key, and the Cloud Storage service agent gets encrypter/decrypter on that key only', async () => {
    const key = 'projects/kms-project/locations/us/keyRings/argo/cryptoKeys/artifacts';
    const { of } = await build('argo-kms', false, { kmsKeyName: key });
    expect(of('gcp:storage/bucket:Bucket')[0].inputs.encryption).toEqual({ defaultKmsKeyName: key });
    expect(of('gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember').map((r) => r.inputs)).toEqual([{
      cryptoKeyId: key, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: 'serviceAccount:service-123@gs-project-accounts.iam.gserviceaccount.com',
    }]);
  });

  test('HMAC: a dedicated service account with objectUser on the bucket, its key as secret outputs, no Workload Identity', async () => {
    const { c, of } = await build('argo-hmac', true);
    const email = 'argo-hmac-hmac@my-project.iam.gserviceaccount.com';
    expect(of('gcp:serviceaccount/account:Account').map((r) => r.inputs.accountId)).toEqual(['argo-hmac-hmac']);
    expect(of('gcp:storage/bucketIAMMember:BucketIAMMember').map((r) => r.inputs)).toEqual([{ bucket: 'argo-hmac-artifacts', role: 'roles/storage.objectUser', member: `serviceAccount:${email}` }]);
    expect(of('gcp:serviceaccount/iAMMember:IAMMember')).toEqual([]);
    expect(of('gcp:storage/hmacKey:HmacKey').map((r) => r.inputs)).toEqual([{ project: PROJECT, serviceAccountEmail: email }]);
    expect(await pulumi.isSecret(c.hmacAccessId!)).toBe(true);
    expect(await pulumi.isSecret(c.hmacSecret!)).toBe(true);
    expect(c.identities.every((i) => i.workloadIdentity === undefined)).toBe(true);
    expect(c.artifactRepository.spec.s3).toMatchObject({ endpoint: 'storage.googleapis.com', insecure: false, bucket: 'argo-hmac-artifacts' });
  });

  test('bad input throws before any resource is registered', async () => {
    const { ArgoWorkflowsStorage, GcpIdentity } = await import('../../../src/cloud/gcp');
    const before = created.length;
    expect(() => new ArgoWorkflowsStorage('bad', { project: PROJECT, bucketName: 'goog-artifacts', identity: GcpIdentity.workloadIdentity(), subjects: SUBJECTS }))
      .toThrow('args.bucketName "goog-artifacts" is invalid: a GCS bucket name must not start with "goog". Fix: choose a name that does not start with "goog"');
    await new Promise((r) => setTimeout(r, 20));
    expect(created.length).toBe(before);
  });
});

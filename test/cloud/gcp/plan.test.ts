/**
 * The pure GCP side: names checked before any resource, one Google service account per access
 * level with exactly its subjects, roles on the bucket only, and the repository each mechanism needs.
 */
import {
  bucketArgs, GcpIdentity, lifecycleRules, OBJECT_USER_ROLE, OBJECT_VIEWER_ROLE, planStorage, subjectIdentities, validateKmsKeyName, validateServiceAccountId, workloadIdentityMember,
} from '../../../src/cloud/gcp';
import type { ServiceAccountSubject } from '../../../src';

const SUBJECTS: ServiceAccountSubject[] = [
  { namespace: 'argo', name: 'argo-server', component: 'server', access: ['read', 'write'] },
  { namespace: 'team-a', name: 'argo-workflow', component: 'workflow', access: ['read', 'write'] },
  { namespace: 'team-a', name: 'argo-artifact-gc', component: 'artifact-gc', access: ['read', 'delete'] },
];
const OK = { project: 'my-project', bucketName: 'my-argo-artifacts', identity: GcpIdentity.workloadIdentity(), subjects: SUBJECTS };
const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('planStorage: Workload Identity', () => {
  const plan = planStorage(OK);

  test('a writer and a reader service account, each impersonated by exactly its subjects', () => {
    expect(plan.serviceAccounts).toEqual([
      { key: 'writer', accountId: 'argo-workflows-writer', email: 'argo-workflows-writer@my-project.iam.gserviceaccount.com', grants: [{ role: OBJECT_USER_ROLE }], subjects: [SUBJECTS[1], SUBJECTS[2]] },
      {
        key: 'reader', accountId: 'argo-workflows-reader', email: 'argo-workflows-reader@my-project.iam.gserviceaccount.com',
        grants: [{ role: OBJECT_VIEWER_ROLE }, { role: OBJECT_USER_ROLE, prefix: 'uploads/' }], subjects: [SUBJECTS[0]],
      },
    ]);
    expect(workloadIdentityMember('my-project', 'team-a', 'argo-workflow')).toBe('serviceAccount:my-project.svc.id.goog[team-a/argo-workflow]');
  });

  test('a read-only server gets objectViewer only', () => {
    const p = planStorage({ ...OK, subjects: [{ ...SUBJECTS[0], access: ['read'] }] });
    expect(p.serviceAccounts.map((a) => [a.key, a.grants])).toEqual([['reader', [{ role: OBJECT_VIEWER_ROLE }]]]);
  });

  test('each subject gets WorkloadIdentity.gke(email) of its account, known before deploy', () => {
    const ids = subjectIdentities(plan.identity, plan.serviceAccounts, SUBJECTS);
    expect(ids.map((i) => [i.subject.name, i.workloadIdentity?.serviceAccountAnnotations])).toEqual([
      ['argo-workflow', { 'iam.gke.io/gcp-service-account': 'argo-workflows-writer@my-project.iam.gserviceaccount.com' }],
      ['argo-artifact-gc', { 'iam.gke.io/gcp-service-account': 'argo-workflows-writer@my-project.iam.gserviceaccount.com' }],
      ['argo-server', { 'iam.gke.io/gcp-service-account': 'argo-workflows-reader@my-project.iam.gserviceaccount.com' }],
    ]);
  });

  test('repository gcs without a key secret', () => {
    expect(plan.artifactRepository.spec).toEqual({ gcs: { bucket: 'my-argo-artifacts', keyFormat: '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}' } });
  });

  test('bucket: uniform access, public access prevention enforced, never force-destroyed, lifecycle, CMEK when asked', () => {
    const p = planStorage({ ...OK, location: 'europe-west1', artifactRetentionDays: 30, kmsKeyName: 'projects/kms-project/locations/europe-west1/keyRings/argo/cryptoKeys/artifacts' });
    expect(bucketArgs(p)).toEqual({
      name: 'my-argo-artifacts', project: 'my-project', location: 'europe-west1', uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced', forceDestroy: false,
      labels: {}, encryption: { defaultKmsKeyName: 'projects/kms-project/locations/europe-west1/keyRings/argo/cryptoKeys/artifacts' },
      lifecycleRules: [
        { action: { type: 'Delete' }, condition: { age: 30 } },
        { action: { type: 'Delete' }, condition: { age: 7, matchesPrefixes: ['uploads/'] } },
        { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } },
      ],
    });
    expect(lifecycleRules({})).toHaveLength(2);
    expect([p.protect, p.retainOnDelete]).toEqual([true, true]);
  });
});

describe('planStorage: HMAC', () => {
  test('one dedicated service account with objectUser on the bucket; repository s3 on storage.googleapis.com over TLS with the Secret', () => {
    const p = planStorage({ ...OK, identity: GcpIdentity.hmac(), location: 'EU' });
    expect(p.serviceAccounts).toEqual([{ key: 'hmac', accountId: 'argo-workflows-hmac', email: 'argo-workflows-hmac@my-project.iam.gserviceaccount.com', grants: [{ role: OBJECT_USER_ROLE }], subjects: [] }]);
    expect(p.artifactRepository.spec.s3).toMatchObject({
      bucket: 'my-argo-artifacts', endpoint: 'storage.googleapis.com', region: 'eu', insecure: false,
      accessKeySecret: { name: 'argo-artifacts-hmac', key: 'accessKey' }, secretKeySecret: { name: 'argo-artifacts-hmac', key: 'secretKey' },
    });
    expect(subjectIdentities(p.identity, p.serviceAccounts, SUBJECTS).every((i) => i.workloadIdentity === undefined)).toBe(true);
  });
});

describe('planStorage: bad input, exact messages', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['project id', { project: 'My Project' }, 'args.project "My Project" is invalid: it must be a project id: 6-30 lower-case letters, digits and "-", starting with a letter and not ending with "-". Fix: give the project id (not its name or number), e.g. "my-project"'],
    ['bucket with google', { bucketName: 'my-google-bucket' }, 'args.bucketName "my-google-bucket" is invalid: a GCS bucket name must not contain "google" or a close misspelling such as "g00gle". Fix: choose a name without "google"'],
    ['bucket with a dot', { bucketName: 'argo.example.com' }, 'args.bucketName "argo.example.com" is invalid: a bucket name with "." needs a verified domain. Fix: use "argo-example-com"'],
    ['bucket with "_" over HMAC', { bucketName: 'argo_artifacts', identity: GcpIdentity.hmac() }, 'args.bucketName "argo_artifacts" contains "_", which Argo\'s S3 client rejects, and args.identity is HMAC (the S3 interoperability API). Fix: use "argo-artifacts", or Workload Identity'],
    ['location', { location: 'Frankfurt!' }, 'args.location "Frankfurt!" is invalid: it must be a Cloud Storage location: a multi-region (US, EU, ASIA), a dual-region (NAM4, EUR4, ...) or a region (europe-west1). Fix: use "US" (the default) or a region like "europe-west1"'],
    ['identity', { identity: 'hmac' }, 'args.identity "hmac" is invalid: it must be a GcpIdentity made by one of its factories. Fix: use GcpIdentity.workloadIdentity() or GcpIdentity.hmac()'],
    ['KMS key of the wrong shape', { kmsKeyName: 'argo-key' }, 'args.kmsKeyName "argo-key" is invalid: it must be a Cloud KMS key name "projects/<project>/locations/<location>/keyRings/<key ring>/cryptoKeys/<key>". Fix: copy the key\'s resource name (gcloud kms keys describe KEY --keyring RING --location LOCATION --format "value(name)"), e.g. "projects/my-project/locations/us/keyRings/argo/cryptoKeys/artifacts"'],
    ['KMS key version', { kmsKeyName: 'projects/p-123456/locations/us/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1' }, 'args.kmsKeyName "projects/p-123456/locations/us/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1" is invalid: it must name the key, not a key version: the bucket encrypts new objects with the key\'s primary version. Fix: copy the key\'s resource name (gcloud kms keys describe KEY --keyring RING --location LOCATION --format "value(name)"), e.g. "projects/my-project/locations/us/keyRings/argo/cryptoKeys/artifacts"'],
    ['KMS key in another location', { kmsKeyName: 'projects/p-123456/locations/europe-west1/keyRings/r/cryptoKeys/k' }, 'args.kmsKeyName is in location "europe-west1" but args.location is "US": Cloud Storage only uses a key in the bucket\'s own location. Fix: use a key ring in "us", or set args.location to "europe-west1"'],
    ['retention 0', { artifactRetentionDays: 0 }, 'args.artifactRetentionDays 0 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts'],
    ['name prefix too long', { namePrefix: 'argo-workflows-production-x' }, 'args.namePrefix "argo-workflows-production-x" is invalid: it must be 4-23 lower-case letters, digits and "-", starting with a letter (service account ids are 6-30 characters). Fix: use a short prefix like "argo-wf"'],
    ['unknown key', { bucketNme: 'x' }, 'args.bucketNme is not an option argo-stack knows; allowed here: project, bucketName, location, identity, subjects, keyFormat, kmsKeyName, artifactRetentionDays, namePrefix, protect, retainOnDelete, labels. Fix: rename it to "bucketName"'],
    ['wildcard subject', { subjects: [{ namespace: 'team-*', name: 'argo-workflow', component: 'workflow', access: ['read'] }] }, 'args.subjects[0].namespace "team-*" is invalid: a wildcard in a trust subject lets any matching service account assume the role. Fix: name one service account exactly'],
    ['labels', { labels: { Team: 'x' } }, 'args.labels {"Team":"x"} is invalid: it must map at most 64 label keys (1-63 lower-case letters, digits, "_" and "-", starting with a letter) to values of at most 63 of the same. Fix: give labels like { team: "data" }'],
  ])('%s', (_name, over, expected) => {
    const m = message(() => planStorage({ ...OK, ...over } as never));
    expect(m).toBe(expected);
  });

  test('service account ids: 6-30 characters', () => {
    expect(message(() => validateServiceAccountId('id', 'argo'))).toBe('id "argo" is invalid: a Google service account id is 6-30 lower-case letters, digits and "-", starting with a letter and not ending with "-". Fix: use a shorter name prefix, e.g. "argo-wf"');
    expect(message(() => validateServiceAccountId('id', 'a'.repeat(31)))).toContain('is invalid: a Google service account id is 6-30');
    expect(validateServiceAccountId('id', 'argo-workflows-writer')).toBe('argo-workflows-writer');
  });

  test('a KMS key in the lower-case form of a multi-region matches it', () => {
    expect(validateKmsKeyName('k', 'projects/p-123456/locations/us/keyRings/r/cryptoKeys/k', 'US', 'l')).toBe('projects/p-123456/locations/us/keyRings/r/cryptoKeys/k');
  });
});

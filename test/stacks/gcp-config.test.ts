import { parseStackConfig } from '../../stacks/gcp/config';
import { GcpIdentityKind } from '../../src/cloud/gcp';
import { ValidationError } from '../../src';

const BASE = { 'gcp:project': 'my-project', 'argo-stack-gcp:bucketName': 'my-argo-artifacts' };
const parse = (over: Record<string, string | null>) =>
  parseStackConfig(Object.fromEntries(Object.entries({ ...BASE, ...over }).filter(([, v]) => v !== null)) as Record<string, string>);

describe('GCP stack config: every bad input has its exact message, before any resource', () => {
  test.each<[string, Record<string, string | null>, string]>([
    ['no project', { 'gcp:project': null },
      'gcp:project is not set: the bucket, the service accounts and the workload pool belong to a project. Fix: pulumi config set gcp:project my-project'],
    ['project id that is a number', { 'gcp:project': '123456789012' },
      'gcp:project "123456789012" is invalid: it must be a project id: 6-30 lower-case letters, digits and "-", starting with a letter and not ending with "-". Fix: give the project id (not its name or number), e.g. "my-project"'],
    ['no bucket name', { 'argo-stack-gcp:bucketName': null },
      'argo-stack-gcp:bucketName is not set: the stack creates a bucket of that name. Fix: pulumi config set argo-stack-gcp:bucketName my-argo-artifacts'],
    ['bucket name breaking GCS rules', { 'argo-stack-gcp:bucketName': 'My-Bucket' },
      'argo-stack-gcp:bucketName "My-Bucket" is invalid: a GCS bucket name is 3-63 characters of lower-case letters, digits, "-" and "_", starting and ending with a letter or digit (a name with "." may have 222 characters, at most 63 between dots, and needs a verified domain). Fix: use a name like "my-bucket"'],
    ['bucket name starting with goog', { 'argo-stack-gcp:bucketName': 'goog-artifacts' },
      'argo-stack-gcp:bucketName "goog-artifacts" is invalid: a GCS bucket name must not start with "goog". Fix: choose a name that does not start with "goog"'],
    ['bucket name with a misspelled google', { 'argo-stack-gcp:bucketName': 'argo-g00gle-artifacts' },
      'argo-stack-gcp:bucketName "argo-g00gle-artifacts" is invalid: a GCS bucket name must not contain "google" or a close misspelling such as "g00gle". Fix: choose a name without "google"'],
    ['bucket name with a dot', { 'argo-stack-gcp:bucketName': 'argo.artifacts' },
      'argo-stack-gcp:bucketName "argo.artifacts" is invalid: a bucket name with "." needs a verified domain. Fix: use "argo-artifacts"'],
    ['location', { 'argo-stack-gcp:location': 'us central' },
      'argo-stack-gcp:location "us central" is invalid: it must be a Cloud Storage location: a multi-region (US, EU, ASIA), a dual-region (NAM4, EUR4, ...) or a region (europe-west1). Fix: use "US" (the default) or a region like "europe-west1"'],
    ['unknown identity', { 'argo-stack-gcp:identity': 'json-key' },
      'argo-stack-gcp:identity "json-key" is invalid: it must be one of "workload-identity", "hmac". Fix: use "workload-identity" (the default) or "hmac"'],
    ['KMS key of the wrong shape', { 'argo-stack-gcp:kmsKeyName': 'projects/my-project/keyRings/argo/cryptoKeys/artifacts' },
      'argo-stack-gcp:kmsKeyName "projects/my-project/keyRings/argo/cryptoKeys/artifacts" is invalid: it must be a Cloud KMS key name "projects/<project>/locations/<location>/keyRings/<key ring>/cryptoKeys/<key>". Fix: copy the key\'s resource name (gcloud kms keys describe KEY --keyring RING --location LOCATION --format "value(name)"), e.g. "projects/my-project/locations/us/keyRings/argo/cryptoKeys/artifacts"'],
    ['KMS key outside the bucket location', { 'argo-stack-gcp:location': 'EU', 'argo-stack-gcp:kmsKeyName': 'projects/my-project/locations/us/keyRings/argo/cryptoKeys/artifacts' },
      'argo-stack-gcp:kmsKeyName is in location "us" but argo-stack-gcp:location is "EU": Cloud Storage only uses a key in the bucket\'s own location. Fix: use a key ring in "eu", or set argo-stack-gcp:location to "us"'],
    ['retention 0', { 'argo-stack-gcp:artifactRetentionDays': '0' },
      'argo-stack-gcp:artifactRetentionDays 0 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts'],
    ['retention negative', { 'argo-stack-gcp:artifactRetentionDays': '-1' },
      'argo-stack-gcp:artifactRetentionDays -1 is invalid: it must be a whole number of days from 1 to 36500. Fix: give a number of days like 30, or omit it to keep artifacts'],
    ['workflow namespace invalid', { 'argo-stack-gcp:workflowNamespaces': '["team-a","team_b"]' },
      'argo-stack-gcp:workflowNamespaces[1] "team_b" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "team-b"'],
    ['workflow namespace duplicated', { 'argo-stack-gcp:workflowNamespaces': '["team-a","team-a"]' },
      'argo-stack-gcp:workflowNamespaces[1] "team-a" is invalid: each workflow namespace may be listed once. Fix: remove the second "team-a"'],
    ['workflow namespace with a wildcard', { 'argo-stack-gcp:workflowNamespaces': '["team-*"]' },
      'argo-stack-gcp:workflowNamespaces[0] "team-*" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "team"'],
    ['install namespace invalid', { 'argo-stack-gcp:namespace': 'Argo' },
      'argo-stack-gcp:namespace "Argo" is invalid: it must be an RFC 1123 label: 1-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit. Fix: use a name like "argo"'],
    ['artifactGC not a boolean', { 'argo-stack-gcp:artifactGC': 'on' },
      'argo-stack-gcp:artifactGC "on" is invalid: it must be true or false. Fix: pulumi config set argo-stack-gcp:artifactGC true'],
    ['a typo in a key', { 'argo-stack-gcp:bucketNam': 'x' },
      'argo-stack-gcp:bucketNam is not a key of this stack; the keys are argo-stack-gcp:bucketName, argo-stack-gcp:location, argo-stack-gcp:identity, argo-stack-gcp:namespace, argo-stack-gcp:workflowNamespaces, argo-stack-gcp:artifactGC, argo-stack-gcp:kmsKeyName, argo-stack-gcp:artifactRetentionDays, argo-stack-gcp:kubeconfig. Fix: rename it to argo-stack-gcp:bucketName'],
  ])('%s', (_name, over, message) => {
    let caught: unknown;
    try {
      parse(over);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as Error).message).toBe(message);
  });

  test('defaults: Workload Identity, location US, namespace argo, workflow namespace argo, no GC, no CMEK, no expiry', () => {
    const c = parse({});
    expect(c).toMatchObject({ project: 'my-project', bucketName: 'my-argo-artifacts', location: 'US', namespace: 'argo', workflowNamespaces: ['argo'], artifactGC: false });
    expect(c.identity.kind).toBe(GcpIdentityKind.WORKLOAD_IDENTITY);
    expect(c.kmsKeyName).toBeUndefined();
    expect(c.artifactRetentionDays).toBeUndefined();
  });

  test('a bucket name with "_" works with Workload Identity but not over HMAC, named by the stack keys', async () => {
    expect(parse({ 'argo-stack-gcp:bucketName': 'argo_artifacts' }).bucketName).toBe('argo_artifacts');
    const { run } = await import('../../stacks/gcp/program');
    expect(() => run({ ...BASE, 'argo-stack-gcp:bucketName': 'argo_artifacts', 'argo-stack-gcp:identity': 'hmac' }, () => undefined)).toThrow(
      'argo-stack-gcp:bucketName "argo_artifacts" contains "_", which Argo\'s S3 client rejects, and argo-stack-gcp:identity is HMAC (the S3 interoperability API). Fix: use "argo-artifacts", or Workload Identity');
  });
});

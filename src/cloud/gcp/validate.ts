/**
 * The checks of the GCP side, in the project's message format (`<option> <value> is invalid: <rule>.
 * Fix: <fix>`): project ids, bucket names and locations, Google service account ids, Cloud KMS key
 * names. Pure: they run before any resource is registered. Days, namespaces and subjects use the
 * same checks as the AWS side.
 */
import { conflict, invalid } from '../../config/errors';
import { validateGcsBucket } from '../../config/storage/artifact-repository';

export { MAX_RETENTION_DAYS, validateDays, validateNamespaces, validateSubjects } from '../validate';

/** A project id: 6-30 lower-case letters, digits and "-", starting with a letter, not ending with "-". */
const PROJECT_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
/** A Google service account id (`serviceaccount.Account.accountId`). */
const ACCOUNT_ID = /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/;
/** A bucket location: a multi-region (US, EU, ASIA), a predefined dual-region (NAM4, EUR4, ...) or a region (europe-west1). */
const LOCATION = /^(?:[A-Za-z]{2,4}\d?|[a-z]+-[a-z]+\d+)$/;
/** A Cloud KMS key: `projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>`. */
const KMS_KEY_NAME = /^projects\/([a-z][-a-z0-9.:]{4,61}[a-z0-9])\/locations\/([a-z0-9-]+)\/keyRings\/([A-Za-z0-9_-]{1,63})\/cryptoKeys\/([A-Za-z0-9_-]{1,63})$/;

/** Checks a project id (domain-scoped ids like "example.com:p" have no Workload Identity pool of that form, so are refused). */
export function validateProjectId(option: string, value: unknown): string {
  if (typeof value !== 'string' || !PROJECT_ID.test(value)) {
    throw invalid(option, value, 'it must be a project id: 6-30 lower-case letters, digits and "-", starting with a letter and not ending with "-"',
      'give the project id (not its name or number), e.g. "my-project"');
  }
  return value;
}

/**
 * Checks a bucket name against the GCS rules, and rejects "." too: a dotted name needs a verified
 * domain, and one rule that works everywhere is simpler.
 */
export function validateBucketName(option: string, value: unknown): string {
  const name = validateGcsBucket(option, value);
  if (name.includes('.')) {
    throw invalid(option, name, 'a bucket name with "." needs a verified domain', `use ${JSON.stringify(name.replace(/\./g, '-'))}`);
  }
  return name;
}

/** Checks a bucket location (`US`, `EU`, `ASIA`, a dual-region like `NAM4`, or a region like `europe-west1`). */
export function validateLocation(option: string, value: unknown): string {
  if (typeof value !== 'string' || !LOCATION.test(value)) {
    throw invalid(option, value, 'it must be a Cloud Storage location: a multi-region (US, EU, ASIA), a dual-region (NAM4, EUR4, ...) or a region (europe-west1)',
      'use "US" (the default) or a region like "europe-west1"');
  }
  return value;
}

/** Checks a Google service account id: 6-30 lower-case letters, digits and "-", starting with a letter, not ending with "-". */
export function validateServiceAccountId(option: string, value: unknown): string {
  if (typeof value !== 'string' || !ACCOUNT_ID.test(value)) {
    throw invalid(option, value, 'a Google service account id is 6-30 lower-case letters, digits and "-", starting with a letter and not ending with "-"',
      'use a shorter name prefix, e.g. "argo-wf"');
  }
  return value;
}

/**
 * Checks a Cloud KMS key name (`projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>`, not a key
 * version) and that the key is in the bucket's location, which GCS requires; returns it.
 */
export function validateKmsKeyName(option: string, value: unknown, bucketLocation: string, locationOption: string): string {
  const m = typeof value === 'string' ? KMS_KEY_NAME.exec(value) : null;
  if (m === null) {
    const version = typeof value === 'string' && /\/cryptoKeyVersions\//.test(value);
    throw invalid(option, value, version
      ? 'it must name the key, not a key version: the bucket encrypts new objects with the key\'s primary version'
      : 'it must be a Cloud KMS key name "projects/<project>/locations/<location>/keyRings/<key ring>/cryptoKeys/<key>"',
    'copy the key\'s resource name (gcloud kms keys describe KEY --keyring RING --location LOCATION --format "value(name)"), e.g. "projects/my-project/locations/us/keyRings/argo/cryptoKeys/artifacts"');
  }
  if (m[2] !== bucketLocation.toLowerCase()) {
    throw conflict(`${option} is in location "${m[2]}" but ${locationOption} is "${bucketLocation}": Cloud Storage only uses a key in the bucket's own location`,
      `use a key ring in "${bucketLocation.toLowerCase()}", or set ${locationOption} to "${m[2]}"`);
  }
  return value as string;
}

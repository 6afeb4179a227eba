/**
 * The private artifact bucket (`@pulumi/gcp` v9): uniform bucket-level access (IAM only, no object
 * ACLs), public access prevention enforced, lifecycle rules, optional CMEK with the Cloud Storage
 * service agent's grant on the key. `forceDestroy` is off; `protect` and `retainOnDelete` are passed
 * to the bucket explicitly (the latter is not inherited from a parent).
 */
import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';
import { KMS_ENCRYPTER_DECRYPTER_ROLE, UPLOADS_PREFIX } from './names';
import type { StoragePlan } from './plan';

/** Days after which UI uploads are deleted (Argo's docs), and after which incomplete multipart uploads are aborted. */
export const UPLOADS_EXPIRY_DAYS = 7;
export const ABORT_MULTIPART_DAYS = 7;

/** The lifecycle rules: artifact expiry if asked, `uploads/` after 7 days, incomplete multipart uploads aborted. */
export function lifecycleRules(plan: Pick<StoragePlan, 'artifactRetentionDays'>): gcp.types.input.storage.BucketLifecycleRule[] {
  return [
    ...(plan.artifactRetentionDays === undefined ? [] : [{ action: { type: 'Delete' }, condition: { age: plan.artifactRetentionDays } }]),
    { action: { type: 'Delete' }, condition: { age: UPLOADS_EXPIRY_DAYS, matchesPrefixes: [UPLOADS_PREFIX] } },
    { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: ABORT_MULTIPART_DAYS } },
  ];
}

/** The bucket's inputs (pure): every hardening setting in one place, for the component and its tests. */
export function bucketArgs(plan: StoragePlan): gcp.storage.BucketArgs {
  return {
    name: plan.bucketName, project: plan.project, location: plan.location,
    uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced', forceDestroy: false,
    lifecycleRules: lifecycleRules(plan), labels: { ...plan.labels },
    ...(plan.kmsKeyName === undefined ? {} : { encryption: { defaultKmsKeyName: plan.kmsKeyName } }),
  };
}

/** Creates the bucket under `parent` (after the service agent's grant on the customer key, when there is one). */
export function createBucket(name: string, plan: StoragePlan, parent: pulumi.Resource): gcp.storage.Bucket {
  const keyGrant = plan.kmsKeyName === undefined ? [] : [new gcp.kms.CryptoKeyIAMMember(`${name}-kms`, {
    cryptoKeyId: plan.kmsKeyName, role: KMS_ENCRYPTER_DECRYPTER_ROLE,
    member: gcp.storage.getProjectServiceAccountOutput({ project: plan.project }, { parent }).emailAddress.apply((e) => `serviceAccount:${e}`),
  }, { parent })];
  return new gcp.storage.Bucket(`${name}-bucket`, bucketArgs(plan), { parent, protect: plan.protect, retainOnDelete: plan.retainOnDelete, dependsOn: keyGrant });
}

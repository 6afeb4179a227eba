/**
 * The private artifact bucket (`@pulumi/aws` v7 names): public access blocked, ACLs off, default
 * encryption, a TLS-only policy ordered after the public access block, optional versioning, and one
 * lifecycle configuration. `forceDestroy` is off; `protect` and `retainOnDelete` are passed to the
 * bucket explicitly (the latter is not inherited from a parent).
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { tlsOnlyBucketPolicy } from './policies';
import type { StoragePlan } from './plan';

/** Days after which an incomplete multipart upload is aborted, and after which UI uploads expire (Argo's docs). */
export const ABORT_MULTIPART_DAYS = 7;
export const UPLOADS_EXPIRY_DAYS = 7;

export interface ArtifactBucket {
  readonly bucket: aws.s3.Bucket;
  /** The resources that must exist before the bucket is used. */
  readonly ready: pulumi.Resource[];
}

/** The lifecycle rules: artifact expiry if asked, noncurrent versions with versioning, `uploads/` after 7 days, incomplete multipart uploads aborted. */
export function lifecycleRules(plan: Pick<StoragePlan, 'artifactRetentionDays' | 'noncurrentVersionExpirationDays'>): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
  const whole = { prefix: '' };
  return [
    ...(plan.artifactRetentionDays === undefined ? [] : [{ id: 'expire-artifacts', status: 'Enabled', filter: whole, expiration: { days: plan.artifactRetentionDays } }]),
    ...(plan.noncurrentVersionExpirationDays === undefined ? [] : [{
      id: 'expire-noncurrent-versions', status: 'Enabled', filter: whole,
      noncurrentVersionExpiration: { noncurrentDays: plan.noncurrentVersionExpirationDays }, expiration: { expiredObjectDeleteMarker: true },
    }]),
    { id: 'expire-uploads', status: 'Enabled', filter: { prefix: 'uploads/' }, expiration: { days: UPLOADS_EXPIRY_DAYS } },
    { id: 'abort-incomplete-multipart-uploads', status: 'Enabled', filter: whole, abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_MULTIPART_DAYS } },
  ];
}

/** The encryption rule: SSE-KMS with the customer key and a bucket key, else SSE-S3. */
export function encryptionRule(kmsKeyArn: string | undefined): aws.types.input.s3.BucketServerSideEncryptionConfigurationRule {
  return kmsKeyArn === undefined
    ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }
    : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true };
}

/** Creates the bucket and its settings under `parent`. */
export function createBucket(name: string, plan: StoragePlan, partition: pulumi.Input<string>, parent: pulumi.Resource): ArtifactBucket {
  const opts = { parent };
  const region = plan.region === undefined ? {} : { region: plan.region };
  const bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: plan.bucketName, forceDestroy: false, tags: { ...plan.tags }, ...region },
    { parent, protect: plan.protect, retainOnDelete: plan.retainOnDelete });
  const on = { bucket: bucket.id, ...region };
  const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, {
    ...on, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
  }, opts);
  const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, { ...on, rule: { objectOwnership: 'BucketOwnerEnforced' } }, opts);
  const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, { ...on, rules: [encryptionRule(plan.kmsKeyArn)] }, opts);
  // Concurrent PutBucketPolicy and PutPublicAccessBlock fail with 409 OperationAborted: order them.
  const policy = new aws.s3.BucketPolicy(`${name}-tls-only`, {
    ...on, policy: pulumi.output(partition).apply((p) => JSON.stringify(tlsOnlyBucketPolicy(p, plan.bucketName))),
  }, { parent, dependsOn: [publicAccess, ownership] });
  const versioning = plan.noncurrentVersionExpirationDays === undefined ? []
    : [new aws.s3.BucketVersioning(`${name}-versioning`, { ...on, versioningConfiguration: { status: 'Enabled' } }, opts)];
  const lifecycle = new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { ...on, rules: lifecycleRules(plan) }, { parent, dependsOn: versioning });
  return { bucket, ready: [publicAccess, ownership, encryption, policy, ...versioning, lifecycle] };
}

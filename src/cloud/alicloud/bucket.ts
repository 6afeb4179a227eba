/**
 * The private OSS artifact bucket (`@pulumi/alicloud` 3.x): server-side encryption (AES256),
 * optional versioning, lifecycle rules, a private ACL (`oss.BucketAcl`; the bucket's `acl` field is
 * deprecated), public access blocked, and an HTTPS-only bucket policy ordered after the block.
 * `forceDestroy` is off; `protect` and `retainOnDelete` are passed to the bucket explicitly.
 */
import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import type { AlicloudStoragePlan } from './plan';
import { httpsOnlyBucketPolicy } from './policies';
import { UPLOADS_PREFIX } from './names';

/** Days after which an incomplete multipart upload is aborted, and after which UI uploads expire (Argo's docs). */
export const ABORT_MULTIPART_DAYS = 7;
export const UPLOADS_EXPIRY_DAYS = 7;

export interface OssArtifactBucket {
  readonly bucket: alicloud.oss.Bucket;
  /** The resources that must exist before the bucket is used. */
  readonly ready: pulumi.Resource[];
}

type LifecycleRule = alicloud.types.input.oss.BucketLifecycleRule;

/** The lifecycle rules: artifact expiry if asked, noncurrent versions with versioning, `uploads/` after 7 days, incomplete multipart uploads aborted. */
export function lifecycleRules(plan: Pick<AlicloudStoragePlan, 'artifactRetentionDays' | 'noncurrentVersionExpirationDays'>): LifecycleRule[] {
  return [
    ...(plan.artifactRetentionDays === undefined ? [] : [{ id: 'expire-artifacts', enabled: true, prefix: '', expirations: [{ days: plan.artifactRetentionDays }] }]),
    ...(plan.noncurrentVersionExpirationDays === undefined ? [] : [{
      id: 'expire-noncurrent-versions', enabled: true, prefix: '', noncurrentVersionExpirations: [{ days: plan.noncurrentVersionExpirationDays }],
      expirations: [{ expiredObjectDeleteMarker: true }],
    }]),
    { id: 'expire-uploads', enabled: true, prefix: UPLOADS_PREFIX, expirations: [{ days: UPLOADS_EXPIRY_DAYS }] },
    { id: 'abort-incomplete-multipart-uploads', enabled: true, prefix: '', abortMultipartUploads: [{ days: ABORT_MULTIPART_DAYS }] },
  ];
}

/** Creates the bucket and its settings under `parent`. */
export function createOssBucket(name: string, plan: AlicloudStoragePlan, parent: pulumi.Resource): OssArtifactBucket {
  const opts = { parent };
  const bucket = new alicloud.oss.Bucket(`${name}-bucket`, {
    bucket: plan.bucketName, storageClass: 'Standard', forceDestroy: false, tags: { ...plan.tags },
    serverSideEncryptionRule: { sseAlgorithm: 'AES256' },
    ...(plan.noncurrentVersionExpirationDays === undefined ? {} : { versioning: { status: 'Enabled' } }),
    lifecycleRules: lifecycleRules(plan),
  }, { parent, protect: plan.protect, retainOnDelete: plan.retainOnDelete });
  const acl = new alicloud.oss.BucketAcl(`${name}-acl`, { bucket: bucket.bucket, acl: 'private' }, opts);
  const publicAccess = new alicloud.oss.BucketPublicAccessBlock(`${name}-public-access`, { bucket: bucket.bucket, blockPublicAccess: true }, opts);
  const policy = new alicloud.oss.BucketPolicy(`${name}-https-only`, {
    bucket: bucket.bucket, policy: JSON.stringify(httpsOnlyBucketPolicy(plan.bucketName)),
  }, { parent, dependsOn: [acl, publicAccess] });
  return { bucket, ready: [acl, publicAccess, policy] };
}

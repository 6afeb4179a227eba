/**
 * Physical names and ARNs the AWS side chooses before deploy, so the Kubernetes objects that carry
 * them are known at preview: IAM role and user names, role ARNs built from the account and the
 * partition, bucket and key ARNs, the key prefixes of a namespace.
 */
import { createHash } from 'node:crypto';

/** The longest IAM role (and user) name. */
export const MAX_IAM_NAME = 64;

/** The Secret (in every namespace that reads the bucket) holding the IAM user's keys, with Argo's key names. */
export const ACCESS_KEY_SECRET = { name: 'argo-artifacts-s3', accessKey: 'accessKey', secretKey: 'secretKey' } as const;

/** The key format that gives each workflow namespace its own prefix (and lets each role reach only its own). */
export const NAMESPACED_KEY_FORMAT = '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}';

/** Where argo-server puts files uploaded in the UI: `uploads/<namespace>/<uuid>/<file>` (server/artifacts/artifact_server.go). */
export const UPLOADS_PREFIX = 'uploads/';

/**
 * `<prefix>-<suffix>` as an IAM name: at most 64 characters; a longer one keeps its start and ends
 * with 8 hex digits of its SHA-256, so two long names stay distinct and the result is deterministic.
 */
export function iamName(prefix: string, suffix: string): string {
  const full = `${prefix}-${suffix}`;
  if (full.length <= MAX_IAM_NAME) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_IAM_NAME - 9).replace(/[-_.]+$/, '')}-${hash}`;
}

/** `arn:<partition>:iam::<account>:role/<name>`. */
export const roleArn = (partition: string, accountId: string, name: string): string => `arn:${partition}:iam::${accountId}:role/${name}`;

/** `arn:<partition>:iam::<account>:oidc-provider/<issuer host/path>`. */
export const oidcProviderArn = (partition: string, accountId: string, issuerHostPath: string): string => `arn:${partition}:iam::${accountId}:oidc-provider/${issuerHostPath}`;

/** `arn:<partition>:s3:::<bucket>`. */
export const bucketArn = (partition: string, bucket: string): string => `arn:${partition}:s3:::${bucket}`;

/** The S3 endpoint of a region (the China regions are in `amazonaws.com.cn`). */
export const s3Endpoint = (region: string): string => `s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;

/** Whether a key format puts every artifact under `<workflow namespace>/`. */
export const isNamespaced = (keyFormat: string | undefined): boolean => keyFormat !== undefined && keyFormat.startsWith('{{workflow.namespace}}/');

/**
 * Tenant isolation in the stack's MinIO: no workflow namespace receives MinIO's root user. Each one
 * gets its own MinIO user, named after it, whose policy allows only the objects under its own key
 * prefix (`<namespace>/`) of the bucket, and its own `artifact-repositories` entry that writes under
 * that prefix with that user's keys. Pure: names, the policy document and the repository.
 */
import { ArtifactRepository } from './artifact-repository';
import type { SecretKeySelector } from '../controller-config';
import { Credentials, SecretSpec } from '../credentials';

/** A MinIO (IAM) policy document, as MinIO's admin API takes it. */
export interface MinioPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly MinioPolicyStatement[];
}

/** One statement of a MinIO policy: only `Allow` is used (everything else is denied by default). */
export interface MinioPolicyStatement {
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  /** @default - no condition */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** One workflow namespace's MinIO user, its policy, its Secret and its repository. */
export interface ResolvedMinioTenant {
  /** The workflow namespace. */
  readonly namespace: string;
  /** The MinIO user (its access key) and the name of its policy: `argo-<namespace>`. */
  readonly user: string;
  /** The key prefix the user may use in the bucket: `<namespace>/`. */
  readonly prefix: string;
  /** The user's policy: objects under `prefix` only. */
  readonly policy: MinioPolicyDocument;
  /**
   * The Secret with the user's access key (fixed: `user`) and secret key (random, made in the
   * cluster), in the install namespace (where the users Job reads it) and in the workflow namespace.
   */
  readonly secret: SecretSpec;
  /** The namespace's `minio` repository: the bucket, under `prefix`, with the user's keys. */
  readonly repository: ArtifactRepository;
}

/** The MinIO user of a workflow namespace is `argo-<namespace>`; so is its policy. */
export const MINIO_TENANT_USER_PREFIX = 'argo-';
/** The Secret of a workflow namespace's MinIO user is `minio-user-<namespace>`. */
export const MINIO_TENANT_SECRET_PREFIX = 'minio-user-';
/** Under the namespace's prefix, objects are keyed like Argo's default keyFormat. */
export const MINIO_TENANT_KEY_FORMAT = '{{workflow.name}}/{{pod.name}}';

/** What `minioTenants` needs of the resolved MinIO. */
export interface MinioTenantContext {
  readonly bucket: string;
  /** The S3 endpoint workflows use, `host:port`. */
  readonly endpoint: string;
  /** Keys of the Secrets: the same as the root Secret's (`accesskey`, `secretkey`). */
  readonly accessKey: string;
  readonly secretKey: string;
  /** @default - plain HTTP */
  readonly caSecret?: SecretKeySelector;
}

/**
 * The policy of a workflow namespace's user: read, write and delete objects under `<namespace>/`
 * only, list the bucket only with a prefix under it, and find the bucket's region (the S3 clients of
 * Argo ask for it). Nothing else: no other prefix, no bucket administration, no admin API.
 */
export function minioTenantPolicy(bucket: string, namespace: string): MinioPolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: [`arn:aws:s3:::${bucket}/${namespace}/*`] },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`], Condition: { StringLike: { 's3:prefix': [`${namespace}/*`] } } },
      { Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: [`arn:aws:s3:::${bucket}`] },
    ],
  };
}

/**
 * One MinIO user per workflow namespace (the namespaces are valid DNS labels, checked before): its
 * user name, policy, Secret (access key fixed, secret key generated in the cluster) and repository.
 */
export function minioTenants(workflowNamespaces: readonly string[], m: MinioTenantContext, path: string): ResolvedMinioTenant[] {
  return [...new Set(workflowNamespaces)].map((namespace) => {
    const user = `${MINIO_TENANT_USER_PREFIX}${namespace}`;
    const secretName = `${MINIO_TENANT_SECRET_PREFIX}${namespace}`;
    const secret: SecretSpec = {
      name: secretName,
      keys: [m.accessKey, m.secretKey],
      source: Credentials.generated({ fixed: { [m.accessKey]: user } }),
      description: `MinIO user ${user} of workflow namespace ${namespace} (only the prefix ${namespace}/ of bucket ${m.bucket})`,
    };
    const repository = ArtifactRepository.s3({
      endpoint: m.endpoint,
      bucket: m.bucket,
      insecure: m.caSecret === undefined,
      ...(m.caSecret ? { caSecret: m.caSecret } : {}),
      keyFormat: `${namespace}/${MINIO_TENANT_KEY_FORMAT}`,
      accessKeySecret: { name: secretName, key: m.accessKey },
      secretKeySecret: { name: secretName, key: m.secretKey },
    }, path);
    return { namespace, user, prefix: `${namespace}/`, policy: minioTenantPolicy(m.bucket, namespace), secret, repository };
  });
}

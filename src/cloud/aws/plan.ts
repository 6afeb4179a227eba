/**
 * The arguments of the AWS storage component and their plan, as pure data: validated names, the
 * roles and what they reach, the lifecycle rules and the artifact repository the Kubernetes side
 * uses. The component and the stack both start here, so everything is checked before any resource.
 */
import { Checker, isPlainObject, optionKeys } from '../../config/check';
import { invalid } from '../../config/errors';
import type { ServiceAccountSubject } from '../../config/identity/subjects';
import { ArtifactRepository } from '../../config/storage/artifact-repository';
import { AwsIdentity, AwsIdentityKind, planRoles, type RolePlan } from './identity';
import { ACCESS_KEY_SECRET, NAMESPACED_KEY_FORMAT, s3Endpoint } from './names';
import { validateBucketName, validateDays, validateKmsKeyArn, validateSubjects } from './validate';

export interface ArgoWorkflowsStorageArgs {
  /** The bucket's name (S3 rules, no "."). */
  readonly bucketName: string;
  /**
   * The bucket's region, given to Argo so it never asks for the bucket's location.
   * @default - none: Argo asks (`s3:GetBucketLocation` on this bucket is then granted)
   */
  readonly region?: string;
  /** How pods reach the bucket: `AwsIdentity.irsa(...)`, `.podIdentity(...)` or `.accessKeys()`. */
  readonly identity: AwsIdentity;
  /** The service accounts that touch the bucket: `plan.serviceAccountSubjects` of the same install. */
  readonly subjects: readonly ServiceAccountSubject[];
  /**
   * Argo's key format; starting with `{{workflow.namespace}}/` scopes each namespace's roles to its prefix.
   * @default "{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}"
   */
  readonly keyFormat?: string;
  /**
   * A customer-managed KMS key ARN: SSE-KMS with a bucket key, and the roles may use the key.
   * @default - SSE-S3 (AES256)
   */
  readonly kmsKeyArn?: string;
  /**
   * Expire artifacts after this many days.
   * @default - artifacts are kept
   */
  readonly artifactRetentionDays?: number;
  /**
   * Keep noncurrent versions this many days with versioning on.
   * @default - versioning off
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * The start of the IAM role and user names (`<prefix>-workflow`, ...).
   * @default - the bucket name
   */
  readonly namePrefix?: string;
  /**
   * Protect the bucket from `pulumi destroy`.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Leave the bucket in AWS when it leaves the stack.
   * @default true
   */
  readonly retainOnDelete?: boolean;
  /**
   * Tags on the bucket, roles and user.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

const KEYS = optionKeys<ArgoWorkflowsStorageArgs>()([
  'bucketName', 'region', 'identity', 'subjects', 'keyFormat', 'kmsKeyArn', 'artifactRetentionDays', 'noncurrentVersionExpirationDays', 'namePrefix',
  'protect', 'retainOnDelete', 'tags',
]);

/** The validated arguments and what they imply. */
export interface StoragePlan {
  readonly bucketName: string;
  readonly region?: string;
  readonly identity: AwsIdentity;
  readonly keyFormat: string;
  readonly kmsKeyArn?: string;
  readonly artifactRetentionDays?: number;
  readonly noncurrentVersionExpirationDays?: number;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly namePrefix: string;
  readonly roles: readonly RolePlan[];
  /** The repository for the `artifact-repositories` ConfigMaps: the bucket, its region, `useSDKCreds` (or the access-key Secret). */
  readonly artifactRepository: ArtifactRepository;
}

/** Checks the component's arguments (every depth, unknown keys too) and plans the roles and the repository. */
export function planStorage(args: ArgoWorkflowsStorageArgs, path = 'args'): StoragePlan {
  const c = new Checker(path);
  const o = c.object(args, '{ bucketName: "my-argo-artifacts", identity: AwsIdentity.irsa({ clusterName: "my-cluster" }), subjects: plan.serviceAccountSubjects }');
  c.known(o, KEYS);
  const bucketName = validateBucketName(c.at('bucketName'), o.bucketName);
  if (!(o.identity instanceof AwsIdentity)) {
    throw invalid(c.at('identity'), o.identity, 'it must be an AwsIdentity made by one of its factories', 'use AwsIdentity.irsa({ clusterName }), AwsIdentity.podIdentity({ clusterName }) or AwsIdentity.accessKeys()');
  }
  const subjects = validateSubjects(c.at('subjects'), o.subjects);
  const kmsKeyArn = o.kmsKeyArn === undefined ? undefined : validateKmsKeyArn(c.at('kmsKeyArn'), o.kmsKeyArn);
  const days = (f: 'artifactRetentionDays' | 'noncurrentVersionExpirationDays') => (o[f] === undefined ? undefined : validateDays(c.at(f), o[f]));
  const namePrefix = o.namePrefix === undefined ? bucketName : o.namePrefix;
  if (typeof namePrefix !== 'string' || !/^[\w+=,.@-]{1,40}$/.test(namePrefix)) {
    throw invalid(c.at('namePrefix'), namePrefix, 'it must be 1-40 letters, digits and "+=,.@_-" (IAM names are at most 64 characters)', 'use a short prefix like "argo"');
  }
  const keyFormat = o.keyFormat === undefined ? NAMESPACED_KEY_FORMAT : o.keyFormat as string;
  const region = o.region as string | undefined;
  const identity = o.identity;
  const artifactRepository = ArtifactRepository.s3({
    bucket: bucketName, keyFormat,
    ...(region === undefined ? {} : { region, endpoint: s3Endpoint(region) }),
    ...(identity.kind === AwsIdentityKind.ACCESS_KEYS
      ? { accessKeySecret: { name: ACCESS_KEY_SECRET.name, key: ACCESS_KEY_SECRET.accessKey }, secretKeySecret: { name: ACCESS_KEY_SECRET.name, key: ACCESS_KEY_SECRET.secretKey } }
      : { useSDKCreds: true }),
  }, path);
  return {
    bucketName, region, identity, keyFormat, kmsKeyArn, artifactRetentionDays: days('artifactRetentionDays'), noncurrentVersionExpirationDays: days('noncurrentVersionExpirationDays'),
    protect: c.bool('protect', o.protect) ?? true, retainOnDelete: c.bool('retainOnDelete', o.retainOnDelete) ?? true,
    tags: checkTags(c.at('tags'), o.tags), namePrefix, roles: planRoles(subjects, keyFormat, namePrefix), artifactRepository,
  };
}

/** AWS tags: up to 50 string pairs, keys of 1-128 and values of at most 256 characters. */
function checkTags(option: string, value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  const ok = isPlainObject(value) && Object.keys(value).length <= 50
    && Object.entries(value).every(([k, v]) => k.length >= 1 && k.length <= 128 && !k.startsWith('aws:') && typeof v === 'string' && v.length <= 256);
  if (!ok) throw invalid(option, value, 'it must map at most 50 tag keys (1-128 characters, not starting with "aws:") to strings of at most 256 characters', 'give tags like { team: "data" }');
  return value as Record<string, string>;
}

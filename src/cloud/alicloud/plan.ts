/**
 * The arguments of the Alibaba Cloud storage component and their plan, as pure data: validated
 * names, the RAM roles and what they reach, the lifecycle rules and the artifact repository the
 * Kubernetes side uses. The component and the stack both start here, so everything is checked
 * before any resource.
 */
import { Checker, isPlainObject, optionKeys } from '../../config/check';
import { invalid } from '../../config/errors';
import type { ServiceAccountSubject } from '../../config/identity/subjects';
import { ArtifactRepository } from '../../config/storage/artifact-repository';
import { AlicloudIdentity, AlicloudIdentityKind, planRoles, type RolePlan } from './identity';
import { ACCESS_KEY_SECRET, NAMESPACED_KEY_FORMAT, ossEndpoint } from './names';
import { validateBucketName, validateDays, validateNamePrefix, validateRegion, validateSubjects } from './validate';

export interface AlicloudArtifactStorageArgs {
  /** The OSS bucket's name (3-63 lower-case letters, digits and "-"). */
  readonly bucketName: string;
  /** The region of the bucket (`cn-hangzhou`); Argo's endpoint is `https://oss-<region>[-internal].aliyuncs.com`. */
  readonly region: string;
  /** How pods reach the bucket: `AlicloudIdentity.rrsa(...)` or `.accessKeys()`. */
  readonly identity: AlicloudIdentity;
  /** The service accounts that touch the bucket: `plan.serviceAccountSubjects` of the same install. */
  readonly subjects: readonly ServiceAccountSubject[];
  /**
   * Argo reaches OSS through the region's internal (VPC) endpoint: no public traffic, but only from
   * inside the bucket's region.
   * @default false
   */
  readonly internalEndpoint?: boolean;
  /**
   * Argo's key format.
   * @default "{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}"
   */
  readonly keyFormat?: string;
  /**
   * Expire artifacts after this many days.
   * @default - artifacts are kept
   */
  readonly artifactRetentionDays?: number;
  /**
   * Turn versioning on and keep noncurrent versions this many days.
   * @default - versioning off
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * The start of the RAM role, policy and user names (`<prefix>-workflow`, ...).
   * @default - the bucket name
   */
  readonly namePrefix?: string;
  /**
   * Protect the bucket from `pulumi destroy`.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Leave the bucket in Alibaba Cloud when it leaves the stack.
   * @default true
   */
  readonly retainOnDelete?: boolean;
  /**
   * Tags on the bucket, roles, policies and user.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

const KEYS = optionKeys<AlicloudArtifactStorageArgs>()([
  'bucketName', 'region', 'identity', 'subjects', 'internalEndpoint', 'keyFormat', 'artifactRetentionDays', 'noncurrentVersionExpirationDays',
  'namePrefix', 'protect', 'retainOnDelete', 'tags',
]);

/** The validated arguments and what they imply. */
export interface AlicloudStoragePlan {
  readonly bucketName: string;
  readonly region: string;
  readonly identity: AlicloudIdentity;
  readonly endpoint: string;
  readonly keyFormat: string;
  readonly artifactRetentionDays?: number;
  readonly noncurrentVersionExpirationDays?: number;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly namePrefix: string;
  readonly roles: readonly RolePlan[];
  /** The repository for the `artifact-repositories` ConfigMaps: the bucket, the https endpoint, `useSDKCreds` (or the AccessKey Secret). */
  readonly artifactRepository: ArtifactRepository;
}

/** Checks the component's arguments (every depth, unknown keys too) and plans the roles and the repository. */
export function planAlicloudStorage(args: AlicloudArtifactStorageArgs, path = 'args'): AlicloudStoragePlan {
  const c = new Checker(path);
  const o = c.object(args, '{ bucketName: "my-argo-artifacts", region: "cn-hangzhou", identity: AlicloudIdentity.rrsa({ clusterId }), subjects: plan.serviceAccountSubjects }');
  c.known(o, KEYS);
  const bucketName = validateBucketName(c.at('bucketName'), o.bucketName);
  const region = validateRegion(c.at('region'), o.region);
  if (!(o.identity instanceof AlicloudIdentity)) {
    throw invalid(c.at('identity'), o.identity, 'it must be an AlicloudIdentity made by one of its factories', 'use AlicloudIdentity.rrsa({ clusterId }) or AlicloudIdentity.accessKeys()');
  }
  const subjects = validateSubjects(c.at('subjects'), o.subjects);
  const days = (f: 'artifactRetentionDays' | 'noncurrentVersionExpirationDays') => (o[f] === undefined ? undefined : validateDays(c.at(f), o[f]));
  const namePrefix = validateNamePrefix(c.at('namePrefix'), o.namePrefix ?? bucketName);
  const keyFormat = o.keyFormat === undefined ? NAMESPACED_KEY_FORMAT : o.keyFormat as string;
  const endpoint = ossEndpoint(region, c.bool('internalEndpoint', o.internalEndpoint) ?? false);
  const identity = o.identity;
  const artifactRepository = ArtifactRepository.oss({
    endpoint, bucket: bucketName, keyFormat,
    ...(identity.kind === AlicloudIdentityKind.ACCESS_KEYS
      ? { accessKeySecret: { name: ACCESS_KEY_SECRET.name, key: ACCESS_KEY_SECRET.accessKey }, secretKeySecret: { name: ACCESS_KEY_SECRET.name, key: ACCESS_KEY_SECRET.secretKey } }
      : { useSDKCreds: true }),
  }, path);
  return {
    bucketName, region, identity, endpoint, keyFormat,
    artifactRetentionDays: days('artifactRetentionDays'), noncurrentVersionExpirationDays: days('noncurrentVersionExpirationDays'),
    protect: c.bool('protect', o.protect) ?? true, retainOnDelete: c.bool('retainOnDelete', o.retainOnDelete) ?? true,
    tags: checkTags(c.at('tags'), o.tags), namePrefix, roles: planRoles(subjects, namePrefix), artifactRepository,
  };
}

/** Tags: up to 20 string pairs, keys of 1-128 and values of at most 128 characters, keys not starting with "aliyun" or "acs:". */
function checkTags(option: string, value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  const ok = isPlainObject(value) && Object.keys(value).length <= 20
    && Object.entries(value).every(([k, v]) => k.length >= 1 && k.length <= 128 && !/^(aliyun|acs:)/.test(k) && typeof v === 'string' && v.length <= 128);
  if (!ok) throw invalid(option, value, 'it must map at most 20 tag keys (1-128 characters, not starting with "aliyun" or "acs:") to strings of at most 128 characters', 'give tags like { team: "data" }');
  return value as Record<string, string>;
}

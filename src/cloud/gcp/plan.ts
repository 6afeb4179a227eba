/**
 * The arguments of the GCP storage component and their plan, as pure data: validated names, the
 * Google service accounts and what they reach, the lifecycle and the artifact repository the
 * Kubernetes side uses. The component and the stack both start here, so everything is checked
 * before any resource.
 */
import { Checker, isPlainObject, optionKeys } from '../../config/check';
import { conflict, invalid } from '../../config/errors';
import type { ServiceAccountSubject } from '../../config/identity/subjects';
import { ArtifactRepository } from '../../config/storage/artifact-repository';
import { GcpIdentity, GcpIdentityKind, planServiceAccounts, type ServiceAccountPlan } from './identity';
import { DEFAULT_KEY_FORMAT, DEFAULT_NAME_PREFIX, GCS_S3_ENDPOINT, HMAC_SECRET } from './names';
import { validateBucketName, validateDays, validateKmsKeyName, validateLocation, validateProjectId, validateSubjects } from './validate';

export interface ArgoWorkflowsStorageArgs {
  /** The project of the bucket, the service accounts and the GKE cluster's workload pool (`<project>.svc.id.goog`). */
  readonly project: string;
  /** The bucket's name (GCS rules, no "."). */
  readonly bucketName: string;
  /**
   * The bucket's location.
   * @default "US"
   */
  readonly location?: string;
  /** How pods reach the bucket: `GcpIdentity.workloadIdentity()` or `GcpIdentity.hmac()`. */
  readonly identity: GcpIdentity;
  /** The service accounts that touch the bucket: `plan.serviceAccountSubjects` of the same install. */
  readonly subjects: readonly ServiceAccountSubject[];
  /**
   * Argo's key format.
   * @default "{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}"
   */
  readonly keyFormat?: string;
  /**
   * A Cloud KMS key (`projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>`, in the bucket's location)
   * as the bucket's default key (CMEK); the Cloud Storage service agent gets encrypter/decrypter on it.
   * @default - Google-managed encryption
   */
  readonly kmsKeyName?: string;
  /**
   * Delete artifacts after this many days.
   * @default - artifacts are kept
   */
  readonly artifactRetentionDays?: number;
  /**
   * The start of the Google service account ids (`<prefix>-writer`, `<prefix>-reader`, `<prefix>-hmac`; 6-30 characters each).
   * @default "argo-workflows"
   */
  readonly namePrefix?: string;
  /**
   * Protect the bucket from `pulumi destroy`.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Leave the bucket in GCP when it leaves the stack.
   * @default true
   */
  readonly retainOnDelete?: boolean;
  /**
   * Labels on the bucket.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const KEYS = optionKeys<ArgoWorkflowsStorageArgs>()([
  'project', 'bucketName', 'location', 'identity', 'subjects', 'keyFormat', 'kmsKeyName', 'artifactRetentionDays', 'namePrefix', 'protect', 'retainOnDelete', 'labels',
]);

/** The validated arguments and what they imply. */
export interface StoragePlan {
  readonly project: string;
  readonly bucketName: string;
  readonly location: string;
  readonly identity: GcpIdentity;
  readonly keyFormat: string;
  readonly kmsKeyName?: string;
  readonly artifactRetentionDays?: number;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly namePrefix: string;
  readonly serviceAccounts: readonly ServiceAccountPlan[];
  /** The repository for the `artifact-repositories` ConfigMaps: `gcs` without a key secret, or `s3` on the interoperability endpoint with the HMAC Secret. */
  readonly artifactRepository: ArtifactRepository;
}

/** Names used in messages: the field as the caller knows it (`args.location`, `argo-stack-gcp:location`). */
export type OptionNames = (field: string) => string;

/** Checks the component's arguments (every depth, unknown keys too) and plans the service accounts and the repository. */
export function planStorage(args: ArgoWorkflowsStorageArgs, path = 'args', names?: OptionNames): StoragePlan {
  const c = new Checker(path);
  const at = names ?? ((f: string) => c.at(f));
  const o = c.object(args, '{ project: "my-project", bucketName: "my-argo-artifacts", identity: GcpIdentity.workloadIdentity(), subjects: plan.serviceAccountSubjects }');
  c.known(o, KEYS);
  const project = validateProjectId(at('project'), o.project);
  const bucketName = validateBucketName(at('bucketName'), o.bucketName);
  const location = o.location === undefined ? 'US' : validateLocation(at('location'), o.location);
  if (!(o.identity instanceof GcpIdentity)) {
    throw invalid(at('identity'), o.identity, 'it must be a GcpIdentity made by one of its factories', 'use GcpIdentity.workloadIdentity() or GcpIdentity.hmac()');
  }
  const identity = o.identity;
  const subjects = validateSubjects(c.at('subjects'), o.subjects);
  const kmsKeyName = o.kmsKeyName === undefined ? undefined : validateKmsKeyName(at('kmsKeyName'), o.kmsKeyName, location, at('location'));
  const artifactRetentionDays = o.artifactRetentionDays === undefined ? undefined : validateDays(at('artifactRetentionDays'), o.artifactRetentionDays);
  const namePrefix = o.namePrefix === undefined ? DEFAULT_NAME_PREFIX : o.namePrefix;
  if (typeof namePrefix !== 'string' || !/^[a-z][-a-z0-9]{3,22}$/.test(namePrefix)) {
    throw invalid(c.at('namePrefix'), namePrefix, 'it must be 4-23 lower-case letters, digits and "-", starting with a letter (service account ids are 6-30 characters)',
      'use a short prefix like "argo-wf"');
  }
  const keyFormat = o.keyFormat === undefined ? DEFAULT_KEY_FORMAT : o.keyFormat as string;
  const hmac = identity.kind === GcpIdentityKind.HMAC;
  if (hmac && bucketName.includes('_')) {
    throw conflict(`${at('bucketName')} "${bucketName}" contains "_", which Argo's S3 client rejects, and ${at('identity')} is HMAC (the S3 interoperability API)`,
      `use ${JSON.stringify(bucketName.replace(/_/g, '-'))}, or Workload Identity`);
  }
  const artifactRepository = hmac
    // The region is the bucket's location, so Argo's S3 client never asks for it (objectUser has no storage.buckets.get).
    ? ArtifactRepository.s3({
      bucket: bucketName, endpoint: GCS_S3_ENDPOINT, region: location.toLowerCase(), insecure: false, keyFormat,
      accessKeySecret: { name: HMAC_SECRET.name, key: HMAC_SECRET.accessKey }, secretKeySecret: { name: HMAC_SECRET.name, key: HMAC_SECRET.secretKey },
    }, path)
    : ArtifactRepository.gcs({ bucket: bucketName, keyFormat }, path);
  return {
    project, bucketName, location, identity, keyFormat, kmsKeyName, artifactRetentionDays,
    protect: c.bool('protect', o.protect) ?? true, retainOnDelete: c.bool('retainOnDelete', o.retainOnDelete) ?? true,
    labels: checkLabels(c.at('labels'), o.labels), namePrefix,
    serviceAccounts: planServiceAccounts(identity, subjects, project, namePrefix, c.at('namePrefix')), artifactRepository,
  };
}

/** GCP labels: up to 64 pairs; keys of 1-63 lower-case letters, digits, "_" and "-" starting with a letter; values of at most 63 of the same. */
function checkLabels(option: string, value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  const ok = isPlainObject(value) && Object.keys(value).length <= 64
    && Object.entries(value).every(([k, v]) => /^[a-z][a-z0-9_-]{0,62}$/.test(k) && typeof v === 'string' && /^[a-z0-9_-]{0,63}$/.test(v));
  if (!ok) throw invalid(option, value, 'it must map at most 64 label keys (1-63 lower-case letters, digits, "_" and "-", starting with a letter) to values of at most 63 of the same', 'give labels like { team: "data" }');
  return value as Record<string, string>;
}

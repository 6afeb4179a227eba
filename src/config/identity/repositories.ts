/**
 * The cross rule between workload identities and artifact repositories: an identity must reach a
 * bucket Argo uses, through a repository that signs with the pod's identity (no static keys).
 */
import type { ArtifactRepositorySpec } from '../controller-config';
import { conflict } from '../errors';
import { ArtifactRepositoryType } from '../storage/artifact-repository-options';
import { WorkloadIdentity, WorkloadIdentityKind } from './workload-identity';

/** A repository the install uses, with the option path it was given at. */
export interface RepositoryUse {
  readonly option: string;
  readonly spec: ArtifactRepositorySpec;
}

/** The S3 interoperability endpoint of Google Cloud Storage: an `s3` repository there signs with HMAC keys. */
const GCS_S3_ENDPOINT = /(^|\.)storage\.googleapis\.com(:\d+)?$/i;

const CLOUD: Readonly<Record<string, string>> = {
  [ArtifactRepositoryType.S3]: 'Amazon S3', [ArtifactRepositoryType.GCS]: 'Google Cloud Storage',
  [ArtifactRepositoryType.AZURE]: 'Azure Blob Storage', [ArtifactRepositoryType.OSS]: 'Alibaba Cloud OSS',
};

const IDENTITY_OF: Readonly<Record<string, string>> = {
  [ArtifactRepositoryType.S3]: 'WorkloadIdentity.awsIrsa(roleArn) or WorkloadIdentity.awsPodIdentity()',
  [ArtifactRepositoryType.GCS]: 'WorkloadIdentity.gke(serviceAccountEmail)',
  [ArtifactRepositoryType.AZURE]: 'WorkloadIdentity.azure(clientId)',
  [ArtifactRepositoryType.OSS]: 'WorkloadIdentity.alibabaRrsa(roleName)',
};

/** What to change on a repository of a type so that it signs with the pod's identity. */
const SDK_FIX: Readonly<Record<string, string>> = {
  [ArtifactRepositoryType.S3]: 'set useSDKCreds: true and remove accessKeySecret and secretKeySecret',
  [ArtifactRepositoryType.GCS]: 'remove serviceAccountKeySecret (Argo then uses the pod\'s Workload Identity)',
  [ArtifactRepositoryType.AZURE]: 'set useSDKCreds: true and remove accountKeySecret',
  [ArtifactRepositoryType.OSS]: 'set useSDKCreds: true and remove accessKeySecret and secretKeySecret',
};

/** The cloud a repository's bucket is on (an S3 repository on the GCS endpoint is HMAC, not a cloud identity). */
function cloudOf(spec: ArtifactRepositorySpec): ArtifactRepositoryType | undefined {
  if (spec.s3) return GCS_S3_ENDPOINT.test(spec.s3.endpoint ?? '') ? undefined : ArtifactRepositoryType.S3;
  if (spec.gcs) return ArtifactRepositoryType.GCS;
  if (spec.azure) return ArtifactRepositoryType.AZURE;
  if (spec.oss) return ArtifactRepositoryType.OSS;
  return undefined;
}

/** Whether a repository signs with static credentials, which Argo then uses instead of the pod's identity. */
function staticKeys(spec: ArtifactRepositorySpec): boolean {
  if (spec.s3) return spec.s3.accessKeySecret !== undefined;
  if (spec.gcs) return spec.gcs.serviceAccountKeySecret !== undefined;
  if (spec.azure) return spec.azure.useSDKCreds !== true;
  return spec.oss?.useSDKCreds !== true;
}

/**
 * Checks that `identity` (given at `option`) reaches one of the repositories: one on its cloud that
 * signs with the pod's identity. Without any repository on a cloud there is nothing to check (the
 * workflows may use the identity themselves).
 */
export function checkIdentityReachesRepository(option: string, identity: WorkloadIdentity, repositories: readonly RepositoryUse[]): void {
  const onCloud = repositories.filter((r) => cloudOf(r.spec) !== undefined || r.spec.s3 !== undefined);
  if (onCloud.length === 0) return;
  const type = identity.repositoryType;
  const same = onCloud.filter((r) => cloudOf(r.spec) === type);
  const listed = onCloud.map((r) => `${r.option}: ${Object.keys(r.spec).find((k) => k !== 'archiveLogs')}`).join(', ');
  if (same.length === 0) {
    throw conflict(`${option} is ${identity.describe()}, an identity on ${CLOUD[type]}, but no artifact repository is on ${CLOUD[type]} (${listed}): the identity would reach no bucket Argo uses`,
      `use the identity of the repositories' cloud (${[...new Set(onCloud.map((r) => cloudOf(r.spec)).filter((t): t is ArtifactRepositoryType => t !== undefined))].map((t) => IDENTITY_OF[t]).join('; ') || 'none: an s3 repository on storage.googleapis.com signs with HMAC keys'}), or add a ${type} repository`);
  }
  if (same.every((r) => staticKeys(r.spec))) {
    const what = identity.kind === WorkloadIdentityKind.GKE ? 'a service account key' : 'static keys';
    throw conflict(`${option} is ${identity.describe()}, but every ${type} repository signs with ${what} (${same.map((r) => r.option).join(', ')}), so Argo never uses the pod's identity`,
      `in ${same[0].option}, ${SDK_FIX[type]}`);
  }
}

/**
 * The repositories of an install, with their option paths: the default repository (given as an
 * option or raw in the controller config) and each entry of the `artifact-repositories` ConfigMap
 * (MinIO's under `minio`).
 */
export function repositoryUses(storage: {
  readonly defaultRepository?: { readonly spec: ArtifactRepositorySpec };
  /** By workflow namespace: every namespace has the same keys, of the same kinds (MinIO's differ only by user and prefix). */
  readonly artifactRepositories?: Readonly<Record<string, { readonly repositories: Readonly<Record<string, { readonly spec: ArtifactRepositorySpec }>> }>>;
}, configRepository: ArtifactRepositorySpec | undefined, minioKey: string | undefined): RepositoryUse[] {
  const anyNamespace = Object.values(storage.artifactRepositories ?? {})[0];
  return [
    ...(storage.defaultRepository ? [{ option: 'artifactRepository', spec: storage.defaultRepository.spec }] : []),
    ...(configRepository ? [{ option: 'controller.config.artifactRepository', spec: configRepository }] : []),
    ...Object.entries(anyNamespace?.repositories ?? {}).map(([key, r]) => ({
      option: key === minioKey ? 'minio' : `artifactRepositories.repositories[${JSON.stringify(key)}]`, spec: r.spec,
    })),
  ];
}

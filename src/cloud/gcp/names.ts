/**
 * Names the GCP side chooses before deploy, so the Kubernetes objects that carry them are known at
 * preview: Google service account ids and emails, the Workload Identity pool and members, the
 * roles granted on the bucket, the HMAC Secret.
 */

/** The roles granted on the bucket (never on the project). `objectUser` includes delete, which GCS needs to overwrite a key. */
export const OBJECT_USER_ROLE = 'roles/storage.objectUser';
export const OBJECT_VIEWER_ROLE = 'roles/storage.objectViewer';
/** The role granted on each Google service account to exactly the Kubernetes service accounts that impersonate it. */
export const WORKLOAD_IDENTITY_USER_ROLE = 'roles/iam.workloadIdentityUser';
/** The role the Cloud Storage service agent needs on a customer-managed key. */
export const KMS_ENCRYPTER_DECRYPTER_ROLE = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/** The HMAC fallback's Secret (in every namespace that reads the bucket), with Argo's key names. */
export const HMAC_SECRET = { name: 'argo-artifacts-hmac', accessKey: 'accessKey', secretKey: 'secretKey' } as const;

/** The S3 interoperability endpoint of Cloud Storage (HTTPS only: Argo must keep `insecure: false`). */
export const GCS_S3_ENDPOINT = 'storage.googleapis.com';

/** The key format of the repository (Argo's default layout, namespace first). */
export const DEFAULT_KEY_FORMAT = '{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}';

/** Where argo-server puts files uploaded in the UI: `uploads/<namespace>/<uuid>/<file>` (server/artifacts/artifact_server.go). */
export const UPLOADS_PREFIX = 'uploads/';

/** The default start of the Google service account ids (`argo-workflows-writer`, ...). */
export const DEFAULT_NAME_PREFIX = 'argo-workflows';

/** `<account id>@<project>.iam.gserviceaccount.com`. */
export const serviceAccountEmail = (project: string, accountId: string): string => `${accountId}@${project}.iam.gserviceaccount.com`;

/** The Workload Identity pool of the project's GKE clusters: `<project>.svc.id.goog`. */
export const workloadPool = (project: string): string => `${project}.svc.id.goog`;

/** The IAM member of one Kubernetes service account: `serviceAccount:<project>.svc.id.goog[<ns>/<ksa>]`. */
export const workloadIdentityMember = (project: string, namespace: string, name: string): string => `serviceAccount:${workloadPool(project)}[${namespace}/${name}]`;

/** The IAM condition that limits a grant to the objects under a prefix of the bucket. */
export const prefixCondition = (bucket: string, prefix: string): string => `resource.name.startsWith("projects/_/buckets/${bucket}/objects/${prefix}")`;

/**
 * `argo-stack/gcp`: the GCP side of an argo-stack install as a Pulumi component (the artifact bucket
 * and the Google service accounts the Kubernetes service accounts impersonate), with its pure parts
 * (the checks, the names, the plan) for stacks and tests. Needs `@pulumi/pulumi` and `@pulumi/gcp`
 * (optional peer dependencies of argo-stack).
 */
export { ArgoWorkflowsStorage } from './component';
export type { ArgoWorkflowsStorageArgs, OptionNames, StoragePlan } from './plan';
export { planStorage } from './plan';
export { GcpIdentity, GcpIdentityKind, levelOf, planServiceAccounts, subjectIdentities } from './identity';
export type { BucketGrant, ServiceAccountPlan, SubjectIdentity } from './identity';
export { ABORT_MULTIPART_DAYS, bucketArgs, lifecycleRules, UPLOADS_EXPIRY_DAYS } from './bucket';
export {
  DEFAULT_KEY_FORMAT, DEFAULT_NAME_PREFIX, GCS_S3_ENDPOINT, HMAC_SECRET, KMS_ENCRYPTER_DECRYPTER_ROLE, OBJECT_USER_ROLE, OBJECT_VIEWER_ROLE, prefixCondition,
  serviceAccountEmail, UPLOADS_PREFIX, WORKLOAD_IDENTITY_USER_ROLE, workloadIdentityMember, workloadPool,
} from './names';
export {
  MAX_RETENTION_DAYS, validateBucketName, validateDays, validateKmsKeyName, validateLocation, validateNamespaces, validateProjectId, validateServiceAccountId,
  validateSubjects,
} from './validate';

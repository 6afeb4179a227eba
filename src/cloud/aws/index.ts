/**
 * `argo-stack/aws`: the AWS side of an argo-stack install as a Pulumi component (the artifact
 * bucket and the identities of the service accounts that reach it), with its pure parts (the
 * checks, the names, the policy documents) for stacks and tests. Needs `@pulumi/pulumi` and
 * `@pulumi/aws` (optional peer dependencies of argo-stack).
 */
export { ArgoWorkflowsStorage, PERMISSION_POLICY_NAME } from './component';
export type { ArgoWorkflowsStorageArgs, StoragePlan } from './plan';
export { planStorage } from './plan';
export { AwsIdentity, AwsIdentityKind, grantsOf, mergeGrants, planRoles, roleOfSubject, subjectIdentities } from './identity';
export type { IrsaOptions, OptionNames, RolePlan, SubjectIdentity } from './identity';
export { ABORT_MULTIPART_DAYS, encryptionRule, lifecycleRules, UPLOADS_EXPIRY_DAYS } from './bucket';
export { coveringPrefixes, irsaTrustPolicy, permissionPolicy, podIdentityTrustPolicy, tlsOnlyBucketPolicy } from './policies';
export type { ObjectGrants, PermissionPolicyInput, PolicyDocument, PolicyStatement } from './policies';
export {
  ACCESS_KEY_SECRET, bucketArn, iamName, isNamespaced, MAX_IAM_NAME, NAMESPACED_KEY_FORMAT, oidcProviderArn, roleArn, s3Endpoint, UPLOADS_PREFIX,
} from './names';
export {
  checkIssuerMatchesProvider, MAX_RETENTION_DAYS, validateBucketName, validateClusterName, validateDays, validateIssuerUrl, validateKmsKeyArn,
  validateNamespaces, validateOidcProviderArn, validateSubjects,
} from './validate';

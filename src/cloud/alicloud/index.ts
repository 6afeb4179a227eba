/**
 * `argo-stack/alicloud`: the Alibaba Cloud side of an argo-stack install as a Pulumi component (the
 * OSS artifact bucket and the RRSA roles, or a RAM user's AccessKey, of the service accounts that
 * reach it), with its pure parts (the checks, the names, the policy documents) for stacks and
 * tests. Needs `@pulumi/pulumi` and `@pulumi/alicloud` (optional peer dependencies of argo-stack).
 */
export { AlicloudArtifactStorage } from './component';
export type { AlicloudArtifactStorageArgs, AlicloudStoragePlan } from './plan';
export { planAlicloudStorage } from './plan';
export { AlicloudIdentity, AlicloudIdentityKind, planRoles, subjectIdentities } from './identity';
export type { OptionNames, RolePlan, RrsaOptions, SubjectIdentity } from './identity';
export { ABORT_MULTIPART_DAYS, lifecycleRules, UPLOADS_EXPIRY_DAYS } from './bucket';
export { httpsOnlyBucketPolicy, permissionPolicy, rrsaTrustPolicy } from './policies';
export type { RamPolicyDocument, RamStatement } from './policies';
export {
  ACCESS_KEY_SECRET, ackOidcProviderName, MAX_RAM_NAME, NAMESPACED_KEY_FORMAT, oidcProviderArn, ossBucketResource, ossEndpoint, ossObjectsResource, ramName,
  RRSA_AUDIENCE, UPLOADS_PREFIX,
} from './names';
export {
  checkProviderMatchesCluster, MAX_RETENTION_DAYS, validateBucketName, validateClusterId, validateDays, validateIssuerUrl, validateNamePrefix,
  validateNamespaces, validateOidcProviderArn, validateRegion, validateSubjects,
} from './validate';

/**
 * `argo-stack/azure`: the Azure side of an argo-stack install as a Pulumi component (the storage
 * account, the private container and the identities of the service accounts that reach it), with
 * its pure parts (the checks, the names, the plan) for stacks and tests. Needs `@pulumi/pulumi` and
 * `@pulumi/azure-native` (optional peer dependencies of argo-stack).
 */
export { ArgoWorkflowsStorage } from './component';
export type { ClientIdPatch } from './component';
export type { ArgoWorkflowsStorageArgs, StoragePlan, StorageSku } from './plan';
export { planStorage } from './plan';
export { accessLevelOf, AzureIdentity, AzureIdentityKind, planIdentities, ROLE_OF, subjectIdentities } from './identity';
export type { AccessLevel, CredentialPlan, IdentityPlan, OptionNames, SubjectIdentity } from './identity';
export { accountSettings, lifecycleRules, UPLOADS_EXPIRY_DAYS } from './storage';
export {
  ACCOUNT_KEY_SECRET, blobEndpoint, credentialName, identityName, MAX_FEDERATED_CREDENTIALS, roleDefinitionId, STORAGE_BLOB_DATA_CONTRIBUTOR,
  STORAGE_BLOB_DATA_READER, UPLOADS_PREFIX, WORKLOAD_IDENTITY_AUDIENCE,
} from './names';
export {
  MAX_RETENTION_DAYS, validateContainerName, validateDays, validateIssuerUrl, validateLocation, validateNamePrefix, validateNamespaces,
  validateResourceGroupName, validateStorageAccountName, validateSubjects,
} from './validate';

/**
 * The public surface of argo-stack: the options and their union-like classes and enums, the
 * `ArgoWorkflows` construct with handles to its main objects, synthesis to files or plain objects,
 * and the manifest policy. Everything else is internal to the package.
 */

// Options of an install, by area.
export type { ArgoWorkflowsProps } from './config/options';
export { CrdMode, DEFAULT_NAMESPACE, InstallScope } from './config/install';
export type { InstallOptions } from './config/install';
export { DEFAULT_ARGO_VERSION, DEFAULT_IMAGE_REGISTRY, DEFAULT_JOBS_IMAGE } from './config/images';
export type { ArgoImages } from './config/images';
export { DEFAULT_NODE_SELECTOR, DEFAULT_RESOURCES } from './config/pod';
export type { PodOptions, TopologySpreadConstraint } from './config/pod';
export type { PodDisruptionBudgetOptions } from './config/availability';
export { LogFormat, LogLevel } from './config/logging';
export type { LogOptions } from './config/logging';
export type { ControllerWorkers, WorkflowControllerOptions } from './config/controller';
export { AuthMode, TlsVersion } from './config/server';
export type { ArgoServerOptions } from './config/server';
export { Exposure, IngressController, IngressTls, ServerTls } from './config/exposure';
export type {
  CertManagerIssuerOptions, ExposureKind, ExposureOptions, GatewayBackendTlsOptions, GatewayExposureOptions, GatewayParentRef, IngressControllerKind,
  IngressExposureOptions, IngressTlsKind, LoadBalancerExposureOptions, ServerCertManagerOptions, ServerTlsKind,
} from './config/exposure';
export { ServerMetricsAuth } from './config/metrics';
export type { AlertThresholds, MetricsOptions, PrometheusRuleOptions, ServerMetricsOptions, ServiceMonitorOptions } from './config/metrics';
export { ARTIFACT_GC_SERVICE_ACCOUNT, DEFAULT_WORKFLOW_SERVICE_ACCOUNT, PodSecurityLevel } from './config/workflow-namespaces';
export type { WorkflowNamespaceOptions } from './config/workflow-namespaces';

// Workload identity, strict templates and executor tokens.
export {
  AZURE_CLIENT_ID_ANNOTATION, AZURE_USE_LABEL, GKE_SERVICE_ACCOUNT_ANNOTATION, IRSA_ROLE_ARN_ANNOTATION, RRSA_INJECTION_LABEL, RRSA_ROLE_NAME_ANNOTATION,
  validateAzureClientId, validateGcpServiceAccountEmail, validateIamRoleArn, validateRamRoleName, WorkloadIdentity, WorkloadIdentityKind,
} from './config/identity/workload-identity';
export type { WorkloadIdentityOptions } from './config/identity/identity';
export { subjectOf } from './config/identity/subjects';
export type { BucketAccess, ServiceAccountSubject, SubjectComponent } from './config/identity/subjects';
export { TemplateReferencing } from './config/templates/workflow-restrictions';
export type { WorkflowRestrictionsOptions } from './config/templates/workflow-restrictions';
export { RbacProfile } from './config/rbac';
export type { RbacFeatures, RbacOptions } from './config/rbac';
export { EXAMPLE_TEMPLATE_NAME } from './config/templates/example-template';

// Authentication.
export type { AuthOptions } from './config/auth';
export { AccessProfile } from './config/auth/profiles';
export { Sso, SsoKind } from './config/auth/sso';
export type { ArgoCdDexSsoOptions, OidcSsoOptions, SecretKeyRef, SsoCommonOptions } from './config/auth/sso';
export type { SsoRbacMapping, SsoRbacOptions } from './config/auth/sso-rbac';
export type { TokenLoginAccount, TokenLoginOptions } from './config/auth/token-login';

// Persistence.
export type { ConnectionPoolOptions, PersistenceOptions, SynchronizationOptions } from './config/persistence/options';
export { DatabaseEngine, DEFAULT_MYSQL_IMAGE, DEFAULT_POSTGRES_IMAGE, PostgresSslMode } from './config/persistence/database-options';
export type {
  AwsRdsIamAuthOptions, AzureTokenAuthOptions, DatabaseCaCertificate, DatabaseOptions, InClusterDatabaseOptions, MySqlOptions, PostgresOptions,
} from './config/persistence/database-options';

// Artifacts and credentials.
export { Credentials, CredentialsKind } from './config/credentials';
export type { ExternalSecretCredentialsOptions, GeneratedCredentialsOptions, SealedSecretCredentialsOptions, SecretStoreKind } from './config/credentials';
export { ArtifactRepository } from './config/storage/artifact-repository';
export { ArtifactRepositoryType, HdfsDataTransferProtection, S3AddressingStyle } from './config/storage/artifact-repository-options';
export type {
  ArtifactoryRepositoryOptions, AzureRepositoryOptions, GcsRepositoryOptions, HdfsRepositoryOptions, OssRepositoryOptions, PluginRepositoryOptions,
  RepositoryCommonOptions, S3RepositoryOptions,
} from './config/storage/artifact-repository-options';
export type { ArtifactRepositoriesOptions } from './config/storage/artifact-repositories';
export { DEFAULT_MINIO_CLIENT_IMAGE, DEFAULT_MINIO_IMAGE } from './config/storage/minio';
export type { MinioOptions, MinioTlsOptions } from './config/storage/minio';
export type { SecretOptions, StorageOptions } from './config/storage/storage';

// Argo's controller configuration, typed.
export type * from './config/controller-config';
export { CONTROLLER_CONFIG_KEYS, validateControllerConfig } from './config/controller-config/schema';

// The plan.
export { resolveArgoWorkflows } from './config/resolve';
export { Component, PORTS } from './config/endpoints';
export { ExternalPeer } from './config/endpoints';
export type { Endpoint, Flow, FlowSource, NamedPort } from './config/endpoints';
export { ExternalTarget, isExternalTarget, JobName } from './config/endpoints';
export type { ExternalDestination, FlowTarget } from './config/endpoints';
export { networkPolicyPlan } from './config/network';
export type {
  ApiServerOptions, LabelSelector, NetworkPlanInput, NetworkPolicyOptions, PeerSelectorOptions, PolicyPeer, PolicyPort, PolicyRule, ResolvedNetworkPolicies,
  ResolvedNetworkPolicy, WorkflowEgressOptions,
} from './config/network';
export { ValidationError } from './config/errors';

// Constructs.
export { ArgoWorkflows } from './k8s/argo-workflows';
export { NetworkPolicies } from './k8s/network-policies';
export type { NetworkPoliciesProps } from './k8s/network-policies';
export { WorkflowController } from './k8s/controller';
export { ArgoServer } from './k8s/server';
export { ArgoMetrics } from './k8s/metrics';
export { ControllerConfigMap, CONTROLLER_CONFIGMAP } from './k8s/controller-config';

// Output.
export { synthesize, toObjects } from './render';
export { optionsFromData } from './config/file';
export { OPTIONS_FILE_EXTENSIONS, optionsFromText, readOptionsDocuments, readOptionsFile } from './cli/options-file';
export { checkManifests } from './policy';
export type { CheckOptions, Finding, FindingLevel } from './policy';

/**
 * A typed model of Argo Workflows v4.1.2's controller `Config` (config/config.go). Every property
 * name is Argo's JSON field name, so the model renders to the configmap without translation, and
 * `controller-config-schema.ts` rejects any key Argo does not know, at every depth.
 */
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1SecretKeySelector as SecretKeySelector } from 'kubernetes-models/v1/SecretKeySelector';
import type { IIoK8sApiCoreV1ConfigMapKeySelector as ConfigMapKeySelector } from 'kubernetes-models/v1/ConfigMapKeySelector';
import type { IIoK8sApimachineryPkgApisMetaV1LabelSelector as LabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import type { IIoK8sApiCoreV1PodSecurityContext as PodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IIoK8sApiCoreV1Toleration as Toleration } from 'kubernetes-models/v1/Toleration';
import type { IIoK8sApiCoreV1Affinity as Affinity } from 'kubernetes-models/v1/Affinity';
import type { IIoK8sApiCoreV1LocalObjectReference as LocalObjectReference } from 'kubernetes-models/v1/LocalObjectReference';

/** A core/v1 Container used as defaults: every field optional, `name` included. */
export type ContainerDefaults = Partial<Container>;

export type { Container, SecretKeySelector, ConfigMapKeySelector, LabelSelector, PodSecurityContext };

/**
 * A TTL as Argo's `config.TTL` parses it: a whole number with one unit `d`, `h`, `m` or `s`
 * (`30d`, `12h`, `0s`). Compound values such as `1h30m` make the controller exit.
 */
export type Ttl = string;

/** A Go duration string (`5s`, `1m30s`), used by `podGCDeleteDelayDuration` and `initialDelay`. */
export type GoDuration = string;

export interface NodeEvents {
  readonly enabled?: boolean;
  readonly sendAsPod?: boolean;
}

export interface WorkflowEvents {
  readonly enabled?: boolean;
}

export interface KubeConfig {
  readonly secretName: string;
  readonly secretKey: string;
  readonly volumeName?: string;
  readonly mountPath?: string;
}

export interface MetricModifier {
  readonly disabled?: boolean;
  readonly disabledAttributes?: string[];
  readonly histogramBuckets?: number[];
}

export interface MetricsConfig {
  readonly enabled?: boolean;
  readonly disableLegacy?: boolean;
  readonly metricsTTL?: Ttl;
  readonly path?: string;
  readonly port?: number;
  readonly ignoreErrors?: boolean;
  readonly secure?: boolean;
  readonly modifiers?: Record<string, MetricModifier>;
  readonly temporality?: 'Cumulative' | 'Delta';
}

export interface ResourceRateLimit {
  readonly limit: number;
  readonly burst: number;
}

export interface ConnectionPool {
  readonly maxIdleConns?: number;
  readonly maxOpenConns?: number;
  readonly connMaxLifetime?: Ttl;
}

export interface DatabaseConfig {
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  readonly tableName?: string;
  readonly userNameSecret?: SecretKeySelector;
  readonly passwordSecret?: SecretKeySelector;
}

export interface AzureTokenConfig {
  readonly enabled?: boolean;
  readonly scope?: string;
}

export interface AwsRdsTokenConfig {
  readonly enabled?: boolean;
  readonly region?: string;
}

export interface PostgreSQLConfig extends DatabaseConfig {
  readonly ssl?: boolean;
  readonly sslMode?: 'disable' | 'require' | 'verify-ca' | 'verify-full' | 'prefer' | 'allow';
  readonly azureToken?: AzureTokenConfig;
  readonly awsRDSToken?: AwsRdsTokenConfig;
}

export interface MySQLConfig extends DatabaseConfig {
  readonly options?: Record<string, string>;
}

export interface ReconnectionConfig {
  readonly maxRetries?: number;
  readonly baseDelaySeconds?: number;
  readonly maxDelaySeconds?: number;
  readonly retryMultiple?: number;
}

/** Fields shared by `persistence` and `synchronization`. */
export interface DbConfig {
  readonly postgresql?: PostgreSQLConfig;
  readonly mysql?: MySQLConfig;
  readonly connectionPool?: ConnectionPool;
  readonly reconnectionConfig?: ReconnectionConfig;
  readonly connectionTimeoutSeconds?: number;
}

export interface PersistConfig extends DbConfig {
  readonly nodeStatusOffLoad?: boolean;
  readonly archive?: boolean;
  readonly archiveLabelSelector?: LabelSelector;
  readonly archiveTTL?: Ttl;
  readonly clusterName?: string;
  readonly skipMigration?: boolean;
}

export interface SyncConfig extends DbConfig {
  readonly controllerName?: string;
  readonly enableAPI?: boolean;
  readonly skipMigration?: boolean;
  readonly limitTableName?: string;
  readonly stateTableName?: string;
  readonly controllerTableName?: string;
  readonly lockTableName?: string;
  readonly pollSeconds?: number;
  readonly heartbeatSeconds?: number;
  readonly inactiveControllerSeconds?: number;
  readonly semaphoreLimitCacheSeconds?: number;
}

export type LinkScope = 'workflow' | 'pod' | 'pod-logs' | 'event-source-logs' | 'sensor-logs' | 'workflow-list' | 'chat';

export interface Link {
  readonly name: string;
  readonly scope: LinkScope;
  readonly url: string;
  readonly target?: string;
}

export interface Column {
  readonly name: string;
  readonly type: 'label' | 'annotation';
  readonly key: string;
}

export interface PodSpecLogStrategy {
  readonly failedPod?: boolean;
  readonly allPods?: boolean;
}

export interface WorkflowRestrictions {
  readonly templateReferencing?: 'Strict' | 'Secure';
}

export interface ImageEntrypoint {
  readonly entrypoint?: string[];
  readonly cmd?: string[];
}

export interface RetentionPolicy {
  readonly completed?: number;
  readonly failed?: number;
  readonly errored?: number;
}

export interface SsoRbacConfig {
  readonly enabled?: boolean;
}

export interface SsoConfig {
  readonly issuer: string;
  readonly issuerAlias?: string;
  readonly clientId: SecretKeySelector;
  readonly clientSecret: SecretKeySelector;
  readonly redirectUrl?: string;
  readonly rbac?: SsoRbacConfig;
  readonly scopes?: string[];
  readonly sessionExpiry?: GoDuration;
  readonly customGroupClaimName?: string;
  readonly userInfoPath?: string;
  readonly insecureSkipVerify?: boolean;
  readonly filterGroupsRegex?: string[];
  readonly rootCA?: string;
}

export interface ArtifactDriver {
  readonly name: string;
  readonly image: string;
  readonly connectionTimeoutSeconds?: number;
}

export interface FailedPodRestart {
  readonly enabled?: boolean;
  readonly maxRestarts?: number;
}

export interface InitlessPod {
  readonly enabled?: boolean;
}

// ---- artifact repositories (pkg/apis/workflow/v1alpha1) ----

export interface CreateS3BucketOptions {
  readonly objectLocking?: boolean;
}

export interface S3EncryptionOptions {
  readonly kmsKeyId?: string;
  readonly kmsEncryptionContext?: string;
  readonly enableEncryption?: boolean;
  readonly serverSideCustomerKeySecret?: SecretKeySelector;
}

export interface S3ArtifactRepository {
  readonly endpoint?: string;
  readonly bucket?: string;
  readonly region?: string;
  readonly insecure?: boolean;
  readonly accessKeySecret?: SecretKeySelector;
  readonly secretKeySecret?: SecretKeySelector;
  readonly sessionTokenSecret?: SecretKeySelector;
  readonly roleARN?: string;
  readonly useSDKCreds?: boolean;
  readonly createBucketIfNotPresent?: CreateS3BucketOptions;
  readonly encryptionOptions?: S3EncryptionOptions;
  readonly caSecret?: SecretKeySelector;
  readonly addressingStyle?: '' | 'path' | 'virtual-hosted';
  readonly keyFormat?: string;
  readonly keyPrefix?: string;
}

export interface GcsArtifactRepository {
  readonly bucket?: string;
  readonly serviceAccountKeySecret?: SecretKeySelector;
  readonly keyFormat?: string;
}

export interface AzureArtifactRepository {
  readonly endpoint: string;
  readonly container: string;
  readonly accountKeySecret?: SecretKeySelector;
  readonly useSDKCreds?: boolean;
  readonly blobNameFormat?: string;
}

export interface OssLifecycleRule {
  readonly markInfrequentAccessAfterDays?: number;
  readonly markDeletionAfterDays?: number;
}

export interface OssArtifactRepository {
  readonly endpoint?: string;
  readonly bucket?: string;
  readonly accessKeySecret?: SecretKeySelector;
  readonly secretKeySecret?: SecretKeySelector;
  readonly createBucketIfNotPresent?: boolean;
  readonly securityToken?: string;
  readonly lifecycleRule?: OssLifecycleRule;
  readonly useSDKCreds?: boolean;
  readonly keyFormat?: string;
}

export interface ArtifactoryArtifactRepository {
  readonly repoURL?: string;
  readonly usernameSecret?: SecretKeySelector;
  readonly passwordSecret?: SecretKeySelector;
  readonly keyFormat?: string;
}

export interface HdfsArtifactRepository {
  readonly addresses?: string[];
  readonly hdfsUser?: string;
  readonly dataTransferProtection?: string;
  readonly krbCCacheSecret?: SecretKeySelector;
  readonly krbKeytabSecret?: SecretKeySelector;
  readonly krbUsername?: string;
  readonly krbRealm?: string;
  readonly krbConfigConfigMap?: ConfigMapKeySelector;
  readonly krbServicePrincipalName?: string;
  readonly pathFormat?: string;
  readonly force?: boolean;
}

export interface PluginArtifactRepository {
  readonly name: string;
  readonly configuration?: string;
  readonly keyFormat?: string;
}

/** One artifact repository: `archiveLogs` plus exactly one driver. */
export interface ArtifactRepositorySpec {
  readonly archiveLogs?: boolean;
  readonly s3?: S3ArtifactRepository;
  readonly gcs?: GcsArtifactRepository;
  readonly azure?: AzureArtifactRepository;
  readonly oss?: OssArtifactRepository;
  readonly artifactory?: ArtifactoryArtifactRepository;
  readonly hdfs?: HdfsArtifactRepository;
  readonly plugin?: PluginArtifactRepository;
}

// ---- workflowDefaults: the commonly used subset of a Workflow ----

export interface TtlStrategy {
  readonly secondsAfterCompletion?: number;
  readonly secondsAfterSuccess?: number;
  readonly secondsAfterFailure?: number;
}

export interface PodGC {
  readonly strategy?: 'OnPodCompletion' | 'OnPodSuccess' | 'OnWorkflowCompletion' | 'OnWorkflowSuccess';
  readonly labelSelector?: LabelSelector;
  readonly deleteDelayDuration?: GoDuration;
}

export interface ArtifactRepositoryRef {
  readonly configMap?: string;
  readonly key?: string;
}

export interface PodMetadata {
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

export interface ExecutorConfig {
  readonly serviceAccountName?: string;
}

/** The Workflow spec fields argo-stack types; other WorkflowSpec fields are checked by name only. */
/** Workflow-level artifact garbage collection (`spec.artifactGC`). */
export interface WorkflowLevelArtifactGC {
  readonly strategy?: '' | 'OnWorkflowCompletion' | 'OnWorkflowDeletion' | 'Never';
  readonly serviceAccountName?: string;
  readonly podMetadata?: PodMetadata;
  readonly forceFinalizerRemoval?: boolean;
  readonly podSpecPatch?: string;
}

export interface WorkflowDefaultsSpec {
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly executor?: ExecutorConfig;
  readonly securityContext?: PodSecurityContext;
  readonly ttlStrategy?: TtlStrategy;
  readonly podGC?: PodGC;
  readonly activeDeadlineSeconds?: number;
  readonly parallelism?: number;
  readonly archiveLogs?: boolean;
  readonly artifactRepositoryRef?: ArtifactRepositoryRef;
  readonly podMetadata?: PodMetadata;
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: Toleration[];
  readonly affinity?: Affinity;
  readonly imagePullSecrets?: LocalObjectReference[];
  readonly podPriorityClassName?: string;
  readonly schedulerName?: string;
  readonly podDisruptionBudget?: { readonly minAvailable?: number | string; readonly maxUnavailable?: number | string };
  readonly workflowMetadata?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly artifactGC?: WorkflowLevelArtifactGC;
}

export interface WorkflowDefaults {
  readonly metadata?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly spec?: WorkflowDefaultsSpec;
}

/** Argo v4.1.2's controller `Config`: all 31 top-level keys. */
export interface ControllerConfig {
  readonly nodeEvents?: NodeEvents;
  readonly workflowEvents?: WorkflowEvents;
  /** Defaults for the init and wait containers of workflow pods. */
  readonly executor?: ContainerDefaults;
  /** Defaults merged into the main container of workflow pods. */
  readonly mainContainer?: ContainerDefaults;
  readonly kubeConfig?: KubeConfig;
  readonly artifactRepository?: ArtifactRepositorySpec;
  readonly namespace?: string;
  readonly instanceID?: string;
  readonly metricsConfig?: MetricsConfig;
  readonly telemetryConfig?: MetricsConfig;
  readonly parallelism?: number;
  readonly namespaceParallelism?: number;
  readonly resourceRateLimit?: ResourceRateLimit;
  readonly persistence?: PersistConfig;
  readonly links?: Link[];
  readonly columns?: Column[];
  readonly workflowDefaults?: WorkflowDefaults;
  readonly podSpecLogStrategy?: PodSpecLogStrategy;
  readonly podGCGracePeriodSeconds?: number;
  readonly podGCDeleteDelayDuration?: GoDuration;
  readonly workflowRestrictions?: WorkflowRestrictions;
  readonly initialDelay?: GoDuration;
  readonly images?: Record<string, ImageEntrypoint>;
  readonly retentionPolicy?: RetentionPolicy;
  readonly navColor?: string;
  readonly sso?: SsoConfig;
  readonly synchronization?: SyncConfig;
  readonly artifactDrivers?: ArtifactDriver[];
  readonly failedPodRestart?: FailedPodRestart;
  readonly disableAgentPodCreation?: boolean;
  readonly initlessPod?: InitlessPod;
}

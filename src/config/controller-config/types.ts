/**
 * A typed model of Argo Workflows v4.1.2's controller `Config` (config/config.go). Every type here
 * is derived from the one definition in `definition.ts`, which
 * `schema.ts` also checks values against, so the two cannot drift. Property
 * names are Argo's JSON field names, and each carries its doc comment from the definition.
 */
import type { IIoK8sApimachineryPkgApisMetaV1LabelSelector as LabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import type { IIoK8sApiCoreV1ConfigMapKeySelector as ConfigMapKeySelector } from 'kubernetes-models/v1/ConfigMapKeySelector';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1PodSecurityContext as PodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IIoK8sApiCoreV1SecretKeySelector as SecretKeySelector } from 'kubernetes-models/v1/SecretKeySelector';
import type { ARTIFACT_REPOSITORY } from './_definition-artifacts';
import type { DATABASE, DB_CONNECTION } from './_definition-database';
import type { CONTAINER } from './_definition-kubernetes';
import type { GoDuration, Infer, ObjectOf, Ttl } from './_shape';
import type { CONTROLLER_CONFIG } from './definition';

export type { Container, SecretKeySelector, ConfigMapKeySelector, LabelSelector, PodSecurityContext, Ttl, GoDuration };

/** Argo v4.1.2's controller `Config`: all 31 top-level keys. */
export type ControllerConfig = Infer<typeof CONTROLLER_CONFIG>;

/** The type of key `K` of `T`, without `undefined`. */
type Part<T, K extends keyof T> = NonNullable<T[K]>;

/** A core/v1 Container used as defaults: every field optional, `name` included. */
export type ContainerDefaults = Infer<typeof CONTAINER>;

export type NodeEvents = Part<ControllerConfig, 'nodeEvents'>;
export type WorkflowEvents = Part<ControllerConfig, 'workflowEvents'>;
export type KubeConfig = Part<ControllerConfig, 'kubeConfig'>;
export type MetricsConfig = Part<ControllerConfig, 'metricsConfig'>;
export type MetricModifier = Part<MetricsConfig, 'modifiers'>[string];
export type ResourceRateLimit = Part<ControllerConfig, 'resourceRateLimit'>;

// ---- databases: persistence and synchronization ----

/** Fields both database engines have. */
export type DatabaseConfig = ObjectOf<typeof DATABASE>;
/** Fields shared by `persistence` and `synchronization`. */
export type DbConfig = ObjectOf<typeof DB_CONNECTION>;
export type PostgreSQLConfig = Part<DbConfig, 'postgresql'>;
export type MySQLConfig = Part<DbConfig, 'mysql'>;
export type ConnectionPool = Part<DbConfig, 'connectionPool'>;
export type ReconnectionConfig = Part<DbConfig, 'reconnectionConfig'>;
export type AzureTokenConfig = Part<PostgreSQLConfig, 'azureToken'>;
export type AwsRdsTokenConfig = Part<PostgreSQLConfig, 'awsRDSToken'>;
export type PersistConfig = Part<ControllerConfig, 'persistence'>;
export type SyncConfig = Part<ControllerConfig, 'synchronization'>;

// ---- the UI, argo-server and the controller's behaviour ----

export type Link = Part<ControllerConfig, 'links'>[number];
export type LinkScope = Link['scope'];
export type Column = Part<ControllerConfig, 'columns'>[number];
export type PodSpecLogStrategy = Part<ControllerConfig, 'podSpecLogStrategy'>;
export type WorkflowRestrictions = Part<ControllerConfig, 'workflowRestrictions'>;
export type ImageEntrypoint = Part<ControllerConfig, 'images'>[string];
export type RetentionPolicy = Part<ControllerConfig, 'retentionPolicy'>;
export type SsoConfig = Part<ControllerConfig, 'sso'>;
export type SsoRbacConfig = Part<SsoConfig, 'rbac'>;
export type ArtifactDriver = Part<ControllerConfig, 'artifactDrivers'>[number];
export type FailedPodRestart = Part<ControllerConfig, 'failedPodRestart'>;
export type InitlessPod = Part<ControllerConfig, 'initlessPod'>;

// ---- artifact repositories (pkg/apis/workflow/v1alpha1) ----

/** One artifact repository: `archiveLogs` plus exactly one driver. */
export type ArtifactRepositorySpec = Infer<typeof ARTIFACT_REPOSITORY>;
export type S3ArtifactRepository = Part<ArtifactRepositorySpec, 's3'>;
export type CreateS3BucketOptions = Part<S3ArtifactRepository, 'createBucketIfNotPresent'>;
export type S3EncryptionOptions = Part<S3ArtifactRepository, 'encryptionOptions'>;
export type GcsArtifactRepository = Part<ArtifactRepositorySpec, 'gcs'>;
export type AzureArtifactRepository = Part<ArtifactRepositorySpec, 'azure'>;
export type OssArtifactRepository = Part<ArtifactRepositorySpec, 'oss'>;
export type OssLifecycleRule = Part<OssArtifactRepository, 'lifecycleRule'>;
export type ArtifactoryArtifactRepository = Part<ArtifactRepositorySpec, 'artifactory'>;
export type HdfsArtifactRepository = Part<ArtifactRepositorySpec, 'hdfs'>;
export type PluginArtifactRepository = Part<ArtifactRepositorySpec, 'plugin'>;

// ---- workflowDefaults: a Workflow merged into every Workflow ----

export type WorkflowDefaults = Part<ControllerConfig, 'workflowDefaults'>;
/** The Workflow spec fields; those argo-stack does not model are `unknown`. */
export type WorkflowDefaultsSpec = Part<WorkflowDefaults, 'spec'>;
export type ExecutorConfig = Part<WorkflowDefaultsSpec, 'executor'>;
export type TtlStrategy = Part<WorkflowDefaultsSpec, 'ttlStrategy'>;
export type PodGC = Part<WorkflowDefaultsSpec, 'podGC'>;
export type ArtifactRepositoryRef = Part<WorkflowDefaultsSpec, 'artifactRepositoryRef'>;
export type PodMetadata = Part<WorkflowDefaultsSpec, 'podMetadata'>;
/** Workflow-level artifact garbage collection (`spec.artifactGC`). */
export type WorkflowLevelArtifactGC = Part<WorkflowDefaultsSpec, 'artifactGC'>;

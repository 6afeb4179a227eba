/**
 * The options of the `ArtifactRepository` factories, one interface per driver, and the closed sets
 * of values they take. Validation and rendering are in `artifact-repository.ts`.
 */
import type { ConfigMapKeySelector, CreateS3BucketOptions, OssLifecycleRule, S3EncryptionOptions, SecretKeySelector } from '../controller-config';
import type { EnumValue } from '../check';

/** The repository drivers Argo Workflows v4.1.2 knows. */
export enum ArtifactRepositoryType {
  S3 = 's3',
  GCS = 'gcs',
  AZURE = 'azure',
  OSS = 'oss',
  ARTIFACTORY = 'artifactory',
  HDFS = 'hdfs',
  PLUGIN = 'plugin',
}

/** S3 `addressingStyle`. Omit it for Argo's auto-detection (virtual-hosted for AWS, path style elsewhere). */
export enum S3AddressingStyle {
  /** `https://<endpoint>/<bucket>/<key>`: MinIO, Ceph and most S3-compatible stores. */
  PATH = 'path',
  /** `https://<bucket>.<endpoint>/<key>`: AWS S3. */
  VIRTUAL_HOSTED = 'virtual-hosted',
}

/** HDFS `dataTransferProtection` (Hadoop's `dfs.data.transfer.protection`). */
export enum HdfsDataTransferProtection {
  AUTHENTICATION = 'authentication',
  INTEGRITY = 'integrity',
  PRIVACY = 'privacy',
}

/** Options every repository type has. */
export interface RepositoryCommonOptions {
  /**
   * Archive the main container's logs of every workflow pod into this repository.
   * @default - not set (Argo's default: false, unless a workflow or template asks for it)
   */
  readonly archiveLogs?: boolean;
}

export interface S3RepositoryOptions extends RepositoryCommonOptions {
  /** The bucket (S3 naming rules: 3-63 characters of a-z, 0-9, "." and "-"). */
  readonly bucket: string;
  /**
   * The S3 endpoint as `host[:port]`, without a scheme: Argo uses HTTPS, or HTTP with `insecure: true`.
   * @default "s3.amazonaws.com"
   */
  readonly endpoint?: string;
  /** The bucket's region (needed by some S3-compatible stores and for bucket creation). @default - detected by Argo */
  readonly region?: string;
  /** Use plain HTTP instead of HTTPS. @default false */
  readonly insecure?: boolean;
  /**
   * Object key pattern; may use Argo variables such as `{{workflow.name}}`, `{{pod.name}}` and
   * `{{workflow.creationTimestamp.Y}}`.
   * @default - Argo's `{{workflow.name}}/{{pod.name}}`
   */
  readonly keyFormat?: string;
  /** Use the AWS SDK credential chain (IRSA, EKS Pod Identity, instance profile). @default false */
  readonly useSDKCreds?: boolean;
  /** An IAM role to assume (without static keys). @default - none */
  readonly roleARN?: string;
  /** Secret key holding the access key id. Requires `secretKeySecret`. @default - no static keys */
  readonly accessKeySecret?: SecretKeySelector;
  /** Secret key holding the secret access key. Requires `accessKeySecret`. @default - no static keys */
  readonly secretKeySecret?: SecretKeySelector;
  /** Secret key holding a session token for temporary static keys. @default - none */
  readonly sessionTokenSecret?: SecretKeySelector;
  /** Secret key holding the PEM CA that signed the endpoint's certificate (HTTPS only). @default - system CAs */
  readonly caSecret?: SecretKeySelector;
  /** Server-side encryption. @default - none */
  readonly encryptionOptions?: S3EncryptionOptions;
  /**
   * Create the bucket when an artifact is saved and it does not exist. `true` renders `{}`; an object
   * may set `objectLocking`.
   * @default false
   */
  readonly createBucketIfNotPresent?: boolean | CreateS3BucketOptions;
  /** Path or virtual-hosted-style requests. @default - auto-detected by Argo */
  readonly addressingStyle?: EnumValue<S3AddressingStyle>;
}

export interface GcsRepositoryOptions extends RepositoryCommonOptions {
  /** The bucket (GCS naming rules). */
  readonly bucket: string;
  /**
   * Secret key holding a service account JSON key.
   * @default - none: Workload Identity (the workflow service account's GCP identity) is used
   */
  readonly serviceAccountKeySecret?: SecretKeySelector;
  /** Object key pattern (see `S3RepositoryOptions.keyFormat`). @default - Argo's `{{workflow.name}}/{{pod.name}}` */
  readonly keyFormat?: string;
}

export interface AzureRepositoryOptions extends RepositoryCommonOptions {
  /** The blob service URL, `https://<account>.blob.core.windows.net` (the first host label is the storage account). */
  readonly endpoint: string;
  /** The blob container (3-63 characters of a-z, 0-9 and "-", no "--"). */
  readonly container: string;
  /**
   * Secret key holding the storage account access key, or a SAS token (Argo recognizes a SAS token
   * and sends it as the URL query instead of signing with a shared key). Exactly one of
   * `accountKeySecret` and `useSDKCreds`.
   * @default - none
   */
  readonly accountKeySecret?: SecretKeySelector;
  /** Use Azure's default credential chain (AKS Workload Identity). Exactly one of this and `accountKeySecret`. @default false */
  readonly useSDKCreds?: boolean;
  /** Blob name pattern (see `S3RepositoryOptions.keyFormat`). @default - Argo's `{{workflow.name}}/{{pod.name}}` */
  readonly blobNameFormat?: string;
}

export interface OssRepositoryOptions extends RepositoryCommonOptions {
  /** The OSS endpoint as an `https://` URL, e.g. `https://oss-cn-hangzhou.aliyuncs.com` (the SDK uses HTTP without a scheme). */
  readonly endpoint: string;
  /** The bucket (3-63 characters of a-z, 0-9 and "-"). */
  readonly bucket: string;
  /** Secret key holding the AccessKey ID. With `secretKeySecret`; exactly one of the keys and `useSDKCreds`. @default - none */
  readonly accessKeySecret?: SecretKeySelector;
  /** Secret key holding the AccessKey secret. With `accessKeySecret`. @default - none */
  readonly secretKeySecret?: SecretKeySelector;
  /** Create the bucket when an artifact is saved and it does not exist. @default false */
  readonly createBucketIfNotPresent?: boolean;
  /**
   * Not supported: Argo takes `securityToken` as a literal string, which would put a credential in
   * plain text into a ConfigMap. Use `useSDKCreds` (ACK RRSA) instead.
   * @default - none (setting it is an error)
   */
  readonly securityToken?: string;
  /** Lifecycle rule Argo applies to the bucket. @default - none */
  readonly lifecycleRule?: OssLifecycleRule;
  /** Use the Alibaba Cloud credential chain (ACK RRSA). Exactly one of this and the key secrets. @default false */
  readonly useSDKCreds?: boolean;
  /** Object key pattern (see `S3RepositoryOptions.keyFormat`). @default - Argo's `{{workflow.name}}/{{pod.name}}` */
  readonly keyFormat?: string;
}

export interface ArtifactoryRepositoryOptions extends RepositoryCommonOptions {
  /** The repository URL (`https://` or `http://`), e.g. `https://artifactory.example.com/artifactory/generic-local`. */
  readonly repoURL: string;
  /** Secret key holding the user name. */
  readonly usernameSecret: SecretKeySelector;
  /** Secret key holding the password or API key. */
  readonly passwordSecret: SecretKeySelector;
  /** Path pattern under `repoURL` (see `S3RepositoryOptions.keyFormat`). @default - Argo's `{{workflow.name}}/{{pod.name}}` */
  readonly keyFormat?: string;
}

export interface HdfsRepositoryOptions extends RepositoryCommonOptions {
  /** Namenode addresses, each `host:port`. At least one. */
  readonly addresses: string[];
  /** The HDFS user (without Kerberos). One of `hdfsUser`, `krbCCacheSecret` and `krbKeytabSecret` is required. @default - none */
  readonly hdfsUser?: string;
  /** `dfs.data.transfer.protection` of the cluster. @default - none */
  readonly dataTransferProtection?: EnumValue<HdfsDataTransferProtection>;
  /** Secret key holding a Kerberos credential cache. Needs `krbConfigConfigMap` and `krbServicePrincipalName`. @default - none */
  readonly krbCCacheSecret?: SecretKeySelector;
  /** Secret key holding a Kerberos keytab. Needs `krbUsername`, `krbRealm`, `krbConfigConfigMap`, `krbServicePrincipalName`. @default - none */
  readonly krbKeytabSecret?: SecretKeySelector;
  /** Kerberos user name (with a keytab). @default - none */
  readonly krbUsername?: string;
  /** Kerberos realm (with a keytab). @default - none */
  readonly krbRealm?: string;
  /** ConfigMap key holding `krb5.conf`. @default - none */
  readonly krbConfigConfigMap?: ConfigMapKeySelector;
  /** The namenode's Kerberos service principal name. @default - none */
  readonly krbServicePrincipalName?: string;
  /**
   * Absolute path pattern (see `S3RepositoryOptions.keyFormat`); must start with "/".
   * @default "/{{workflow.name}}/{{pod.name}}" (rendered: Argo's own default is relative, which HDFS rejects)
   */
  readonly pathFormat?: string;
  /** Overwrite existing files. @default false */
  readonly force?: boolean;
}

export interface PluginRepositoryOptions extends RepositoryCommonOptions {
  /** The artifact driver plugin; must match an `artifactDrivers[].name` of the controller config (RFC 1123 label). */
  readonly name: string;
  /** Plugin-specific configuration, passed to the plugin as a string. @default - none */
  readonly configuration?: string;
  /** Key pattern (see `S3RepositoryOptions.keyFormat`). @default - Argo's `{{workflow.name}}/{{pod.name}}` */
  readonly keyFormat?: string;
}

/** The S3 endpoint used when none is given. */
export const DEFAULT_S3_ENDPOINT = 's3.amazonaws.com';
/** The HDFS path pattern used when none is given (Argo's default pattern, made absolute). */
export const DEFAULT_HDFS_PATH_FORMAT = '/{{workflow.name}}/{{pod.name}}';

/**
 * Argo's `ArtifactRepository` (pkg/apis/workflow/v1alpha1/artifact_repository_types.go and the
 * bucket types of workflow_types.go): the controller config's `artifactRepository`, and one key
 * of an `artifact-repositories` ConfigMap.
 */
import { CONFIGMAP_KEY_SELECTOR, SECRET_KEY_SELECTOR, strings } from './_definition-kubernetes';
import { bool, int, obj, oneOf, str } from './_shape';

/** An `s3` repository: AWS S3 or any S3-compatible store. */
export const S3 = obj({
  /** Host (and port) of the S3 endpoint, without a scheme, e.g. `s3.amazonaws.com` or `minio:9000`. */
  endpoint: str,
  /** Name of the bucket. */
  bucket: str,
  /** Region of the bucket. @default - the client's default */
  region: str,
  /** Connect without TLS. @default false */
  insecure: bool,
  /** Secret key holding the access key ID. */
  accessKeySecret: SECRET_KEY_SELECTOR,
  /** Secret key holding the secret access key. */
  secretKeySecret: SECRET_KEY_SELECTOR,
  /** Secret key holding a session token, for temporary credentials such as an assumed IAM role. */
  sessionTokenSecret: SECRET_KEY_SELECTOR,
  /** ARN of an IAM role to assume. */
  roleARN: str,
  /** Find credentials the way the AWS SDK does (IRSA, instance profile, environment). @default false */
  useSDKCreds: bool,
  /** Create the bucket for output artifacts when it does not exist. @default - never created */
  createBucketIfNotPresent: obj({
    /** Create the bucket with object locking enabled. @default false */
    objectLocking: bool,
  }),
  /** Server-side encryption of the objects written. */
  encryptionOptions: obj({
    /** KMS key to encrypt objects with (SSE-KMS). */
    kmsKeyId: str,
    /** KMS encryption context, a JSON object as a string. */
    kmsEncryptionContext: str,
    /** Encrypt objects; SSE-S3 unless `kmsKeyId` or `serverSideCustomerKeySecret` is set. @default false */
    enableEncryption: bool,
    /** Secret key holding a customer-provided key (SSE-C). */
    serverSideCustomerKeySecret: SECRET_KEY_SELECTOR,
  }),
  /** Secret key holding a CA certificate (PEM) used to verify the endpoint's TLS certificate. */
  caSecret: SECRET_KEY_SELECTOR,
  /** How buckets are addressed: `""` detects it, `path` or `virtual-hosted` forces one. @default "" */
  addressingStyle: oneOf('', 'path', 'virtual-hosted'),
  /** Key of each artifact; may use workflow variables. @default "{{workflow.name}}/{{pod.name}}" */
  keyFormat: str,
  /** A prefix put in front of the default key format. @deprecated Use `keyFormat` instead. */
  keyPrefix: str,
});

/** A `gcs` repository: Google Cloud Storage. */
const GCS = obj({
  /** Name of the bucket. */
  bucket: str,
  /** Secret key holding a service account key (JSON). @default - Workload Identity or the node's credentials */
  serviceAccountKeySecret: SECRET_KEY_SELECTOR,
  /** Key of each artifact; may use workflow variables. @default "{{workflow.name}}/{{pod.name}}" */
  keyFormat: str,
});

/** An `azure` repository: Azure Blob Storage. */
const AZURE = obj({
  /** Blob service URL of the storage account, usually `https://<account>.blob.core.windows.net`. */
  endpoint: str,
  /** Blob container the artifacts are stored in. */
  container: str,
  /** Secret key holding the storage account's access key. */
  accountKeySecret: SECRET_KEY_SELECTOR,
  /** Find credentials the way the Azure SDK does (workload identity, managed identity). @default false */
  useSDKCreds: bool,
  /** Name of each blob; may use workflow variables. @default "{{workflow.name}}/{{pod.name}}" */
  blobNameFormat: str,
}, ['endpoint', 'container']);

/** An `oss` repository: Alibaba Cloud OSS. */
const OSS = obj({
  /** Host of the OSS endpoint. */
  endpoint: str,
  /** Name of the bucket. */
  bucket: str,
  /** Secret key holding the access key ID. */
  accessKeySecret: SECRET_KEY_SELECTOR,
  /** Secret key holding the access key secret. */
  secretKeySecret: SECRET_KEY_SELECTOR,
  /** Create the bucket for output artifacts when it does not exist (a boolean here, unlike S3). @default false */
  createBucketIfNotPresent: bool,
  /** The user's temporary security token (STS). */
  securityToken: str,
  /** Lifecycle rule put on the bucket. */
  lifecycleRule: obj({
    /** Days after which objects move to the Infrequent Access storage class. */
    markInfrequentAccessAfterDays: int,
    /** Days after which objects are deleted. */
    markDeletionAfterDays: int,
  }),
  /** Find credentials the way the Alibaba Cloud SDK does. @default false */
  useSDKCreds: bool,
  /** Key of each artifact; may use workflow variables. @default "{{workflow.name}}/{{pod.name}}" */
  keyFormat: str,
});

/** An `artifactory` repository: JFrog Artifactory. */
const ARTIFACTORY = obj({
  /** URL of the Artifactory repository; a `/` is appended when missing. */
  repoURL: str,
  /** Secret key holding the user name. */
  usernameSecret: SECRET_KEY_SELECTOR,
  /** Secret key holding the password. */
  passwordSecret: SECRET_KEY_SELECTOR,
  /** Path of each artifact under `repoURL`; may use workflow variables. @default "{{workflow.name}}/{{pod.name}}" */
  keyFormat: str,
});

/** An `hdfs` repository: Hadoop HDFS. */
const HDFS = obj({
  /** Addresses (`host:port`) of the HDFS name nodes. */
  addresses: strings,
  /** User that accesses HDFS; ignored when a Kerberos ccache or keytab is used. */
  hdfsUser: str,
  /** Protection of HDFS data transfer, as `dfs.data.transfer.protection`. */
  dataTransferProtection: str,
  /** Secret key holding a Kerberos ccache. Set this or `krbKeytabSecret` to use Kerberos. */
  krbCCacheSecret: SECRET_KEY_SELECTOR,
  /** Secret key holding a Kerberos keytab. Set this or `krbCCacheSecret` to use Kerberos. */
  krbKeytabSecret: SECRET_KEY_SELECTOR,
  /** Kerberos user name; required with a keytab. */
  krbUsername: str,
  /** Kerberos realm; required with a keytab. */
  krbRealm: str,
  /** ConfigMap key holding `krb5.conf`; required with a ccache or keytab. */
  krbConfigConfigMap: CONFIGMAP_KEY_SELECTOR,
  /** Principal name of the Kerberos service; required with a ccache or keytab. */
  krbServicePrincipalName: str,
  /** Path of each file; may use workflow variables. @default "{{workflow.name}}/{{pod.name}}" */
  pathFormat: str,
  /** Overwrite a file that already exists. @default false */
  force: bool,
});

/** A `plugin` repository: an artifact driver plugin (new in v4). */
const PLUGIN = obj({
  /** Name of the driver; must match an `artifactDrivers[].name` of the controller config. */
  name: str,
  /** The driver's own configuration, as a string (often YAML). */
  configuration: str,
  /** Key of each artifact; may use workflow variables. @default "{{workflow.name}}/{{pod.name}}" */
  keyFormat: str,
}, ['name']);

/**
 * One artifact repository: `archiveLogs` and exactly one storage driver. `http`, `git` and `raw`
 * are artifact locations for templates, not repository types.
 */
export const ARTIFACT_REPOSITORY = obj({
  /** Archive the logs of every workflow pod into this repository. @default false */
  archiveLogs: bool,
  /** Store artifacts in S3 or an S3-compatible store such as MinIO. */
  s3: S3,
  /** Store artifacts in Google Cloud Storage. */
  gcs: GCS,
  /** Store artifacts in Azure Blob Storage. */
  azure: AZURE,
  /** Store artifacts in Alibaba Cloud OSS. */
  oss: OSS,
  /** Store artifacts in JFrog Artifactory. */
  artifactory: ARTIFACTORY,
  /** Store artifacts in HDFS. */
  hdfs: HDFS,
  /** Store artifacts through an artifact driver plugin listed in `artifactDrivers`. */
  plugin: PLUGIN,
});

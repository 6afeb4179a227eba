/**
 * Artifact repositories (Argo's `ArtifactRepository`): where workflows store output artifacts and
 * archived logs. One `ArtifactRepository` is one driver (`s3`, `gcs`, `azure`, `oss`, `artifactory`,
 * `hdfs` or `plugin`) plus `archiveLogs`, validated when its factory is called and rendered with
 * Argo's exact keys (`spec`), so it can go into the controller config `artifactRepository` or one key of
 * an `artifact-repositories` ConfigMap.
 *
 * Option paths in messages: every factory takes an optional last argument `path`, the option path of
 * the repository itself (for example `artifactRepositories.repositories["default"]`). Messages name
 * `<path>.<type>.<field>`; without it they name `<type>.<field>` (`s3.bucket`).
 *
 * The options and enums are in `artifact-repository-options.ts`, the `artifact-repositories`
 * ConfigMap in `artifact-repositories.ts`.
 */
import { OptionVariant } from '../variant';
import type { ArtifactRepositorySpec, ConfigMapKeySelector, SecretKeySelector } from '../controller-config';
import {
  ArtifactoryRepositoryOptions, ArtifactRepositoryType, AzureRepositoryOptions, DEFAULT_HDFS_PATH_FORMAT, DEFAULT_S3_ENDPOINT, GcsRepositoryOptions,
  HdfsDataTransferProtection, HdfsRepositoryOptions, OssRepositoryOptions, PluginRepositoryOptions, S3AddressingStyle, S3RepositoryOptions,
} from './artifact-repository-options';
import { inputOnly, ossLifecycleRule, pruneUndefined, s3CreateBucket, s3CredentialRules, s3EncryptionOptions, start } from './_artifact-checks';
import {
  AZURE_ACCOUNT, checkHostPort, checkUrl, IPV4, suggestAzureAccount, validateAzureContainer, validateGcsBucket, validateKeyFormat, validateOssBucket,
  validateS3Bucket,
} from './_artifact-naming';
import { ARTIFACT_REPOSITORY, checkShape } from '../controller-config/schema';
import { conflict, invalid } from '../errors';
import { validateDnsLabel } from '../names';

// The name, reference and key-format checks, for the cloud components (they name buckets and containers too).
export {
  CREATION_TIMESTAMP_FORMATS, KEY_FORMAT_VARIABLES, validateAzureAccountName, validateAzureContainer, validateGcsBucket, validateKeyFormat,
  validateOssBucket, validateS3Bucket, validateSecretKeySelector,
} from './_artifact-naming';

/**
 * One artifact repository: a driver and its settings, validated and rendered with Argo's keys.
 * Build it with a static factory (`ArtifactRepository.s3({ bucket: "my-bucket" })`).
 */
export class ArtifactRepository extends OptionVariant {
  /**
   * AWS S3 or an S3-compatible store (MinIO, Ceph, ...).
   * @param path the option path of this repository, used in messages (`<path>.s3.<field>`)
   */
  public static s3(options: S3RepositoryOptions, path?: string): ArtifactRepository {
    const { c, o } = start(path, 's3', options, '{ bucket: "my-bucket" }');
    c.known(o, ['bucket', 'endpoint', 'region', 'insecure', 'keyFormat', 'useSDKCreds', 'roleARN', 'accessKeySecret', 'secretKeySecret',
      'sessionTokenSecret', 'caSecret', 'encryptionOptions', 'createBucketIfNotPresent', 'addressingStyle', 'archiveLogs'],
    { keyPrefix: 'keyPrefix is deprecated in Argo; use keyFormat, e.g. "my-prefix/{{workflow.name}}/{{pod.name}}"' });
    const bucket = validateS3Bucket(c.at('bucket'), o.bucket);
    const endpoint = o.endpoint === undefined ? DEFAULT_S3_ENDPOINT
      : checkHostPort(c.at('endpoint'), o.endpoint, 'a host with an optional port, like "s3.amazonaws.com" or "minio:9000"', 'minio:9000');
    if (o.region !== undefined && (typeof o.region !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(o.region))) {
      throw invalid(c.at('region'), o.region, 'it must be a region name of letters, digits, "-" and "_"', 'give a region like "us-east-1"');
    }
    const region = o.region as string | undefined;
    const insecure = c.bool('insecure', o.insecure);
    const keyFormat = c.format('keyFormat', o.keyFormat);
    const useSDKCreds = c.bool('useSDKCreds', o.useSDKCreds);
    let roleARN: string | undefined;
    if (o.roleARN !== undefined) {
      if (typeof o.roleARN !== 'string' || !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/.test(o.roleARN)) {
        throw invalid(c.at('roleARN'), o.roleARN, 'it must be an IAM role ARN like "arn:aws:iam::123456789012:role/argo-artifacts"', 'copy the role ARN from IAM');
      }
      roleARN = o.roleARN;
    }
    const accessKeySecret = c.secret('accessKeySecret', o.accessKeySecret);
    const secretKeySecret = c.secret('secretKeySecret', o.secretKeySecret);
    const sessionTokenSecret = c.secret('sessionTokenSecret', o.sessionTokenSecret);
    const caSecret = c.secret('caSecret', o.caSecret);

    s3CredentialRules(c, { accessKeySecret, secretKeySecret, sessionTokenSecret, caSecret, useSDKCreds, roleARN, insecure });

    const encryptionOptions = o.encryptionOptions === undefined ? undefined : s3EncryptionOptions(c, o.encryptionOptions, insecure);
    const createBucketIfNotPresent = s3CreateBucket(c, o.createBucketIfNotPresent);

    const addressingStyle = o.addressingStyle as S3AddressingStyle | undefined;
    if (addressingStyle !== undefined && !Object.values(S3AddressingStyle).includes(addressingStyle)) {
      throw invalid(c.at('addressingStyle'), addressingStyle, 'it must be "path" or "virtual-hosted"', 'use S3AddressingStyle.PATH or S3AddressingStyle.VIRTUAL_HOSTED, or omit it for auto-detection');
    }
    if (addressingStyle === S3AddressingStyle.VIRTUAL_HOSTED && bucket.includes('.') && insecure !== true) {
      throw conflict(`${c.at('bucket')} "${bucket}" contains "." and ${c.at('addressingStyle')} is "virtual-hosted": the host "${bucket}.${endpoint}" fails the TLS certificate check`,
        `use S3AddressingStyle.PATH (or omit addressingStyle), or a bucket name without "." such as ${JSON.stringify(bucket.replace(/\./g, '-'))}`);
    }
    const archiveLogs = c.bool('archiveLogs', o.archiveLogs);

    return ArtifactRepository.make(ArtifactRepositoryType.S3, c.path, {
      archiveLogs,
      s3: {
        endpoint, bucket, region, insecure, accessKeySecret, secretKeySecret, sessionTokenSecret, roleARN,
        useSDKCreds, createBucketIfNotPresent, encryptionOptions, caSecret, addressingStyle, keyFormat,
      },
    });
  }

  /**
   * Google Cloud Storage. Without `serviceAccountKeySecret`, Argo uses the pod's Workload Identity.
   * @param path the option path of this repository, used in messages (`<path>.gcs.<field>`)
   */
  public static gcs(options: GcsRepositoryOptions, path?: string): ArtifactRepository {
    const { c, o } = start(path, 'gcs', options, '{ bucket: "my-bucket" }');
    c.known(o, ['bucket', 'serviceAccountKeySecret', 'keyFormat', 'archiveLogs'],
      { useSDKCreds: 'GCS has no useSDKCreds: omit serviceAccountKeySecret to use Workload Identity' });
    const bucket = validateGcsBucket(c.at('bucket'), o.bucket);
    const serviceAccountKeySecret = c.secret('serviceAccountKeySecret', o.serviceAccountKeySecret);
    const keyFormat = c.format('keyFormat', o.keyFormat);
    const archiveLogs = c.bool('archiveLogs', o.archiveLogs);
    return ArtifactRepository.make(ArtifactRepositoryType.GCS, c.path, { archiveLogs, gcs: { bucket, serviceAccountKeySecret, keyFormat } });
  }

  /**
   * Azure Blob Storage, with an account key or SAS token Secret, or Workload Identity (`useSDKCreds`).
   * @param path the option path of this repository, used in messages (`<path>.azure.<field>`)
   */
  public static azure(options: AzureRepositoryOptions, path?: string): ArtifactRepository {
    const { c, o } = start(path, 'azure', options, '{ endpoint: "https://myaccount.blob.core.windows.net", container: "artifacts", useSDKCreds: true }');
    c.known(o, ['endpoint', 'container', 'accountKeySecret', 'useSDKCreds', 'blobNameFormat', 'archiveLogs'],
      { keyFormat: 'rename it to "blobNameFormat" (Azure\'s name for keyFormat)' });
    const what = 'the https URL of the storage account\'s blob service, like "https://myaccount.blob.core.windows.net"';
    const url = checkUrl(c.at('endpoint'), o.endpoint, ['https'], what, 'https://myaccount.blob.core.windows.net', false);
    // The account as Argo reads it: the first label of the host exactly as written (Go keeps its case).
    const host = (o.endpoint as string).replace(/^https:\/\//i, '').replace(/[/:?#].*$/, '');
    if (url.hostname !== host.toLowerCase() || IPV4.test(host) || host.startsWith('[') || host === 'localhost' || !host.includes('.')) {
      throw invalid(c.at('endpoint'), o.endpoint, 'its host must be a DNS name whose first label is the storage account, like "myaccount.blob.core.windows.net"',
        'use "https://<account>.blob.core.windows.net"');
    }
    const account = host.split('.')[0];
    // The account rule of validateAzureAccountName, reported on the endpoint the user wrote.
    if (!AZURE_ACCOUNT.test(account)) {
      throw invalid(c.at('endpoint'), o.endpoint, `its first host label ${JSON.stringify(account)} is the storage account name, which must be 3-24 lower-case letters and digits`,
        `use ${JSON.stringify(`https://${suggestAzureAccount(account)}.${host.split('.').slice(1).join('.')}`)}`);
    }
    const endpoint = o.endpoint as string;
    const container = validateAzureContainer(c.at('container'), o.container);
    const accountKeySecret = c.secret('accountKeySecret', o.accountKeySecret);
    const useSDKCreds = c.bool('useSDKCreds', o.useSDKCreds);
    if (accountKeySecret !== undefined && useSDKCreds === true) {
      throw conflict(`${c.at('accountKeySecret')} is set and ${c.at('useSDKCreds')} is true: Argo uses the SDK credentials and ignores the key`,
        'keep exactly one: remove accountKeySecret to use Workload Identity, or remove useSDKCreds to use the key or SAS token');
    }
    if (accountKeySecret === undefined && useSDKCreds !== true) {
      throw conflict(`${c.path} has neither accountKeySecret nor useSDKCreds: Argo needs exactly one of them to reach the container`,
        `set ${c.at('useSDKCreds')} to true (AKS Workload Identity), or set ${c.at('accountKeySecret')} to a Secret key holding the account key or a SAS token`);
    }
    const blobNameFormat = c.format('blobNameFormat', o.blobNameFormat);
    const archiveLogs = c.bool('archiveLogs', o.archiveLogs);
    return ArtifactRepository.make(ArtifactRepositoryType.AZURE, c.path, {
      archiveLogs, azure: { endpoint, container, accountKeySecret, useSDKCreds, blobNameFormat },
    });
  }

  /**
   * Alibaba Cloud OSS, with AccessKey Secrets or the SDK credential chain (ACK RRSA, `useSDKCreds`).
   * @param path the option path of this repository, used in messages (`<path>.oss.<field>`)
   */
  public static oss(options: OssRepositoryOptions, path?: string): ArtifactRepository {
    const { c, o } = start(path, 'oss', options, '{ endpoint: "https://oss-cn-hangzhou.aliyuncs.com", bucket: "my-bucket", useSDKCreds: true }');
    c.known(o, ['endpoint', 'bucket', 'accessKeySecret', 'secretKeySecret', 'createBucketIfNotPresent', 'lifecycleRule',
      'useSDKCreds', 'keyFormat', 'archiveLogs'], {}, ['securityToken']);
    if (o.endpoint !== undefined && typeof o.endpoint === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(o.endpoint) && /^[A-Za-z0-9.-]+(:\d+)?$/.test(o.endpoint)) {
      throw invalid(c.at('endpoint'), o.endpoint, 'it must be an https:// URL: without a scheme the OSS SDK uses plain HTTP', `use ${JSON.stringify(`https://${o.endpoint}`)}`);
    }
    checkUrl(c.at('endpoint'), o.endpoint, ['https'], 'an https:// URL of the OSS endpoint, like "https://oss-cn-hangzhou.aliyuncs.com"', 'https://oss-cn-hangzhou.aliyuncs.com', false);
    const endpoint = o.endpoint as string;
    const bucket = validateOssBucket(c.at('bucket'), o.bucket);
    if (o.securityToken !== undefined) {
      throw invalid(c.at('securityToken'), '<redacted>', 'Argo reads securityToken as a literal string, so the token would be stored in plain text in a ConfigMap',
        'remove it and set useSDKCreds: true to use ACK RRSA (or the key secrets)');
    }
    const accessKeySecret = c.secret('accessKeySecret', o.accessKeySecret);
    const secretKeySecret = c.secret('secretKeySecret', o.secretKeySecret);
    const useSDKCreds = c.bool('useSDKCreds', o.useSDKCreds);
    if ((accessKeySecret === undefined) !== (secretKeySecret === undefined)) {
      const [has, missing] = accessKeySecret ? ['accessKeySecret', 'secretKeySecret'] : ['secretKeySecret', 'accessKeySecret'];
      throw conflict(`${c.at(has)} is set without ${c.at(missing)}: OSS AccessKeys need both`, `set ${c.at(missing)} too, or remove ${c.at(has)} and set useSDKCreds: true`);
    }
    if (accessKeySecret !== undefined && useSDKCreds === true) {
      throw conflict(`${c.at('useSDKCreds')} is true and ${c.at('accessKeySecret')}/${c.at('secretKeySecret')} are set: use one way to sign`,
        'remove the key secrets to use ACK RRSA, or remove useSDKCreds');
    }
    if (accessKeySecret === undefined && useSDKCreds !== true) {
      throw conflict(`${c.path} has neither accessKeySecret/secretKeySecret nor useSDKCreds: Argo would send unsigned requests`,
        `set ${c.at('useSDKCreds')} to true (ACK RRSA), or set both key secrets`);
    }
    const createBucketIfNotPresent = c.bool('createBucketIfNotPresent', o.createBucketIfNotPresent);
    const lifecycleRule = o.lifecycleRule === undefined ? undefined : ossLifecycleRule(c, o.lifecycleRule);
    const keyFormat = c.format('keyFormat', o.keyFormat);
    const archiveLogs = c.bool('archiveLogs', o.archiveLogs);
    return ArtifactRepository.make(ArtifactRepositoryType.OSS, c.path, {
      archiveLogs,
      oss: { endpoint, bucket, accessKeySecret, secretKeySecret, createBucketIfNotPresent, lifecycleRule, useSDKCreds, keyFormat },
    });
  }

  /**
   * JFrog Artifactory (a generic repository), with user name and password Secrets.
   * @param path the option path of this repository, used in messages (`<path>.artifactory.<field>`)
   */
  public static artifactory(options: ArtifactoryRepositoryOptions, path?: string): ArtifactRepository {
    const { c, o } = start(path, 'artifactory', options, '{ repoURL: "https://artifactory.example.com/artifactory/generic-local", usernameSecret, passwordSecret }');
    c.known(o, ['repoURL', 'usernameSecret', 'passwordSecret', 'keyFormat', 'archiveLogs'], { url: 'rename it to "repoURL"' });
    checkUrl(c.at('repoURL'), o.repoURL, ['https', 'http'], 'an https:// or http:// URL of the repository', 'https://artifactory.example.com/artifactory/generic-local', true);
    const repoURL = o.repoURL as string;
    if (o.usernameSecret === undefined) {
      throw conflict(`${c.at('usernameSecret')} is missing: Argo needs the user name`, 'give a Secret key reference like { name: "artifactory-cred", key: "username" }');
    }
    if (o.passwordSecret === undefined) {
      throw conflict(`${c.at('passwordSecret')} is missing: Argo needs the password or API key`, 'give a Secret key reference like { name: "artifactory-cred", key: "password" }');
    }
    const usernameSecret = c.secret('usernameSecret', o.usernameSecret);
    const passwordSecret = c.secret('passwordSecret', o.passwordSecret);
    const keyFormat = c.format('keyFormat', o.keyFormat);
    const archiveLogs = c.bool('archiveLogs', o.archiveLogs);
    return ArtifactRepository.make(ArtifactRepositoryType.ARTIFACTORY, c.path, {
      archiveLogs, artifactory: { repoURL, usernameSecret, passwordSecret, keyFormat },
    });
  }

  /**
   * HDFS, as an HDFS user or with Kerberos (credential cache or keytab).
   * @param path the option path of this repository, used in messages (`<path>.hdfs.<field>`)
   */
  public static hdfs(options: HdfsRepositoryOptions, path?: string): ArtifactRepository {
    const { c, o } = start(path, 'hdfs', options, '{ addresses: ["namenode:8020"], hdfsUser: "argo" }');
    c.known(o, ['addresses', 'hdfsUser', 'dataTransferProtection', 'krbCCacheSecret', 'krbKeytabSecret', 'krbUsername', 'krbRealm',
      'krbConfigConfigMap', 'krbServicePrincipalName', 'pathFormat', 'force', 'archiveLogs']);
    const list = o.addresses as unknown;
    if (!Array.isArray(list) || list.length === 0) {
      throw invalid(c.at('addresses'), list, 'it must list at least one namenode address "host:port"', 'give a list like ["namenode:8020"]');
    }
    const addresses = list.map((a, i) => {
      const opt = `${c.at('addresses')}[${i}]`;
      const v = checkHostPort(opt, a, 'a namenode address "host:port"', 'namenode:8020');
      if (!/:\d{1,5}$/.test(v)) throw invalid(opt, a, 'it must be a namenode address "host:port" with a port', `use ${JSON.stringify(`${v}:8020`)}`);
      return v;
    });
    const hdfsUser = c.text('hdfsUser', o.hdfsUser, 'argo');
    const dtp = o.dataTransferProtection as HdfsDataTransferProtection | undefined;
    if (dtp !== undefined && !Object.values(HdfsDataTransferProtection).includes(dtp)) {
      throw invalid(c.at('dataTransferProtection'), dtp, 'it must be "authentication", "integrity" or "privacy"', 'use a HdfsDataTransferProtection value matching dfs.data.transfer.protection');
    }
    const krbCCacheSecret = c.secret('krbCCacheSecret', o.krbCCacheSecret);
    const krbKeytabSecret = c.secret('krbKeytabSecret', o.krbKeytabSecret);
    const krbUsername = c.text('krbUsername', o.krbUsername, 'argo');
    const krbRealm = c.text('krbRealm', o.krbRealm, 'EXAMPLE.COM');
    const krbConfigConfigMap = c.configMap('krbConfigConfigMap', o.krbConfigConfigMap);
    const krbServicePrincipalName = c.text('krbServicePrincipalName', o.krbServicePrincipalName, 'hdfs/namenode.example.com');
    if (hdfsUser === undefined && !krbCCacheSecret && !krbKeytabSecret) {
      throw conflict(`${c.path} has no identity: Argo needs hdfsUser, krbCCacheSecret or krbKeytabSecret`,
        `set ${c.at('hdfsUser')}, or Kerberos with ${c.at('krbKeytabSecret')} or ${c.at('krbCCacheSecret')}`);
    }
    if (krbCCacheSecret && krbKeytabSecret) {
      throw conflict(`${c.at('krbCCacheSecret')} and ${c.at('krbKeytabSecret')} are both set`, 'keep one Kerberos credential: the keytab (long-lived) or the credential cache');
    }
    const need = (fields: Record<string, unknown>, withWhat: string): void => {
      const missing = Object.entries(fields).filter(([, v]) => v === undefined).map(([k]) => c.at(k));
      if (missing.length) throw conflict(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: Argo requires ${Object.keys(fields).join(', ')} with ${withWhat}`, `set ${missing.join(', ')}`);
    };
    if (krbKeytabSecret) need({ krbServicePrincipalName, krbConfigConfigMap, krbUsername, krbRealm }, 'krbKeytabSecret');
    if (krbCCacheSecret) need({ krbServicePrincipalName, krbConfigConfigMap }, 'krbCCacheSecret');
    let pathFormat = DEFAULT_HDFS_PATH_FORMAT;
    if (o.pathFormat !== undefined) {
      pathFormat = validateKeyFormat(c.at('pathFormat'), o.pathFormat);
      if (!pathFormat.startsWith('/')) {
        throw invalid(c.at('pathFormat'), pathFormat, 'an HDFS path must be absolute (start with "/")', `use ${JSON.stringify(`/${pathFormat}`)}`);
      }
    }
    const force = c.bool('force', o.force);
    const archiveLogs = c.bool('archiveLogs', o.archiveLogs);
    return ArtifactRepository.make(ArtifactRepositoryType.HDFS, c.path, {
      archiveLogs,
      hdfs: {
        addresses, hdfsUser, dataTransferProtection: dtp, krbCCacheSecret, krbKeytabSecret, krbUsername, krbRealm, krbConfigConfigMap,
        krbServicePrincipalName, pathFormat, force,
      },
    });
  }

  /**
   * An artifact driver plugin (Argo v4). Its `name` must match an `artifactDrivers[].name` of the
   * controller config. argo-server needs each driver's image as a sidecar of its pod, which
   * argo-stack does not build yet: plugin repositories need `server.enabled: false`.
   * @param path the option path of this repository, used in messages (`<path>.plugin.<field>`)
   */
  public static plugin(options: PluginRepositoryOptions, path?: string): ArtifactRepository {
    const { c, o } = start(path, 'plugin', options, '{ name: "my-driver" }');
    c.known(o, ['name', 'configuration', 'keyFormat', 'archiveLogs']);
    const name = validateDnsLabel(c.at('name'), o.name);
    if (o.configuration !== undefined && typeof o.configuration !== 'string') {
      throw invalid(c.at('configuration'), o.configuration, 'it must be a string (Argo passes it to the plugin as is)', 'serialize it, e.g. with JSON.stringify');
    }
    const configuration = o.configuration as string | undefined;
    const keyFormat = c.format('keyFormat', o.keyFormat);
    const archiveLogs = c.bool('archiveLogs', o.archiveLogs);
    return ArtifactRepository.make(ArtifactRepositoryType.PLUGIN, c.path, { archiveLogs, plugin: { name, configuration, keyFormat } });
  }

  /** Not a repository type: `http` is an input-only artifact location. Always throws. */
  public static http(..._args: unknown[]): never {
    throw inputOnly('http');
  }

  /** Not a repository type: `git` is an input-only artifact location. Always throws. */
  public static git(..._args: unknown[]): never {
    throw inputOnly('git');
  }

  /** Not a repository type: `raw` is an input-only artifact location. Always throws. */
  public static raw(..._args: unknown[]): never {
    throw inputOnly('raw');
  }

  /** Tells whether a value was built by one of the factories. */
  public static isArtifactRepository(value: unknown): value is ArtifactRepository {
    return value instanceof ArtifactRepository;
  }

  private static make(type: ArtifactRepositoryType, base: string, spec: ArtifactRepositorySpec): ArtifactRepository {
    const pruned = pruneUndefined(spec) as ArtifactRepositorySpec;
    // The rendered spec must pass Argo's key tree; `base` ends in `.<type>`, so check under its parent.
    checkShape(base.slice(0, base.length - type.length - 1), pruned, ARTIFACT_REPOSITORY);
    return new ArtifactRepository(type, pruned);
  }

  private constructor(
    /** The driver. */
    public readonly type: ArtifactRepositoryType,
    /** The repository with Argo's exact keys (undefined options dropped). */
    public readonly spec: ArtifactRepositorySpec,
  ) {
    super();
  }

  /** Every Secret key this repository references, in a stable order. */
  public secretRefs(): SecretKeySelector[] {
    return repositorySecretRefs(this.spec);
  }

  /** Names of the Secrets this repository reads, sorted and unique. */
  public secretNames(): string[] {
    return [...new Set(this.secretRefs().map((r) => r.name as string))].sort();
  }

  /** Every ConfigMap key this repository references (the HDFS `krb5.conf`). */
  public configMapRefs(): ConfigMapKeySelector[] {
    return this.spec.hdfs?.krbConfigConfigMap ? [{ ...this.spec.hdfs.krbConfigConfigMap }] : [];
  }

  /** The artifact driver plugin name (plugin repositories only), to cross-check with `artifactDrivers`. */
  public get pluginName(): string | undefined {
    return this.spec.plugin?.name;
  }

  /** A short description for messages: `s3 my-bucket@minio:9000`. */
  public describe(): string {
    const s = this.spec;
    switch (this.type) {
      case ArtifactRepositoryType.S3: return `s3 ${s.s3!.bucket}@${s.s3!.endpoint}`;
      case ArtifactRepositoryType.GCS: return `gcs ${s.gcs!.bucket}`;
      case ArtifactRepositoryType.AZURE: return `azure ${s.azure!.container}@${s.azure!.endpoint}`;
      case ArtifactRepositoryType.OSS: return `oss ${s.oss!.bucket}@${s.oss!.endpoint}`;
      case ArtifactRepositoryType.ARTIFACTORY: return `artifactory ${s.artifactory!.repoURL}`;
      case ArtifactRepositoryType.HDFS: return `hdfs ${s.hdfs!.addresses!.join(',')}`;
      default: return `plugin ${s.plugin!.name}`;
    }
  }
}

/** Every Secret key a repository spec references (an `ArtifactRepository`'s, or one given raw in Argo's config), in a stable order. */
export function repositorySecretRefs(s: ArtifactRepositorySpec): SecretKeySelector[] {
  const refs = [
    s.s3?.accessKeySecret, s.s3?.secretKeySecret, s.s3?.sessionTokenSecret, s.s3?.caSecret, s.s3?.encryptionOptions?.serverSideCustomerKeySecret,
    s.gcs?.serviceAccountKeySecret,
    s.azure?.accountKeySecret,
    s.oss?.accessKeySecret, s.oss?.secretKeySecret,
    s.artifactory?.usernameSecret, s.artifactory?.passwordSecret,
    s.hdfs?.krbCCacheSecret, s.hdfs?.krbKeytabSecret,
  ];
  return refs.filter((r): r is SecretKeySelector => r !== undefined).map((r) => ({ ...r }));
}

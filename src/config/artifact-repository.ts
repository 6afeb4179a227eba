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
 */
import type {
  ArtifactRepositorySpec, ConfigMapKeySelector, CreateS3BucketOptions, OssLifecycleRule, S3EncryptionOptions, SecretKeySelector,
} from './controller-config';
import { exampleKey, isPlainObject, redact, rejectUnknownKeys } from './_checks';
import { ARTIFACT_REPOSITORY, checkShape } from './controller-config-schema';
import { conflict, invalid, show, ValidationError } from './errors';
import { validateDnsLabel, validateDnsSubdomain } from './names';

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
  readonly addressingStyle?: S3AddressingStyle;
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
  readonly dataTransferProtection?: HdfsDataTransferProtection;
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

// ---------------------------------------------------------------------------------------------
// Shared checks (exported for the cloud components, which name buckets and containers too)

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const SECRET_DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** Edit distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const v = value.toLowerCase();
    const l = c.toLowerCase();
    const dd = l === v ? 0 : l.startsWith(v) || v.startsWith(l) ? 1 : distance(value, c);
    if (dd < bestD) { best = c; bestD = dd; }
  }
  if (bestD <= Math.max(2, Math.floor(value.length / 4))) return best;
  // `pod.id` -> `pod.name`: the only candidate under the same dotted parent.
  const parent = value.slice(0, value.lastIndexOf('.') + 1);
  const siblings = parent ? candidates.filter((c) => c.startsWith(parent) && !c.slice(parent.length).includes('.')) : [];
  return siblings.length === 1 ? siblings[0] : undefined;
}

/** A name close to `value` made of lower-case letters, digits and the allowed separators. */
function suggestName(value: unknown, allowed: RegExp, fallback: string): string {
  const s = String(typeof value === 'string' ? value : '').toLowerCase()
    .replace(/^[a-z0-9]+:\/\//, '').replace(allowed, '-').replace(/-{2,}/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
  return s.length >= 3 ? s : fallback;
}

function schemeFix(option: string, value: string, scheme: string, fallback: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)/i.exec(value);
  if (m && m[1].toLowerCase() === scheme) return `drop the "${scheme}://" prefix: use ${JSON.stringify(m[2] || fallback)} as ${option.split('.').pop()}`;
  return undefined;
}

const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const S3_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const S3_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * Checks an S3 bucket name (AWS general purpose bucket rules): 3-63 characters of a-z, 0-9, "."
 * and "-", starting and ending with a letter or digit, no "..", not an IPv4 address, no reserved
 * prefix or suffix.
 */
export function validateS3Bucket(option: string, value: unknown): string {
  const rule = 'an S3 bucket name is 3-63 characters of lower-case letters, digits, "." and "-", starting and ending with a letter or digit';
  if (typeof value !== 'string' || !S3_BUCKET.test(value)) {
    const fix = typeof value === 'string' ? schemeFix(option, value, 's3', 'my-bucket') : undefined;
    throw invalid(option, value, rule, fix ?? `use a name like ${JSON.stringify(suggestName(value, /[^a-z0-9.-]+/g, 'my-bucket'))}`);
  }
  if (value.includes('..')) {
    throw invalid(option, value, 'an S3 bucket name must not contain ".."', `use ${JSON.stringify(value.replace(/\.{2,}/g, '.'))}`);
  }
  if (IPV4.test(value)) {
    throw invalid(option, value, 'an S3 bucket name must not be formatted as an IP address', 'use a name like "my-bucket"');
  }
  for (const p of S3_RESERVED_PREFIXES) {
    if (value.startsWith(p)) throw invalid(option, value, `an S3 bucket name must not start with the reserved prefix "${p}"`, `choose a name that does not start with "${p}"`);
  }
  for (const s of S3_RESERVED_SUFFIXES) {
    if (value.endsWith(s)) throw invalid(option, value, `an S3 bucket name must not end with the reserved suffix "${s}"`, `choose a name that does not end with "${s}"`);
  }
  return value;
}

const GCS_PART = /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$/;

/**
 * Checks a GCS bucket name: 3-63 characters of a-z, 0-9, "-" and "_", starting and ending with a
 * letter or digit; dotted names (domain-verified) up to 222 characters with parts of at most 63;
 * not an IP address, no "goog" prefix, no "google" or close misspelling.
 */
export function validateGcsBucket(option: string, value: unknown): string {
  const rule = 'a GCS bucket name is 3-63 characters of lower-case letters, digits, "-" and "_", starting and ending with a letter or digit (a name with "." may have 222 characters, at most 63 between dots, and needs a verified domain)';
  const parts = typeof value === 'string' ? value.split('.') : [];
  const dotted = parts.length > 1;
  if (typeof value !== 'string' || value.length < 3 || value.length > (dotted ? 222 : 63)
    || parts.some((p) => p.length > 63 || !GCS_PART.test(p))) {
    const fix = typeof value === 'string' ? schemeFix(option, value, 'gs', 'my-bucket') : undefined;
    throw invalid(option, value, rule, fix ?? `use a name like ${JSON.stringify(suggestName(value, /[^a-z0-9_-]+/g, 'my-bucket'))}`);
  }
  if (IPV4.test(value)) {
    throw invalid(option, value, 'a GCS bucket name must not be formatted as an IP address', 'use a name like "my-bucket"');
  }
  if (value.startsWith('goog')) {
    throw invalid(option, value, 'a GCS bucket name must not start with "goog"', 'choose a name that does not start with "goog"');
  }
  if (/g[o0]{2}g[l1]e/i.test(value)) {
    throw invalid(option, value, 'a GCS bucket name must not contain "google" or a close misspelling such as "g00gle"', 'choose a name without "google"');
  }
  return value;
}

const OSS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Checks an Alibaba Cloud OSS bucket name: 3-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit. */
export function validateOssBucket(option: string, value: unknown): string {
  if (typeof value !== 'string' || !OSS_BUCKET.test(value)) {
    const fix = typeof value === 'string' ? schemeFix(option, value, 'oss', 'my-bucket') : undefined;
    throw invalid(option, value, 'an OSS bucket name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit',
      fix ?? `use a name like ${JSON.stringify(suggestName(value, /[^a-z0-9-]+/g, 'my-bucket'))}`);
  }
  return value;
}

const AZURE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const AZURE_CONTAINER = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** A valid storage account name close to `value` (or "mystorageaccount"), for "Fix:" hints. */
function suggestAzureAccount(value: unknown): string {
  const s = String(typeof value === 'string' ? value : '').toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 24);
  return s.length >= 3 ? s : 'mystorageaccount';
}

/** Checks an Azure storage account name: 3-24 lower-case letters and digits. */
export function validateAzureAccountName(option: string, value: unknown): string {
  if (typeof value !== 'string' || !AZURE_ACCOUNT.test(value)) {
    throw invalid(option, value, 'an Azure storage account name is 3-24 lower-case letters and digits', `use a name like ${JSON.stringify(suggestAzureAccount(value))}`);
  }
  return value;
}

/** Checks an Azure blob container name: 3-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit, no "--". */
export function validateAzureContainer(option: string, value: unknown): string {
  if (typeof value !== 'string' || !AZURE_CONTAINER.test(value)) {
    throw invalid(option, value, 'an Azure blob container name is 3-63 characters of lower-case letters, digits and "-", starting and ending with a letter or digit, with no "--"',
      `use a name like ${JSON.stringify(suggestName(value, /[^a-z0-9-]+/g, 'artifacts'))}`);
  }
  return value;
}

/** Checks a `{ name, key }` Secret key reference and returns a copy. */
export function validateSecretKeySelector(option: string, value: unknown): SecretKeySelector {
  return checkKeySelector(option, value, 'Secret') as SecretKeySelector;
}

/**
 * A `{ name, key }` reference. For a Secret, anything that is not such a reference (often the secret
 * itself, written where its reference belongs) is never shown.
 */
function checkKeySelector(option: string, value: unknown, kind: 'Secret' | 'ConfigMap'): SecretKeySelector | ConfigMapKeySelector {
  const secret = kind === 'Secret';
  const key = exampleKey(option);
  if (!isPlainObject(value)) {
    throw secret
      ? invalid(option, redact(value), 'it must reference a Secret key as { name, key }, not hold the secret itself',
        `put the value in a Secret and give { name: "my-secret", key: ${JSON.stringify(key)} }`)
      : invalid(option, value, 'it must reference a ConfigMap key as { name, key }', `give an object like { name: "my-configmap", key: ${JSON.stringify(key)} }`);
  }
  for (const k of Object.keys(value)) {
    if (k !== 'name' && k !== 'key' && k !== 'optional') {
      throw secret
        ? invalid(`${option}.${k}`, redact(value[k]), 'a Secret key reference has only name, key and optional', `remove ${k} (never put the secret itself in the options)`)
        : invalid(`${option}.${k}`, value[k], 'a ConfigMap key reference has only name, key and optional', `remove ${k}`);
    }
  }
  const name = validateDnsSubdomain(`${option}.name`, value.name);
  if (typeof value.key !== 'string' || value.key.length > 253 || !SECRET_DATA_KEY.test(value.key)) {
    throw invalid(`${option}.key`, value.key, `a ${kind} data key is 1-253 characters of letters, digits, "-", "_" and "."`, `give the key inside the object, e.g. ${JSON.stringify(key)}`);
  }
  if (value.optional !== undefined && typeof value.optional !== 'boolean') {
    throw invalid(`${option}.optional`, value.optional, 'it must be true or false', 'give a boolean or remove it');
  }
  return { name, key: value.key, ...(value.optional !== undefined ? { optional: value.optional as boolean } : {}) };
}

// ---- key formats ----

/** The one-letter `workflow.creationTimestamp.<x>` variables Argo sets (its strftime subset), plus `s` and `RFC3339`. */
export const CREATION_TIMESTAMP_FORMATS: readonly string[] = ['Y', 'y', 'm', 'd', 'H', 'I', 'M', 'S', 'L', 'p', 'B', 'b', 'A', 'a', 'Z', 'z', 's', 'RFC3339'];
/** Variables without a suffix that Argo resolves in a key format. */
export const KEY_FORMAT_VARIABLES: readonly string[] = [
  'workflow.name', 'workflow.namespace', 'workflow.uid', 'workflow.creationTimestamp', 'workflow.mainEntrypoint',
  'workflow.serviceAccountName', 'pod.name', ...CREATION_TIMESTAMP_FORMATS.map((c) => `workflow.creationTimestamp.${c}`),
];
/** Variable prefixes that take a label, annotation or parameter name. */
const KEY_FORMAT_PREFIXES = ['workflow.labels.', 'workflow.annotations.', 'workflow.parameters.'];
const PREFIXED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;
const KNOWN_VARIABLES_TEXT = '{{workflow.name}}, {{workflow.namespace}}, {{workflow.uid}}, {{workflow.creationTimestamp}}, '
  + '{{workflow.creationTimestamp.<Y|y|m|d|H|I|M|S|L|p|B|b|A|a|Z|z|s|RFC3339>}}, {{workflow.mainEntrypoint}}, {{workflow.serviceAccountName}}, '
  + '{{pod.name}}, {{workflow.labels.<key>}}, {{workflow.annotations.<key>}} and {{workflow.parameters.<name>}}';

/**
 * Checks a key, blob name or path pattern: every `{{...}}` must be a variable Argo resolves when it
 * stores an artifact, and braces must be balanced.
 */
export function validateKeyFormat(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(option, value, 'it must be a non-empty string', `omit it for Argo's default "{{workflow.name}}/{{pod.name}}", or give a pattern like "{{workflow.name}}/{{pod.name}}"`);
  }
  let rest = value;
  for (;;) {
    const open = rest.indexOf('{{');
    const close = rest.indexOf('}}');
    const before = open < 0 ? rest : rest.slice(0, open);
    if (open < 0 && close < 0 && !/[{}]/.test(rest)) break;
    if (open < 0 || /[{}]/.test(before) || close < open) {
      throw invalid(option, value, 'its braces are unbalanced: every variable is written "{{name}}", with no other "{" or "}"',
        'write each variable as {{name}}, e.g. "{{workflow.name}}/{{pod.name}}"');
    }
    const end = rest.indexOf('}}', open + 2);
    const inner = rest.slice(open + 2, end);
    if (end < 0 || /[{}]/.test(inner)) {
      throw invalid(option, value, 'its braces are unbalanced: every variable is written "{{name}}", with no other "{" or "}"',
        'write each variable as {{name}}, e.g. "{{workflow.name}}/{{pod.name}}"');
    }
    const tag = inner.trim();
    const prefix = KEY_FORMAT_PREFIXES.find((p) => tag.startsWith(p));
    const known = KEY_FORMAT_VARIABLES.includes(tag) || (prefix !== undefined && PREFIXED_NAME.test(tag.slice(prefix.length)));
    if (!known) {
      const near = prefix === undefined ? closest(tag, KEY_FORMAT_VARIABLES) : undefined;
      throw invalid(option, value, `"{{${inner}}}" is not a variable Argo resolves in an artifact key; the known ones are ${KNOWN_VARIABLES_TEXT}`,
        prefix !== undefined ? `write a label, annotation or parameter name after "${prefix}", e.g. {{${prefix}app}}`
          : near ? `use {{${near}}}` : 'use one of the known variables');
    }
    rest = rest.slice(end + 2);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Option checks with a path prefix

class Checker {
  constructor(readonly base: string, private readonly factory: string) {}

  at(field: string): string {
    return `${this.base}.${field}`;
  }

  /**
   * Rejects option names the factory does not have (typos in plain JavaScript or casts). The value
   * is never shown: a mistyped `secretKey` or `password` holds the secret itself. `rejectedLater`
   * are options the factory rejects with its own message; they are not listed as options.
   */
  known(o: Record<string, unknown>, allowed: readonly string[], hints: Record<string, string> = {}, rejectedLater: readonly string[] = []): void {
    for (const k of Object.keys(o)) {
      if (allowed.includes(k) || rejectedLater.includes(k) || o[k] === undefined) continue;
      const near = closest(k, allowed);
      throw conflict(`${this.at(k)} is not an option of ArtifactRepository.${this.factory}; its options are ${allowed.join(', ')}`,
        hints[k] ?? (near ? `rename it to "${near}"` : `remove ${this.at(k)}`));
    }
  }

  bool(field: string, v: unknown): boolean | undefined {
    if (v !== undefined && typeof v !== 'boolean') throw invalid(this.at(field), v, 'it must be true or false', 'give a boolean');
    return v as boolean | undefined;
  }

  text(field: string, v: unknown, example: string, required = false): string | undefined {
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.trim() === '' || v !== v.trim()) {
      throw invalid(this.at(field), v, 'it must be a non-empty string without leading or trailing spaces', `give a value like ${JSON.stringify(example)}`);
    }
    return v;
  }

  secret(field: string, v: unknown): SecretKeySelector | undefined {
    return v === undefined ? undefined : validateSecretKeySelector(this.at(field), v);
  }

  configMap(field: string, v: unknown): ConfigMapKeySelector | undefined {
    return v === undefined ? undefined : checkKeySelector(this.at(field), v, 'ConfigMap') as ConfigMapKeySelector;
  }

  format(field: string, v: unknown): string | undefined {
    return v === undefined ? undefined : validateKeyFormat(this.at(field), v);
  }
}

function start(path: string | undefined, type: string, options: unknown, example: string): { c: Checker; o: Record<string, unknown> } {
  const base = path ? `${path}.${type}` : type;
  if (!isPlainObject(options)) {
    throw invalid(base, options, `ArtifactRepository.${type} takes an options object`, `pass an object like ${example}`);
  }
  return { c: new Checker(base, type), o: options };
}

/** `host[:port]` without scheme or path; returns the offending part for the fix when a scheme is given. */
function checkHostPort(option: string, value: unknown, what: string, example: string): string {
  if (typeof value !== 'string') throw invalid(option, value, `it must be ${what}`, `give a value like ${JSON.stringify(example)}`);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(value);
  if (scheme) {
    const hostPort = scheme[2] || example;
    const s = scheme[1].toLowerCase();
    throw invalid(option, value, `it must be ${what}, without a scheme`,
      s === 'http' ? `set it to ${JSON.stringify(hostPort)} and set insecure: true for plain HTTP`
        : s === 'https' ? `set it to ${JSON.stringify(hostPort)} (HTTPS is the default)`
          : `set it to ${JSON.stringify(hostPort)}`);
  }
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:/\s]+)(?::(\d{1,5}))?$/.exec(value);
  const host = m?.[1] ?? '';
  const port = m?.[2] !== undefined ? Number(m[2]) : undefined;
  if (!m || !(host.startsWith('[') || HOST.test(host)) || (port !== undefined && (port < 1 || port > 65535))) {
    const hint = value.replace(/[/?#].*$/, '');
    throw invalid(option, value, `it must be ${what}, without a scheme or path`,
      `give a value like ${JSON.stringify(hint && hint !== value && /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(hint) ? hint : example)}`);
  }
  return value;
}

/** An absolute URL of the given schemes with a host, no credentials, query or fragment. */
function checkUrl(option: string, value: unknown, schemes: readonly string[], what: string, example: string, allowPath: boolean): URL {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || !url.hostname) {
    const fix = typeof value === 'string' && /^[A-Za-z0-9.-]+(:\d+)?(\/.*)?$/.test(value) ? `use ${JSON.stringify(`${schemes[0]}://${value}`)}` : `give a URL like ${JSON.stringify(example)}`;
    throw invalid(option, value, `it must be ${what}`, fix);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme)) {
    throw invalid(option, value, `it must be ${what}`, `use ${JSON.stringify(`${schemes[0]}://${(value as string).replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}`)}`);
  }
  if (url.username || url.password) {
    throw invalid(option, value, 'it must not carry credentials', 'remove the user and password from the URL and use the secret options');
  }
  if (url.search || url.hash || (value as string).includes('?')) {
    throw invalid(option, value, 'it must not carry a query string or fragment (never put a SAS token or other credential in a URL)', `use ${JSON.stringify(`${url.protocol}//${url.host}${allowPath ? url.pathname : ''}`)}`);
  }
  if (!allowPath && url.pathname !== '/' && url.pathname !== '') {
    throw invalid(option, value, `it must be ${what}, without a path`, `use ${JSON.stringify(`${url.protocol}//${url.host}`)}`);
  }
  return url;
}

// ---------------------------------------------------------------------------------------------

const INPUT_ONLY_FIX: Record<string, string> = {
  http: 'keep http artifacts on template inputs (inputs.artifacts[].http) and store outputs and logs in one of those repository types',
  git: 'keep git artifacts on template inputs (inputs.artifacts[].git) and store outputs and logs in one of those repository types',
  raw: 'keep raw artifacts on template inputs (inputs.artifacts[].raw) and store outputs and logs in one of those repository types',
};

function inputOnly(type: 'http' | 'git' | 'raw'): ValidationError {
  return conflict(`ArtifactRepository.${type}(): "${type}" is an input-only artifact location in Argo, not a repository type; use s3, gcs, azure, oss, artifactory, hdfs or plugin`,
    INPUT_ONLY_FIX[type]);
}

/**
 * One artifact repository: a driver and its settings, validated and rendered with Argo's keys.
 * Build it with a static factory (`ArtifactRepository.s3({ bucket: "my-bucket" })`).
 */
export class ArtifactRepository {
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

    if ((accessKeySecret === undefined) !== (secretKeySecret === undefined)) {
      const [has, missing] = accessKeySecret ? ['accessKeySecret', 'secretKeySecret'] : ['secretKeySecret', 'accessKeySecret'];
      throw conflict(`${c.at(has)} is set without ${c.at(missing)}: static S3 keys need both`,
        `set ${c.at(missing)} too, or remove ${c.at(has)} to use useSDKCreds, roleARN or the pod's IAM identity`);
    }
    const staticKeys = accessKeySecret !== undefined;
    if (useSDKCreds && staticKeys) {
      throw conflict(`${c.at('useSDKCreds')} is true and ${c.at('accessKeySecret')}/${c.at('secretKeySecret')} are set: Argo signs with the static keys and ignores useSDKCreds`,
        'remove the key secrets to use the AWS SDK credential chain (IRSA, EKS Pod Identity), or remove useSDKCreds to use the keys');
    }
    if (roleARN !== undefined && staticKeys) {
      throw conflict(`${c.at('roleARN')} is set with ${c.at('accessKeySecret')}/${c.at('secretKeySecret')}: Argo signs with the static keys and never assumes the role`,
        'remove the key secrets to assume the role with the pod\'s identity, or remove roleARN');
    }
    if (sessionTokenSecret !== undefined && !staticKeys) {
      throw conflict(`${c.at('sessionTokenSecret')} is set without ${c.at('accessKeySecret')} and ${c.at('secretKeySecret')}: a session token only completes temporary static keys`,
        'set the key secrets too, or remove sessionTokenSecret');
    }
    if (insecure === true && caSecret !== undefined) {
      throw conflict(`${c.at('caSecret')} is set but ${c.at('insecure')} is true: insecure makes Argo use plain HTTP, so the CA is never used`,
        'set insecure to false (or remove it) to use HTTPS verified with the CA, or remove caSecret');
    }

    let encryptionOptions: S3EncryptionOptions | undefined;
    if (o.encryptionOptions !== undefined) {
      const e = o.encryptionOptions as unknown;
      const ep = c.at('encryptionOptions');
      if (!isPlainObject(e)) throw invalid(ep, e, 'it must be an object with enableEncryption, kmsKeyId, kmsEncryptionContext or serverSideCustomerKeySecret', 'give an object like { enableEncryption: true }');
      const ec = new Checker(ep, 's3');
      rejectUnknownKeys(ep, e, ['enableEncryption', 'kmsKeyId', 'kmsEncryptionContext', 'serverSideCustomerKeySecret']);
      const enableEncryption = ec.bool('enableEncryption', e.enableEncryption);
      const kmsKeyId = ec.text('kmsKeyId', e.kmsKeyId, 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      const kmsEncryptionContext = ec.text('kmsEncryptionContext', e.kmsEncryptionContext, '{"project":"argo"}');
      const sse = ec.secret('serverSideCustomerKeySecret', e.serverSideCustomerKeySecret);
      if (kmsEncryptionContext !== undefined) {
        let parsed: unknown;
        try { parsed = JSON.parse(kmsEncryptionContext); } catch { parsed = undefined; }
        if (!isPlainObject(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
          throw invalid(ec.at('kmsEncryptionContext'), kmsEncryptionContext, 'it must be a JSON object of string values', 'give a value like "{\\"project\\":\\"argo\\"}"');
        }
        if (kmsKeyId === undefined) {
          throw conflict(`${ec.at('kmsEncryptionContext')} is set without ${ec.at('kmsKeyId')}: the context only applies to SSE-KMS`, 'set kmsKeyId, or remove kmsEncryptionContext');
        }
      }
      if (kmsKeyId !== undefined && sse !== undefined) {
        throw conflict(`${ec.at('kmsKeyId')} and ${ec.at('serverSideCustomerKeySecret')} are both set: Argo refuses SSE-KMS and SSE-C together`, 'keep one of them');
      }
      if (enableEncryption !== true && (kmsKeyId !== undefined || sse !== undefined)) {
        throw conflict(`${ep} sets ${kmsKeyId !== undefined ? 'kmsKeyId' : 'serverSideCustomerKeySecret'} but enableEncryption is not true: Argo ignores every encryption option unless enableEncryption is true`,
          `set ${ec.at('enableEncryption')} to true`);
      }
      if (sse !== undefined && insecure === true) {
        throw conflict(`${ec.at('serverSideCustomerKeySecret')} is set but ${c.at('insecure')} is true: Argo refuses SSE-C over plain HTTP`, 'use HTTPS (remove insecure), or remove serverSideCustomerKeySecret');
      }
      encryptionOptions = { enableEncryption, kmsKeyId, kmsEncryptionContext, serverSideCustomerKeySecret: sse };
    }

    let createBucketIfNotPresent: CreateS3BucketOptions | undefined;
    const cb = o.createBucketIfNotPresent as unknown;
    if (cb === true) createBucketIfNotPresent = {};
    else if (isPlainObject(cb)) {
      rejectUnknownKeys(c.at('createBucketIfNotPresent'), cb, ['objectLocking']);
      const objectLocking = new Checker(c.at('createBucketIfNotPresent'), 's3').bool('objectLocking', cb.objectLocking);
      createBucketIfNotPresent = objectLocking === undefined ? {} : { objectLocking };
    } else if (cb !== undefined && cb !== false) {
      throw invalid(c.at('createBucketIfNotPresent'), cb, 'it must be true, false or { objectLocking: boolean }', 'give true to let Argo create the bucket');
    }

    const addressingStyle = o.addressingStyle as S3AddressingStyle | undefined;
    if (addressingStyle !== undefined && !Object.values(S3AddressingStyle).includes(addressingStyle)) {
      throw invalid(c.at('addressingStyle'), addressingStyle, 'it must be "path" or "virtual-hosted"', 'use S3AddressingStyle.PATH or S3AddressingStyle.VIRTUAL_HOSTED, or omit it for auto-detection');
    }
    if (addressingStyle === S3AddressingStyle.VIRTUAL_HOSTED && bucket.includes('.') && insecure !== true) {
      throw conflict(`${c.at('bucket')} "${bucket}" contains "." and ${c.at('addressingStyle')} is "virtual-hosted": the host "${bucket}.${endpoint}" fails the TLS certificate check`,
        `use S3AddressingStyle.PATH (or omit addressingStyle), or a bucket name without "." such as ${JSON.stringify(bucket.replace(/\./g, '-'))}`);
    }
    const archiveLogs = c.bool('archiveLogs', o.archiveLogs);

    return ArtifactRepository.make(ArtifactRepositoryType.S3, c.base, {
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
    return ArtifactRepository.make(ArtifactRepositoryType.GCS, c.base, { archiveLogs, gcs: { bucket, serviceAccountKeySecret, keyFormat } });
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
      throw conflict(`${c.base} has neither accountKeySecret nor useSDKCreds: Argo needs exactly one of them to reach the container`,
        `set ${c.at('useSDKCreds')} to true (AKS Workload Identity), or set ${c.at('accountKeySecret')} to a Secret key holding the account key or a SAS token`);
    }
    const blobNameFormat = c.format('blobNameFormat', o.blobNameFormat);
    const archiveLogs = c.bool('archiveLogs', o.archiveLogs);
    return ArtifactRepository.make(ArtifactRepositoryType.AZURE, c.base, {
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
      throw conflict(`${c.base} has neither accessKeySecret/secretKeySecret nor useSDKCreds: Argo would send unsigned requests`,
        `set ${c.at('useSDKCreds')} to true (ACK RRSA), or set both key secrets`);
    }
    const createBucketIfNotPresent = c.bool('createBucketIfNotPresent', o.createBucketIfNotPresent);
    let lifecycleRule: OssLifecycleRule | undefined;
    if (o.lifecycleRule !== undefined) {
      const r = o.lifecycleRule as unknown;
      const rp = c.at('lifecycleRule');
      if (!isPlainObject(r)) throw invalid(rp, r, 'it must be { markInfrequentAccessAfterDays?, markDeletionAfterDays? }', 'give an object like { markDeletionAfterDays: 30 }');
      rejectUnknownKeys(rp, r, ['markInfrequentAccessAfterDays', 'markDeletionAfterDays']);
      const days = (k: 'markInfrequentAccessAfterDays' | 'markDeletionAfterDays'): number | undefined => {
        const v = r[k];
        if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 2147483647)) {
          throw invalid(`${rp}.${k}`, v, 'it must be a whole number of days, 1 or more', 'give a number of days such as 30');
        }
        return v as number | undefined;
      };
      const ia = days('markInfrequentAccessAfterDays');
      const del = days('markDeletionAfterDays');
      if (ia === undefined && del === undefined) throw invalid(rp, r, 'it must set markInfrequentAccessAfterDays or markDeletionAfterDays', 'set one of them, or remove lifecycleRule');
      if (ia !== undefined && del !== undefined && ia >= del) {
        throw conflict(`${rp}.markInfrequentAccessAfterDays (${ia}) is not less than ${rp}.markDeletionAfterDays (${del}): objects would be deleted before they move to Infrequent Access`,
          'make markInfrequentAccessAfterDays smaller than markDeletionAfterDays');
      }
      lifecycleRule = { markInfrequentAccessAfterDays: ia, markDeletionAfterDays: del };
    }
    const keyFormat = c.format('keyFormat', o.keyFormat);
    const archiveLogs = c.bool('archiveLogs', o.archiveLogs);
    return ArtifactRepository.make(ArtifactRepositoryType.OSS, c.base, {
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
    return ArtifactRepository.make(ArtifactRepositoryType.ARTIFACTORY, c.base, {
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
      throw conflict(`${c.base} has no identity: Argo needs hdfsUser, krbCCacheSecret or krbKeytabSecret`,
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
    return ArtifactRepository.make(ArtifactRepositoryType.HDFS, c.base, {
      archiveLogs,
      hdfs: {
        addresses, hdfsUser, dataTransferProtection: dtp, krbCCacheSecret, krbKeytabSecret, krbUsername, krbRealm, krbConfigConfigMap,
        krbServicePrincipalName, pathFormat, force,
      },
    });
  }

  /**
   * An artifact driver plugin (Argo v4). Its `name` must match an `artifactDrivers[].name` of the
   * controller config, which also runs the plugin's image as a sidecar of argo-server.
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
    return ArtifactRepository.make(ArtifactRepositoryType.PLUGIN, c.base, { archiveLogs, plugin: { name, configuration, keyFormat } });
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
  ) {}

  /** Every Secret key this repository references, in a stable order. */
  public secretRefs(): SecretKeySelector[] {
    const s = this.spec;
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

function pruneUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneUndefined);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = pruneUndefined(v);
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// The `artifact-repositories` ConfigMap

/** The ConfigMap name Argo looks up when a workflow has no `artifactRepositoryRef.configMap`. */
export const DEFAULT_ARTIFACT_REPOSITORIES_CONFIGMAP = 'artifact-repositories';
/** The annotation that names the default key of an artifact repositories ConfigMap. */
export const DEFAULT_ARTIFACT_REPOSITORY_ANNOTATION = 'workflows.argoproj.io/default-artifact-repository';

export interface ArtifactRepositoriesOptions {
  /** The repositories, one ConfigMap data key each (keys: letters, digits, "-", "_" and "."). At least one. */
  readonly repositories: Record<string, ArtifactRepository>;
  /**
   * The key workflows use when their `artifactRepositoryRef` names no key (the
   * `workflows.argoproj.io/default-artifact-repository` annotation).
   * @default - the first key of `repositories`
   */
  readonly defaultKey?: string;
  /**
   * The ConfigMap name. Argo only finds `artifact-repositories` without an explicit
   * `artifactRepositoryRef.configMap`, so another name needs that ref in every workflow.
   * @default "artifact-repositories"
   */
  readonly configMapName?: string;
}

export interface ResolvedArtifactRepositories {
  readonly configMapName: string;
  readonly defaultKey: string;
  /** The repositories in key order. */
  readonly repositories: Readonly<Record<string, ArtifactRepository>>;
  /** Names of the Secrets the repositories read (they must exist in each namespace that uses them), sorted. */
  readonly secretNames: string[];
  /** Names of the artifact driver plugins the repositories use, sorted. */
  readonly pluginNames: string[];
}

const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** Validates the repositories of one `artifact-repositories` ConfigMap and resolves its defaults. */
export function resolveArtifactRepositories(o: ArtifactRepositoriesOptions, path = 'artifactRepositories'): ResolvedArtifactRepositories {
  if (!isPlainObject(o)) {
    throw invalid(path, o, 'it must be an object with repositories', 'pass { repositories: { default: ArtifactRepository.s3({ bucket: "my-bucket" }) } }');
  }
  rejectUnknownKeys(path, o as unknown as Record<string, unknown>, ['repositories', 'defaultKey', 'configMapName']);
  const repos = o.repositories as unknown;
  if (!isPlainObject(repos)) {
    throw invalid(`${path}.repositories`, repos, 'it must be an object of key to ArtifactRepository', 'pass { default: ArtifactRepository.s3({ bucket: "my-bucket" }) }');
  }
  const keys = Object.keys(repos);
  if (keys.length === 0) {
    throw invalid(`${path}.repositories`, repos, 'it must hold at least one repository', 'add one, e.g. { default: ArtifactRepository.s3({ bucket: "my-bucket" }) }');
  }
  const repositories: Record<string, ArtifactRepository> = {};
  for (const key of keys) {
    if (key.length > 253 || !CONFIGMAP_KEY.test(key)) {
      throw invalid(`${path}.repositories key`, key, 'a ConfigMap data key is 1-253 characters of letters, digits, "-", "_" and "."',
        `rename it, e.g. ${JSON.stringify(key.replace(/[^-._a-zA-Z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 253) || 'default')}`);
    }
    const repo = repos[key];
    const option = `${path}.repositories[${JSON.stringify(key)}]`;
    if (!(repo instanceof ArtifactRepository)) {
      throw new ValidationError(`${option} is not an ArtifactRepository (got ${repo === null ? 'null' : Array.isArray(repo) ? 'an array' : typeof repo}). Fix: build it with ArtifactRepository.s3(...), gcs, azure, oss, artifactory, hdfs or plugin`);
    }
    checkShape(option, repo.spec, ARTIFACT_REPOSITORY);
    repositories[key] = repo;
  }
  const defaultKey = o.defaultKey ?? keys[0];
  if (typeof defaultKey !== 'string' || !keys.includes(defaultKey)) {
    throw invalid(`${path}.defaultKey`, defaultKey, `it must be one of the repository keys: ${keys.map((k) => JSON.stringify(k)).join(', ')}`,
      `use one of them, or add a repository under ${show(defaultKey)}`);
  }
  const configMapName = validateDnsSubdomain(`${path}.configMapName`, o.configMapName ?? DEFAULT_ARTIFACT_REPOSITORIES_CONFIGMAP);
  const all = Object.values(repositories);
  return {
    configMapName,
    defaultKey,
    repositories,
    secretNames: [...new Set(all.flatMap((r) => r.secretNames()))].sort(),
    pluginNames: [...new Set(all.flatMap((r) => (r.pluginName ? [r.pluginName] : [])))].sort(),
  };
}

/**
 * Option checks of the `ArtifactRepository` factories: the `RepositoryChecker` that names every option under
 * the repository's path, the nested options (S3 encryption and bucket creation, the OSS lifecycle
 * rule), the error of the input-only locations, and the pruning of unset keys. Internal to the package.
 */
import type { ConfigMapKeySelector, CreateS3BucketOptions, OssLifecycleRule, S3EncryptionOptions, SecretKeySelector } from '../controller-config';
import { checkKeySelector, validateKeyFormat, validateSecretKeySelector } from './_artifact-naming';
import { Checker, closest, isPlainObject, rejectUnknownKeys } from '../check';
import { conflict, invalid, ValidationError } from '../errors';

/**
 * The path-scoped `Checker` of one factory call: options are named `<path>.<type>.<field>`, and an
 * unknown option is reported as an option of `ArtifactRepository.<type>`.
 */
export class RepositoryChecker extends Checker {
  constructor(base: string, private readonly factory: string) {
    super(base);
  }

  /**
   * Rejects option names the factory does not have (typos in plain JavaScript or casts). The value
   * is never shown: a mistyped `secretKey` or `password` holds the secret itself. `rejectedLater`
   * are options the factory rejects with its own message; they are not listed as options.
   */
  override known(o: Record<string, unknown>, allowed: readonly string[], hints: Record<string, string> = {}, rejectedLater: readonly string[] = []): void {
    for (const k of Object.keys(o)) {
      if (allowed.includes(k) || rejectedLater.includes(k) || o[k] === undefined) continue;
      const near = closest(k, allowed);
      throw conflict(`${this.at(k)} is not an option of ArtifactRepository.${this.factory}; its options are ${allowed.join(', ')}`,
        hints[k] ?? (near ? `rename it to "${near}"` : `remove ${this.at(k)}`));
    }
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

/** The checker of one factory call; `options` must be an object. */
export function start(path: string | undefined, type: string, options: unknown, example: string): { c: RepositoryChecker; o: Record<string, unknown> } {
  const base = path ? `${path}.${type}` : type;
  if (!isPlainObject(options)) {
    throw invalid(base, options, `ArtifactRepository.${type} takes an options object`, `pass an object like ${example}`);
  }
  return { c: new RepositoryChecker(base, type), o: options };
}

/** How S3 credentials combine: both static keys or neither, and nothing Argo would silently ignore. */
export function s3CredentialRules(c: RepositoryChecker, k: {
  accessKeySecret?: SecretKeySelector; secretKeySecret?: SecretKeySelector; sessionTokenSecret?: SecretKeySelector; caSecret?: SecretKeySelector;
  useSDKCreds?: boolean; roleARN?: string; insecure?: boolean;
}): void {
  const { accessKeySecret, secretKeySecret, sessionTokenSecret, caSecret, useSDKCreds, roleARN, insecure } = k;
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
}

/** `s3.encryptionOptions`, checked as Argo applies them (`insecure` is the repository's own option). */
export function s3EncryptionOptions(c: RepositoryChecker, e: unknown, insecure: boolean | undefined): S3EncryptionOptions {
  const ep = c.at('encryptionOptions');
  if (!isPlainObject(e)) throw invalid(ep, e, 'it must be an object with enableEncryption, kmsKeyId, kmsEncryptionContext or serverSideCustomerKeySecret', 'give an object like { enableEncryption: true }');
  const ec = new RepositoryChecker(ep, 's3');
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
  return { enableEncryption, kmsKeyId, kmsEncryptionContext, serverSideCustomerKeySecret: sse };
}

/** `s3.createBucketIfNotPresent`: `true` renders `{}`; an object may set `objectLocking`. */
export function s3CreateBucket(c: RepositoryChecker, cb: unknown): CreateS3BucketOptions | undefined {
  if (cb === true) return {};
  if (isPlainObject(cb)) {
    rejectUnknownKeys(c.at('createBucketIfNotPresent'), cb, ['objectLocking']);
    const objectLocking = new RepositoryChecker(c.at('createBucketIfNotPresent'), 's3').bool('objectLocking', cb.objectLocking);
    return objectLocking === undefined ? {} : { objectLocking };
  }
  if (cb !== undefined && cb !== false) {
    throw invalid(c.at('createBucketIfNotPresent'), cb, 'it must be true, false or { objectLocking: boolean }', 'give true to let Argo create the bucket');
  }
  return undefined;
}

/** `oss.lifecycleRule`: days until Infrequent Access and until deletion, the first before the second. */
export function ossLifecycleRule(c: RepositoryChecker, r: unknown): OssLifecycleRule {
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
  return { markInfrequentAccessAfterDays: ia, markDeletionAfterDays: del };
}

const INPUT_ONLY_FIX: Record<string, string> = {
  http: 'keep http artifacts on template inputs (inputs.artifacts[].http) and store outputs and logs in one of those repository types',
  git: 'keep git artifacts on template inputs (inputs.artifacts[].git) and store outputs and logs in one of those repository types',
  raw: 'keep raw artifacts on template inputs (inputs.artifacts[].raw) and store outputs and logs in one of those repository types',
};

/** The error of `ArtifactRepository.http()`, `git()` and `raw()`: input-only locations, not repositories. */
export function inputOnly(type: 'http' | 'git' | 'raw'): ValidationError {
  return conflict(`ArtifactRepository.${type}(): "${type}" is an input-only artifact location in Argo, not a repository type; use s3, gcs, azure, oss, artifactory, hdfs or plugin`,
    INPUT_ONLY_FIX[type]);
}

/** A copy without `undefined` values, so the rendered spec has only the keys that are set. */
export function pruneUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneUndefined);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = pruneUndefined(v);
    return out;
  }
  return value;
}
